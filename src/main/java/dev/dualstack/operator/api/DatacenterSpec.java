package dev.dualstack.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;

/** {@code Datacenter.spec}: where it is and exactly one provider block. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = CelRules.ONE_PROVIDER_REQUIRED,
    message = CelRules.ONE_PROVIDER_REQUIRED_MESSAGE,
    reason = "FieldValueRequired")
@ValidationRule(
    value = CelRules.ONE_PROVIDER_ALLOWED,
    messageExpression = CelRules.ONE_PROVIDER_ALLOWED_MESSAGE,
    reason = "FieldValueForbidden")
public record DatacenterSpec(
    @JsonPropertyDescription("ISO country code.") @Size(max = 64) String country,
    @JsonPropertyDescription("Human-readable location.") @Size(max = 255) String location,
    @JsonPropertyDescription("Amazon Web Services.") Aws aws,
    @JsonPropertyDescription("Microsoft Azure.") Azure azure,
    @JsonPropertyDescription("DigitalOcean.") Digitalocean digitalocean,
    @JsonPropertyDescription("Equinix Metal.") Packet packet,
    @JsonPropertyDescription("Google Cloud Platform.") Gcp gcp,
    @JsonPropertyDescription("Hetzner Cloud.") Hetzner hetzner,
    @JsonPropertyDescription("OpenStack.") Openstack openstack,
    @JsonPropertyDescription("VMware vSphere.") Vsphere vsphere,
    @JsonPropertyDescription("Bring-your-own nodes.") CloudSpec.Empty bringyourown,
    @JsonPropertyDescription("Edge nodes.") CloudSpec.Empty edge,
    @JsonPropertyDescription("Bare metal.") CloudSpec.Empty baremetal,
    @JsonPropertyDescription("KubeVirt.") CloudSpec.Empty kubevirt,
    @JsonPropertyDescription("Nutanix.") CloudSpec.Empty nutanix,
    @JsonPropertyDescription("VMware Cloud Director.") CloudSpec.Empty vmwareclouddirector,
    @JsonPropertyDescription("Alibaba Cloud.") CloudSpec.Empty alibaba,
    @JsonPropertyDescription("Anexia.") CloudSpec.Empty anexia,
    @JsonPropertyDescription(
            "Infrastructure ranges that user-cluster pod, service and node ranges must not"
                + " overlap.")
        IpRanges reservedNetworks) {

  /** AWS datacenter. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Aws(@JsonPropertyDescription("AWS region.") @Size(max = 64) String region) {}

  /** Azure datacenter. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Azure(
      @JsonPropertyDescription("Azure location.") @Size(max = 64) String location) {}

  /** DigitalOcean datacenter. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Digitalocean(
      @JsonPropertyDescription("DigitalOcean region.") @Size(max = 64) String region) {}

  /** Equinix Metal datacenter. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Packet(
      @JsonPropertyDescription("Facilities.") @Size(max = 32)
          List<@Size(max = 64) String> facilities) {}

  /** GCP datacenter. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Gcp(@JsonPropertyDescription("GCP region.") @Size(max = 64) String region) {}

  /** Hetzner datacenter. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Hetzner(
      @JsonPropertyDescription("Hetzner datacenter, e.g. fsn1-dc14.") @Size(max = 64)
          String datacenter,
      @JsonPropertyDescription("Hetzner location, e.g. fsn1.") @Size(max = 64) String location,
      @JsonPropertyDescription("Default private network.") @Size(max = 255) String network) {}

  /** OpenStack datacenter. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Openstack(
      @JsonPropertyDescription("Keystone URL.") @Size(max = 2048) String authURL,
      @JsonPropertyDescription("Region.") @Size(max = 255) String region,
      @JsonPropertyDescription("DNS servers of node subnets, IPv4 and IPv6.") @Size(max = 16)
          List<@Size(max = 64) String> dnsServers,
      @JsonPropertyDescription("Whether IPv6 is enabled; dual-stack clusters need true.")
          Boolean ipv6Enabled,
      @JsonPropertyDescription("Default node-port source ranges for clusters without their own.")
          IpRanges nodePortsAllowedIPRange) {}

  /** vSphere datacenter. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Vsphere(
      @JsonPropertyDescription("vCenter URL.") @Size(max = 2048) String endpoint,
      @JsonPropertyDescription("vSphere datacenter name.") @Size(max = 255) String datacenter,
      @JsonPropertyDescription("Whether IPv6 is enabled; dual-stack clusters need true.")
          Boolean ipv6Enabled) {}
}
