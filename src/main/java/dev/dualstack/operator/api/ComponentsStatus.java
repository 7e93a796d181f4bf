package dev.dualstack.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** Flags and values the control plane components and the CNI will be started with. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ComponentsStatus(
    KubeApiserver kubeApiserver,
    KubeControllerManager kubeControllerManager,
    KubeProxy kubeProxy,
    Cilium cilium,
    Canal canal) {

  /** kube-apiserver flags. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record KubeApiserver(String serviceClusterIPRange) {}

  /**
   * kube-controller-manager flags (absent with Cilium, which allocates pod CIDRs itself).
   * Single-stack uses {@code nodeCIDRMaskSize}; dual-stack one flag per family.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record KubeControllerManager(
      String clusterCIDR,
      String serviceClusterIPRange,
      Integer nodeCIDRMaskSize,
      Integer nodeCIDRMaskSizeIPv4,
      Integer nodeCIDRMaskSizeIPv6) {}

  /** kube-proxy settings (absent when Cilium replaces kube-proxy). */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record KubeProxy(String clusterCIDR, String mode) {}

  /** Cilium Helm values. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Cilium(
      Boolean ipv6Enabled,
      List<String> clusterPoolIPv4PodCIDRList,
      Integer clusterPoolIPv4MaskSize,
      List<String> clusterPoolIPv6PodCIDRList,
      Integer clusterPoolIPv6MaskSize,
      Boolean kubeProxyReplacement) {}

  /** Canal (Calico + flannel) values. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Canal(
      String ipv4PoolCIDR, String ipv6PoolCIDR, String flannelNetwork, String flannelIPv6Network) {}
}
