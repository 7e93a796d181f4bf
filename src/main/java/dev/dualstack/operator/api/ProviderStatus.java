package dev.dualstack.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.soabase.recordbuilder.core.RecordBuilder;
import java.util.List;

/** {@code status.provider}: what the provider needs for this cluster's network. */
@RecordBuilder
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ProviderStatus(
    String name,
    Openstack openstack,
    Azure azure,
    Aws aws,
    Gcp gcp,
    Hetzner hetzner,
    Vsphere vsphere,
    Notes digitalocean,
    Notes packet,
    BringYourOwn bringyourown)
    implements ProviderStatusBuilder.With {

  /** OpenStack subnet plan. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Openstack(Subnet ipv4Subnet, Subnet ipv6Subnet) {}

  /** A subnet to use (id) or to create (name and pool or cidr). */
  @RecordBuilder
  @RecordBuilder.Options(prefixEnclosingClassNames = false)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Subnet(
      String id,
      String name,
      String pool,
      String cidr,
      String allocationPool,
      String addressMode,
      List<String> dnsServers) {}

  /** Azure VNet/subnet plan (when the operator would create them) and node-port rules. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Azure(
      List<String> vnetAddressSpace,
      List<String> subnetPrefixes,
      List<SecurityRule> nodePortSecurityRules) {}

  /** AWS node IP families and node-port security group ranges per family. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Aws(
      List<String> nodeIPFamilies,
      List<String> nodePortIPv4Ranges,
      List<String> nodePortIPv6Ranges) {}

  /** GCP firewall rules split per family and the subnetwork stack type. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Gcp(String subnetworkStackType, List<SecurityRule> firewallRules) {}

  /** Hetzner CCM address family and the annotations LoadBalancer Services need. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Hetzner(String addressFamily, List<String> loadBalancerAnnotations) {}

  /** vSphere CCM settings. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Vsphere(String ipFamily, Boolean ccmDualStack) {}

  /** Providers without settings to render: notes only. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Notes(List<String> notes) {}

  /** BYO: name of the ConfigMap with the kubeadm join configuration and the per-node IPs. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record BringYourOwn(String joinConfigMap, List<Node> nodes) {}

  /** A BYO node and its kubelet {@code node-ip}. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Node(String name, String nodeIP) {}

  /** A firewall / security rule for one family. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record SecurityRule(
      String name, String family, String protocol, String ports, List<String> sourceRanges) {}
}
