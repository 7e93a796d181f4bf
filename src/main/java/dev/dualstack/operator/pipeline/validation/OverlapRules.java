package dev.dualstack.operator.pipeline.validation;

import dev.dualstack.operator.api.IpRanges;
import dev.dualstack.operator.pipeline.field.ErrorType;
import dev.dualstack.operator.pipeline.field.Errors;
import dev.dualstack.operator.pipeline.field.Rule;
import dev.dualstack.operator.pipeline.model.ValidationContext;
import dev.dualstack.operator.pipeline.net.Cidr;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Pods, services, node/infrastructure networks and the datacenter's reserved networks must not
 * overlap, per family (docs/validation-rules.md). Only blocks that parsed cleanly take part.
 */
final class OverlapRules {
  private OverlapRules() {}

  static void validate(
      ValidationContext ctx, Ranges ranges, List<Located> providerNetworks, Errors errors) {
    for (Located s : ranges.services()) {
      for (Located p : ranges.pods()) {
        if (s.cidr().overlaps(p.cidr())) {
          errors.add(Rule.OVL_001, ErrorType.INVALID, s.path(), s.cidr().text(), overlap(p));
        }
      }
    }
    List<Located> cluster = new ArrayList<>(ranges.pods());
    cluster.addAll(ranges.services());
    for (Located c : cluster) {
      for (Located n : providerNetworks) {
        if (c.cidr().overlaps(n.cidr())) {
          errors.add(Rule.OVL_002, ErrorType.INVALID, c.path(), c.cidr().text(), overlap(n));
        }
      }
    }
    cluster.addAll(providerNetworks);
    List<Cidr> reserved = reserved(ctx);
    for (Located c : cluster) {
      for (Cidr r : reserved) {
        if (c.cidr().overlaps(r)) {
          errors.add(
              Rule.OVL_003,
              ErrorType.INVALID,
              c.path(),
              c.cidr().text(),
              "overlaps the reserved network "
                  + r.text()
                  + " of Datacenter \""
                  + ctx.datacenter().name()
                  + "\"");
        }
      }
    }
  }

  private static String overlap(Located other) {
    return "overlaps " + other.what() + " " + other.cidr().text() + " (" + other.path() + ")";
  }

  /** The datacenter's reserved networks that parse; the Datacenter's own status reports others. */
  private static List<Cidr> reserved(ValidationContext ctx) {
    if (ctx.datacenter() == null || ctx.datacenter().spec() == null) {
      return List.of();
    }
    IpRanges r = ctx.datacenter().spec().reservedNetworks();
    if (r == null || r.cidrBlocks() == null) {
      return List.of();
    }
    return r.cidrBlocks().stream().map(Cidr::parse).flatMap(Optional::stream).toList();
  }
}
