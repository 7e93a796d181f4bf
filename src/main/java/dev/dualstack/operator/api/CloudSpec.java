package dev.dualstack.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;

/**
 * {@code spec.cloud}: the datacenter and exactly one provider block. Provider names are the JSON
 * property names (aws, azure, ..., bringyourown).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = CelRules.ONE_PROVIDER_REQUIRED,
    message = CelRules.ONE_PROVIDER_REQUIRED_MESSAGE,
    reason = "FieldValueRequired")
@ValidationRule(
    value = CelRules.ONE_PROVIDER_ALLOWED,
    messageExpression = CelRules.ONE_PROVIDER_ALLOWED_MESSAGE,
    reason = "FieldValueForbidden")
@ValidationRule(
    value = CelRules.PROVIDER_NAME_KNOWN,
    message = CelRules.PROVIDER_NAME_KNOWN_MESSAGE,
    fieldPath = ".providerName")
@ValidationRule(
    value = CelRules.PROVIDER_NAME_MATCHES,
    messageExpression = CelRules.PROVIDER_NAME_MATCHES_MESSAGE,
    fieldPath = ".providerName")
public record CloudSpec(
    @JsonPropertyDescription("Name of the Datacenter the cluster lives in.") @Size(max = 253)
        String dc,
    @JsonPropertyDescription("Provider name; optional, must match the single provider block.")
        @Size(max = 64)
        String providerName,
    @JsonPropertyDescription("Amazon Web Services.") Aws aws,
    @JsonPropertyDescription("Microsoft Azure.") Azure azure,
    @JsonPropertyDescription("DigitalOcean.") Empty digitalocean,
    @JsonPropertyDescription("Equinix Metal.") Empty packet,
    @JsonPropertyDescription("Google Cloud Platform.") Gcp gcp,
    @JsonPropertyDescription("Hetzner Cloud.") Hetzner hetzner,
    @JsonPropertyDescription("OpenStack.") Openstack openstack,
    @JsonPropertyDescription("VMware vSphere.") Vsphere vsphere,
    @JsonPropertyDescription("Bring-your-own nodes joined with kubeadm.") BringYourOwn bringyourown,
    @JsonPropertyDescription("Edge nodes.") Empty edge,
    @JsonPropertyDescription("Bare metal.") Empty baremetal,
    @JsonPropertyDescription("KubeVirt.") Empty kubevirt,
    @JsonPropertyDescription("Nutanix.") Empty nutanix,
    @JsonPropertyDescription("VMware Cloud Director.") Empty vmwareclouddirector,
    @JsonPropertyDescription("Alibaba Cloud.") Empty alibaba,
    @JsonPropertyDescription("Anexia.") Empty anexia) {

  /** A provider block without settings relevant to the network. */
  public record Empty() {}

  /** AWS settings. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Aws(
      @JsonPropertyDescription("Pre-created VPC; must be dual-stack for dual-stack clusters.")
          @Size(max = 255)
          String vpcID,
      @JsonPropertyDescription("Source ranges allowed to reach node ports.")
          IpRanges nodePortsAllowedIPRanges) {}

  /** Azure settings. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Azure(
      @JsonPropertyDescription("Pre-created VNet; must be dual-stack for dual-stack clusters.")
          @Size(max = 255)
          String vnet,
      @JsonPropertyDescription("Pre-created subnet.") @Size(max = 255) String subnet,
      @JsonPropertyDescription("Resource group.") @Size(max = 255) String resourceGroup,
      @JsonPropertyDescription("Source ranges allowed to reach node ports.")
          IpRanges nodePortsAllowedIPRanges) {}

  /** GCP settings. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Gcp(
      @JsonPropertyDescription("VPC network; required for dual-stack.") @Size(max = 255)
          String network,
      @JsonPropertyDescription(
              "Subnetwork path projects/<project>/regions/<region>/subnetworks/<name>; required"
                  + " for dual-stack, region must equal the datacenter's.")
          @Size(max = 512)
          String subnetwork,
      @JsonPropertyDescription("Source ranges allowed to reach node ports.")
          IpRanges nodePortsAllowedIPRanges) {}

  /** Hetzner settings. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Hetzner(
      @JsonPropertyDescription("Private network name.") @Size(max = 255) String network) {}

  /** OpenStack settings. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Openstack(
      @JsonPropertyDescription("Network name or ID.") @Size(max = 255) String network,
      @JsonPropertyDescription("Pre-created IPv4 subnet ID.") @Size(max = 255) String subnetID,
      @JsonPropertyDescription("CIDR of the IPv4 subnet to create, default 192.168.1.0/24.")
          @Size(max = 64)
          String subnetCidr,
      @JsonPropertyDescription("Pre-created IPv6 subnet ID.") @Size(max = 255) String ipv6SubnetID,
      @JsonPropertyDescription("IPv6 subnet pool to allocate the IPv6 subnet from.")
          @Size(max = 255)
          String ipv6SubnetPool,
      @JsonPropertyDescription("CIDR of the IPv6 subnet to create, default fd00::/64.")
          @Size(max = 64)
          String ipv6SubnetCidr,
      @JsonPropertyDescription("Source ranges allowed to reach node ports.")
          IpRanges nodePortsAllowedIPRanges) {}

  /** vSphere settings. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Vsphere(
      @JsonPropertyDescription("VM networks.") @Size(max = 16)
          List<@Size(max = 255) String> networks) {}

  /** Bring-your-own nodes. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record BringYourOwn(
      @JsonPropertyDescription("Nodes that will join with kubeadm.") @Size(max = 5000)
          List<ByoNode> nodes) {}

  /** A bring-your-own node and its addresses. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record ByoNode(
      @JsonPropertyDescription("Node name.") @Size(max = 253) String name,
      @JsonPropertyDescription("The node's IPv4 address.") @Size(max = 64) String ipv4,
      @JsonPropertyDescription("The node's IPv6 address (dual-stack).") @Size(max = 64)
          String ipv6) {}
}
