package dev.dualstack.operator.pipeline.render;

import dev.dualstack.operator.api.ClusterNetwork;
import dev.dualstack.operator.api.ClusterSpec;
import dev.dualstack.operator.api.ComponentsStatus;
import dev.dualstack.operator.api.ComponentsStatus.Canal;
import dev.dualstack.operator.api.ComponentsStatus.Cilium;
import dev.dualstack.operator.api.ComponentsStatus.KubeApiserver;
import dev.dualstack.operator.api.ComponentsStatus.KubeControllerManager;
import dev.dualstack.operator.api.ComponentsStatus.KubeProxy;
import dev.dualstack.operator.pipeline.net.IpFamily;
import java.util.List;

/**
 * The flags and values the control plane and the CNI start with (docs/api.md, Cluster {@code
 * status}): kube-apiserver's service range; kube-controller-manager's pod and service ranges and
 * node masks (not with Cilium, which allocates pod CIDRs from its own cluster pool); kube-proxy's
 * cluster CIDR (none in {@code ebpf} mode, where kube-proxy is replaced); Cilium and Canal values
 * per family.
 */
final class ComponentsRenderer {
  static final String CILIUM = "cilium";
  static final String CANAL = "canal";
  static final String EBPF = "ebpf";

  private ComponentsRenderer() {}

  static ComponentsStatus render(ClusterSpec s, boolean dual) {
    ClusterNetwork n = s.clusterNetwork();
    List<String> pods = n.pods().cidrBlocks();
    List<String> services = n.services().cidrBlocks();
    String cni = s.cniPlugin() == null ? null : s.cniPlugin().type();
    boolean ebpf = EBPF.equals(n.proxyMode());

    KubeControllerManager kcm =
        CILIUM.equals(cni)
            ? null
            : new KubeControllerManager(
                String.join(",", pods),
                String.join(",", services),
                dual ? null : n.nodeCidrMaskSizeIPv4(),
                dual ? n.nodeCidrMaskSizeIPv4() : null,
                dual ? n.nodeCidrMaskSizeIPv6() : null);
    KubeProxy proxy = ebpf ? null : new KubeProxy(String.join(",", pods), n.proxyMode());

    String podV4 = Families.first(pods, IpFamily.IPV4).orElse(null);
    String podV6 = dual ? Families.first(pods, IpFamily.IPV6).orElse(null) : null;
    Cilium cilium =
        CILIUM.equals(cni)
            ? new Cilium(
                dual,
                podV4 == null ? null : List.of(podV4),
                podV4 == null ? null : n.nodeCidrMaskSizeIPv4(),
                podV6 == null ? null : List.of(podV6),
                podV6 == null ? null : n.nodeCidrMaskSizeIPv6(),
                ebpf)
            : null;
    Canal canal = CANAL.equals(cni) ? new Canal(podV4, podV6, podV4, podV6) : null;
    return new ComponentsStatus(
        new KubeApiserver(String.join(",", services)), kcm, proxy, cilium, canal);
  }
}
