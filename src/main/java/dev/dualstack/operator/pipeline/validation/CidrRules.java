package dev.dualstack.operator.pipeline.validation;

import dev.dualstack.operator.pipeline.field.ErrorType;
import dev.dualstack.operator.pipeline.field.Errors;
import dev.dualstack.operator.pipeline.field.FieldPath;
import dev.dualstack.operator.pipeline.field.Rule;
import dev.dualstack.operator.pipeline.net.Cidr;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One CIDR field, wherever it is: it is present, parses without DNS, is not IPv4-mapped IPv6 and is
 * canonical. A CIDR that fails any of these is not handed to dependent checks.
 */
final class CidrRules {
  private CidrRules() {}

  /** The parsed block, or empty after reporting why {@code text} is not usable. */
  static Optional<Cidr> parse(String text, FieldPath path, Errors errors) {
    if (text == null || text.isBlank()) {
      errors.add(
          Rule.NET_003, ErrorType.REQUIRED, path, null, "a CIDR such as 10.0.0.0/8 or fd00::/48");
      return Optional.empty();
    }
    Optional<Cidr> parsed = Cidr.parse(text);
    if (parsed.isEmpty()) {
      errors.add(Rule.NET_003, ErrorType.INVALID, path, text, whyNotCidr(text));
      return Optional.empty();
    }
    Cidr c = parsed.get();
    if (c.isIpv4Mapped()) {
      errors.add(
          Rule.NET_004,
          ErrorType.INVALID,
          path,
          text,
          "IPv4-mapped IPv6 blocks are not allowed; write the IPv4 block itself");
      return Optional.empty();
    }
    if (!c.isCanonical()) {
      errors.add(
          Rule.NET_006,
          ErrorType.INVALID,
          path,
          text,
          "host bits are set; the canonical block is " + c.canonical());
      return Optional.empty();
    }
    return parsed;
  }

  /** Parses every element of a list of CIDRs of either family, reporting at {@code path[i]}. */
  static List<Located> parseAll(List<String> blocks, FieldPath path, String what, Errors errors) {
    List<Located> out = new ArrayList<>();
    if (blocks == null) {
      return out;
    }
    for (int i = 0; i < blocks.size(); i++) {
      FieldPath p = path.index(i);
      parse(blocks.get(i), p, errors).ifPresent(c -> out.add(new Located(c, p, what)));
    }
    return out;
  }

  static String whyNotCidr(String text) {
    if (text.indexOf('%') >= 0) {
      return "zone ids are not allowed in a CIDR";
    }
    if (text.indexOf('/') < 0) {
      return "must be a CIDR (address/prefix length), e.g. 10.0.0.0/8 or fd00::/48";
    }
    return "must be a CIDR: an IPv4 address without leading zeros and prefix length 0-32, or an"
        + " IPv6 address and prefix length 0-128 (host names are never resolved)";
  }
}
