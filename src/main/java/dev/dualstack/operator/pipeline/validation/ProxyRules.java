package dev.dualstack.operator.pipeline.validation;

import dev.dualstack.operator.api.ClusterNetwork;
import dev.dualstack.operator.api.ClusterSpec;
import dev.dualstack.operator.pipeline.defaulting.ClusterDefaulter;
import dev.dualstack.operator.pipeline.field.ErrorType;
import dev.dualstack.operator.pipeline.field.Errors;
import dev.dualstack.operator.pipeline.field.FieldPath;
import dev.dualstack.operator.pipeline.field.Rule;
import dev.dualstack.operator.pipeline.model.ValidationContext;
import java.util.List;

/** DNS domain, kube-proxy mode and Konnectivity (docs/validation-rules.md). */
final class ProxyRules {
  static final List<String> PROXY_MODES = List.of("ipvs", "iptables", "ebpf", "nftables");
  private static final List<String> EBPF_CNIS = List.of("cilium", "none");

  private ProxyRules() {}

  static void validate(ValidationContext ctx, Errors errors) {
    ClusterSpec s = ctx.effective();
    ClusterNetwork n = s.clusterNetwork();
    FieldPath net = NetworkRules.NETWORK;
    if (!ClusterDefaulter.DNS_DOMAIN.equals(n.dnsDomain())) {
      errors.add(
          Rule.NET_014,
          ErrorType.INVALID,
          net.child("dnsDomain"),
          n.dnsDomain(),
          "must be " + ClusterDefaulter.DNS_DOMAIN);
    }
    String mode = n.proxyMode();
    if (mode == null || !PROXY_MODES.contains(mode)) {
      errors.add(
          Rule.NET_015,
          ErrorType.NOT_SUPPORTED,
          net.child("proxyMode"),
          mode,
          "supported values: " + PROXY_MODES);
    } else if ("ebpf".equals(mode)) {
      String cni = s.cniPlugin() == null ? null : s.cniPlugin().type();
      if (cni == null || !EBPF_CNIS.contains(cni)) {
        errors.add(
            Rule.NET_016,
            ErrorType.FORBIDDEN,
            net.child("proxyMode"),
            mode,
            "proxy mode ebpf needs CNI cilium (kube-proxy replacement) or none, not " + cni);
      }
      if (Boolean.FALSE.equals(n.konnectivityEnabled())) {
        errors.add(
            Rule.NET_023,
            ErrorType.FORBIDDEN,
            net.child("proxyMode"),
            mode,
            "proxy mode ebpf needs Konnectivity (spec.clusterNetwork.konnectivityEnabled: true)");
      }
    }
    if (Boolean.FALSE.equals(n.konnectivityEnabled())) {
      errors.add(
          Rule.NET_017,
          ErrorType.FORBIDDEN,
          net.child("konnectivityEnabled"),
          false,
          "Konnectivity cannot be disabled (it carries control plane to node traffic, and"
              + " proxy mode ebpf depends on it)");
    }
  }
}
