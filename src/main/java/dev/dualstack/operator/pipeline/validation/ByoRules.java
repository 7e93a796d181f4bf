package dev.dualstack.operator.pipeline.validation;

import dev.dualstack.operator.api.CloudSpec;
import dev.dualstack.operator.api.CloudSpec.BringYourOwn;
import dev.dualstack.operator.api.CloudSpec.ByoNode;
import dev.dualstack.operator.api.Warning;
import dev.dualstack.operator.pipeline.field.ErrorType;
import dev.dualstack.operator.pipeline.field.Errors;
import dev.dualstack.operator.pipeline.field.FieldPath;
import dev.dualstack.operator.pipeline.field.FieldWarning;
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

  /** Warning code for an IPv6 node address on an IPv4-only cluster. */
  static final String WARN_NODE_IPV6_SINGLE_STACK = "NodeIPv6OnSingleStack";

  static void validate(
      ValidationContext ctx, Ranges ranges, Errors errors, List<Warning> warnings) {
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
      if (!ctx.dualStack() && node.ipv6() != null && !node.ipv6().isBlank()) {
        warnings.add(
            FieldWarning.of(
                Rule.BYO_006,
                WARN_NODE_IPV6_SINGLE_STACK,
                p.child("ipv6"),
                node.ipv6(),
                "the cluster is IPv4-only: the address is left out of the kubelet's --node-ip;"
                    + " a kubelet given it would report an IPv6 node address the cluster cannot"
                    + " use"));
      }
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
    String kubelet = kubeletRefuses(a.get());
    if (kubelet != null) {
      errors.add(
          Rule.BYO_005,
          ErrorType.INVALID,
          path,
          text,
          "the kubelet refuses it as --node-ip: it is a " + kubelet + " address");
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

  /**
   * The kubelet's {@code validateNodeIP} (pkg/kubelet/kubelet_node_status.go): a node IP is not
   * loopback, multicast, link-local unicast or all zeros (the last is BYO-001/002).
   */
  private static String kubeletRefuses(IpAddr a) {
    if (a.isLoopback()) {
      return "loopback";
    }
    if (a.isMulticast()) {
      return "multicast";
    }
    if (a.isLinkLocal()) {
      return "link-local";
    }
    return null;
  }
}
