package dev.dualstack.operator.pipeline.validation;

import dev.dualstack.operator.api.CloudSpec;
import dev.dualstack.operator.api.CloudSpec.BringYourOwn;
import dev.dualstack.operator.api.CloudSpec.ByoNode;
import dev.dualstack.operator.pipeline.field.ErrorType;
import dev.dualstack.operator.pipeline.field.Errors;
import dev.dualstack.operator.pipeline.field.FieldPath;
import dev.dualstack.operator.pipeline.field.Rule;
import dev.dualstack.operator.pipeline.model.ValidationContext;
import dev.dualstack.operator.pipeline.net.IpAddr;
import dev.dualstack.operator.pipeline.net.IpFamily;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Bring-your-own nodes: names, and addresses that parse, are of their family, are specified,
 * unique, and lie outside the pod and service networks (docs/validation-rules.md).
 */
final class ByoRules {
  private ByoRules() {}

  static void validate(ValidationContext ctx, Ranges ranges, Errors errors) {
    BringYourOwn byo =
        ctx.effective().cloud() == null ? null : ctx.effective().cloud().bringyourown();
    if (byo == null || byo.nodes() == null) {
      return;
    }
    FieldPath nodesPath =
        FieldPath.of("spec").child("cloud").child(CloudSpec.BringYourOwn.NAME).child("nodes");
    List<Located> cluster = new ArrayList<>(ranges.pods());
    cluster.addAll(ranges.services());
    Map<String, Integer> names = new HashMap<>();
    Map<String, Integer> addresses = new HashMap<>();
    for (int i = 0; i < byo.nodes().size(); i++) {
      ByoNode node = byo.nodes().get(i);
      FieldPath p = nodesPath.index(i);
      if (node == null) {
        errors.add(Rule.BYO_004, ErrorType.REQUIRED, p, null, "a node needs a name and an ipv4");
        continue;
      }
      if (node.name() == null || node.name().isBlank()) {
        errors.add(Rule.BYO_004, ErrorType.REQUIRED, p.child("name"), null, "a node name");
      } else if (names.putIfAbsent(node.name(), i) != null) {
        errors.add(
            Rule.BYO_004,
            ErrorType.DUPLICATE,
            p.child("name"),
            node.name(),
            "also used by " + nodesPath.index(names.get(node.name())));
      }
      address(
          node.ipv4(),
          IpFamily.IPV4,
          Rule.BYO_001,
          true,
          p.child("ipv4"),
          cluster,
          addresses,
          errors);
      address(
          node.ipv6(),
          IpFamily.IPV6,
          Rule.BYO_002,
          ctx.dualStack(),
          p.child("ipv6"),
          cluster,
          addresses,
          errors);
    }
  }

  private static void address(
      String text,
      IpFamily family,
      Rule rule,
      boolean required,
      FieldPath path,
      List<Located> cluster,
      Map<String, Integer> seen,
      Errors errors) {
    if (text == null || text.isBlank()) {
      if (required) {
        errors.add(
            rule,
            ErrorType.REQUIRED,
            path,
            null,
            "the node's " + family.display() + " address (kubelet node-ip)");
      }
      return;
    }
    Optional<IpAddr> a = IpAddr.parse(text);
    if (a.isEmpty()
        || a.get().family() != family
        || a.get().isUnspecified()
        || a.get().isIpv4Mapped()) {
      errors.add(
          rule,
          ErrorType.INVALID,
          path,
          text,
          "must be a specified " + family.display() + " address (no prefix, no zone id)");
      return;
    }
    for (Located c : cluster) {
      if (c.cidr().contains(a.get())) {
        errors.add(
            Rule.BYO_003,
            ErrorType.INVALID,
            path,
            text,
            "lies inside " + c.what() + " " + c.cidr().text() + " (" + c.path() + ")");
      }
    }
    String key = a.get().canonical();
    Integer other = seen.putIfAbsent(key, 0);
    if (other != null) {
      errors.add(
          Rule.BYO_004, ErrorType.DUPLICATE, path, text, "the address is used by another node");
    }
  }
}
