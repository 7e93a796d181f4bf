package dev.dualstack.operator.pipeline.validation;

import dev.dualstack.operator.api.ClusterNetwork;
import dev.dualstack.operator.api.IpFamilies;
import dev.dualstack.operator.api.NetworkRanges;
import dev.dualstack.operator.api.Warning;
import dev.dualstack.operator.pipeline.field.ErrorType;
import dev.dualstack.operator.pipeline.field.Errors;
import dev.dualstack.operator.pipeline.field.FieldPath;
import dev.dualstack.operator.pipeline.field.FieldWarning;
import dev.dualstack.operator.pipeline.field.Rule;
import dev.dualstack.operator.pipeline.model.ValidationContext;
import dev.dualstack.operator.pipeline.net.Cidr;
import dev.dualstack.operator.pipeline.net.IpFamily;
import java.util.ArrayList;
import java.util.List;

/**
 * Pod and service CIDR lists, the IP family, node masks and service range sizes
 * (docs/validation-rules.md).
 */
final class NetworkRules {
  static final FieldPath NETWORK = FieldPath.of("spec").child("clusterNetwork");
  static final FieldPath PODS = NETWORK.child("pods").child("cidrBlocks");
  static final FieldPath SERVICES = NETWORK.child("services").child("cidrBlocks");

  /** Warning code for a service range above 20 host bits on Kubernetes 1.34 and later. */
  static final String WARN_SERVICE_RANGE_TOO_LARGE = "ServiceRangeTooLarge";

  private static final int MAX_BLOCKS = 2;
  private static final int MAX_NODE_MASK_SPREAD = 16;
  private static final int MIN_SERVICE_HOST_BITS = 3;

  /** The DNS service IP is the network address + 10: 16 addresses (IPv4 /28, IPv6 /124). */
  private static final int CONTROL_PLANE_SERVICE_HOST_BITS = 4;

  private static final int MAX_SERVICE_HOST_BITS = 20;

  private NetworkRules() {}

  static Ranges validate(ValidationContext ctx, Errors errors, List<Warning> warnings) {
    ClusterNetwork n = ctx.effective().clusterNetwork();
    List<String> pods = blocks(n.pods());
    List<String> services = blocks(n.services());

    List<Located> parsedPods = list(pods, PODS, "the pod network", errors);
    List<Located> parsedServices = list(services, SERVICES, "the service network", errors);
    if (pods.size() != services.size()) {
      errors.add(
          Rule.NET_002,
          ErrorType.INVALID,
          SERVICES,
          services.size(),
          "must hold as many blocks as spec.clusterNetwork.pods.cidrBlocks (" + pods.size() + ")");
    }
    ipFamily(n.ipFamily(), pods.size(), errors);
    nodeMask(IpFamily.IPV4, n.nodeCidrMaskSizeIPv4(), parsedPods, errors);
    nodeMask(IpFamily.IPV6, n.nodeCidrMaskSizeIPv6(), parsedPods, errors);
    for (Located s : parsedServices) {
      serviceSize(ctx, s, errors, warnings);
    }
    return new Ranges(List.copyOf(parsedPods), List.copyOf(parsedServices));
  }

  private static List<Located> list(
      List<String> blocks, FieldPath path, String what, Errors errors) {
    if (blocks.size() > MAX_BLOCKS) {
      errors.add(
          Rule.NET_001,
          ErrorType.TOO_MANY,
          path,
          blocks.size(),
          "at most " + MAX_BLOCKS + " blocks: one IPv4 block, then optionally one IPv6 block");
    }
    List<Located> out = new ArrayList<>(blocks.size());
    for (int i = 0; i < blocks.size(); i++) {
      FieldPath p = path.index(i);
      var parsed = CidrRules.parse(blocks.get(i), p, errors);
      if (parsed.isEmpty()) {
        continue;
      }
      Cidr c = parsed.get();
      IpFamily expected = i == 0 ? IpFamily.IPV4 : IpFamily.IPV6;
      if (i < MAX_BLOCKS && c.family() != expected) {
        errors.add(
            Rule.NET_005,
            ErrorType.INVALID,
            p,
            c.text(),
            i == 0
                ? "the first block must be IPv4 (IPv4 is the only primary family)"
                : "the second block must be IPv6");
        continue;
      }
      out.add(new Located(c, p, what));
    }
    return out;
  }

  private static void ipFamily(String family, int pods, Errors errors) {
    FieldPath p = NETWORK.child("ipFamily");
    if (IpFamilies.IPV4.equals(family)) {
      if (pods != 1 && pods <= MAX_BLOCKS) {
        errors.add(
            Rule.NET_008,
            ErrorType.INVALID,
            p,
            family,
            "ipFamily IPv4 needs exactly 1 pod block in " + PODS + ", found " + pods);
      }
    } else if (IpFamilies.DUAL_STACK.equals(family)) {
      if (pods != 2 && pods <= MAX_BLOCKS) {
        errors.add(
            Rule.NET_008,
            ErrorType.INVALID,
            p,
            family,
            "ipFamily IPv4+IPv6 needs exactly 2 pod blocks (IPv4, IPv6) in "
                + PODS
                + ", found "
                + pods);
      }
    } else {
      errors.add(
          Rule.NET_007,
          ErrorType.NOT_SUPPORTED,
          p,
          family,
          "supported values: \"" + IpFamilies.IPV4 + "\", \"" + IpFamilies.DUAL_STACK + "\"");
    }
  }

  private static void nodeMask(IpFamily f, Integer mask, List<Located> pods, Errors errors) {
    if (mask == null) {
      return;
    }
    FieldPath p = NETWORK.child("nodeCidrMaskSize" + f.display());
    int max = f.bits() - 2;
    if (mask < 1 || mask > max) {
      errors.add(
          Rule.NET_011,
          ErrorType.INVALID,
          p,
          mask,
          "must be between 1 and " + max + " so that every node has room for pods");
      return;
    }
    for (Located pod : pods) {
      if (pod.cidr().family() != f) {
        continue;
      }
      int prefix = pod.cidr().prefixLength();
      if (mask <= prefix) {
        errors.add(
            Rule.NET_009,
            ErrorType.INVALID,
            p,
            mask,
            "must be longer than the " + f.display() + " pod prefix /" + prefix);
      } else if (mask - prefix > MAX_NODE_MASK_SPREAD) {
        errors.add(
            Rule.NET_010,
            ErrorType.INVALID,
            p,
            mask,
            "may be at most "
                + MAX_NODE_MASK_SPREAD
                + " bits longer than the "
                + f.display()
                + " pod prefix /"
                + prefix
                + " (kube-controller-manager and Cilium cannot allocate more node ranges)");
      }
    }
  }

  private static void serviceSize(
      ValidationContext ctx, Located s, Errors errors, List<Warning> warnings) {
    int hostBits = s.cidr().hostBits();
    if (hostBits < MIN_SERVICE_HOST_BITS) {
      errors.add(
          Rule.NET_012,
          ErrorType.INVALID,
          s.path(),
          s.cidr().text(),
          "a service range needs at least 8 addresses");
    } else if (hostBits < CONTROL_PLANE_SERVICE_HOST_BITS) {
      errors.add(
          Rule.NET_026,
          ErrorType.INVALID,
          s.path(),
          s.cidr().text(),
          "a service range must hold the DNS service IP (network address + 10): at least 16"
              + " addresses, IPv4 /28 or IPv6 /124 or wider; this one has "
              + s.cidr().size()
              + " addresses");
    } else if (hostBits > MAX_SERVICE_HOST_BITS) {
      String msg =
          "a service range may have at most "
              + MAX_SERVICE_HOST_BITS
              + " host bits (IPv4 /12, IPv6 /108 or longer), this one has "
              + hostBits;
      if (ctx.version().atLeast(1, 34)) {
        warnings.add(
            FieldWarning.of(
                Rule.NET_013,
                WARN_SERVICE_RANGE_TOO_LARGE,
                s.path(),
                s.cidr().text(),
                msg
                    + "; Kubernetes "
                    + ctx.version()
                    + " accepts it, kube-apiservers older than 1.34 refuse it"));
      } else {
        errors.add(
            Rule.NET_013,
            ErrorType.INVALID,
            s.path(),
            s.cidr().text(),
            msg + "; kube-apiserver " + ctx.version() + " refuses larger ranges");
      }
    }
  }

  static List<String> blocks(NetworkRanges r) {
    if (r == null || r.cidrBlocks() == null) {
      return List.of();
    }
    return r.cidrBlocks();
  }
}
