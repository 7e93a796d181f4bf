package dev.dualstack.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import io.soabase.recordbuilder.core.RecordBuilder;
import java.util.List;
import java.util.function.Function;

/** {@code Datacenter.spec}: where it is and exactly one provider block (a {@link Provider}). */
@RecordBuilder
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
    @JsonPropertyDescription("Bring-your-own nodes.") BringYourOwn bringyourown,
    @JsonPropertyDescription("Edge nodes.") Edge edge,
    @JsonPropertyDescription("Bare metal.") Baremetal baremetal,
    @JsonPropertyDescription("KubeVirt.") Kubevirt kubevirt,
    @JsonPropertyDescription("Nutanix.") Nutanix nutanix,
    @JsonPropertyDescription("VMware Cloud Director.") Vmwareclouddirector vmwareclouddirector,
    @JsonPropertyDescription("Alibaba Cloud.") Alibaba alibaba,
    @JsonPropertyDescription("Anexia.") Anexia anexia,
    @JsonPropertyDescription(
            "Infrastructure ranges that user-cluster pod, service and node ranges must not"
                + " overlap.")
        IpRanges reservedNetworks)
    implements DatacenterSpecBuilder.With {

  /** The provider blocks that are set, in schema order. */
  public List<Provider> providers() {
    return ProviderBlock.setIn(this, BLOCKS);
  }

  /** Every block, set or not, in schema order: read per evaluation without an array per call. */
  private static final List<Function<DatacenterSpec, Provider>> BLOCKS =
      List.of(
          DatacenterSpec::aws,
          DatacenterSpec::azure,
          DatacenterSpec::digitalocean,
          DatacenterSpec::packet,
          DatacenterSpec::gcp,
          DatacenterSpec::hetzner,
          DatacenterSpec::openstack,
          DatacenterSpec::vsphere,
          DatacenterSpec::bringyourown,
          DatacenterSpec::edge,
          DatacenterSpec::baremetal,
          DatacenterSpec::kubevirt,
          DatacenterSpec::nutanix,
          DatacenterSpec::vmwareclouddirector,
          DatacenterSpec::alibaba,
          DatacenterSpec::anexia);

  /** The block of provider {@code name}, or null when it is not set. */
  public Provider provider(String name) {
    return ProviderBlock.named(this, BLOCKS, name);
  }

  /** A provider block of a Datacenter's spec. */
  public sealed interface Provider extends ProviderBlock {
    /**
     * {@code ipv6Enabled} of providers whose dual-stack depends on the datacenter (OpenStack,
     * vSphere); null for the others (read as not enabled).
     */
    default Boolean ipv6Enabled() {
      return null;
    }

    /** Node-port source ranges for clusters without their own (OpenStack); null for the others. */
    default IpRanges defaultNodePortsAllowedIPRanges() {
      return null;
    }
  }

  /** AWS datacenter. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Aws(@JsonPropertyDescription("AWS region.") @Size(max = 64) String region)
      implements Provider {
    public static final String NAME = CloudSpec.Aws.NAME;

    @Override
    public String name() {
      return NAME;
    }
  }

  /** Azure datacenter. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Azure(@JsonPropertyDescription("Azure location.") @Size(max = 64) String location)
      implements Provider {
    public static final String NAME = CloudSpec.Azure.NAME;

    @Override
    public String name() {
      return NAME;
    }
  }

  /** DigitalOcean datacenter. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Digitalocean(
      @JsonPropertyDescription("DigitalOcean region.") @Size(max = 64) String region)
      implements Provider {
    public static final String NAME = CloudSpec.Digitalocean.NAME;

    @Override
    public String name() {
      return NAME;
    }
  }

  /** Equinix Metal datacenter. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Packet(
      @JsonPropertyDescription("Facilities.") @Size(max = 32)
          List<@Size(max = 64) String> facilities)
      implements Provider {
    public static final String NAME = CloudSpec.Packet.NAME;

    @Override
    public String name() {
      return NAME;
    }
  }

  /** GCP datacenter. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Gcp(@JsonPropertyDescription("GCP region.") @Size(max = 64) String region)
      implements Provider {
    public static final String NAME = CloudSpec.Gcp.NAME;

    @Override
    public String name() {
      return NAME;
    }
  }

  /** Hetzner datacenter. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Hetzner(
      @JsonPropertyDescription("Hetzner datacenter, e.g. fsn1-dc14.") @Size(max = 64)
          String datacenter,
      @JsonPropertyDescription("Hetzner location, e.g. fsn1.") @Size(max = 64) String location,
      @JsonPropertyDescription("Default private network.") @Size(max = 255) String network)
      implements Provider {
    public static final String NAME = CloudSpec.Hetzner.NAME;

    @Override
    public String name() {
      return NAME;
    }
  }

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
          IpRanges nodePortsAllowedIPRange)
      implements Provider {
    public static final String NAME = CloudSpec.Openstack.NAME;

    @Override
    public String name() {
      return NAME;
    }

    @Override
    public IpRanges defaultNodePortsAllowedIPRanges() {
      return nodePortsAllowedIPRange;
    }
  }

  /** vSphere datacenter. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Vsphere(
      @JsonPropertyDescription("vCenter URL.") @Size(max = 2048) String endpoint,
      @JsonPropertyDescription("vSphere datacenter name.") @Size(max = 255) String datacenter,
      @JsonPropertyDescription("Whether IPv6 is enabled; dual-stack clusters need true.")
          Boolean ipv6Enabled)
      implements Provider {
    public static final String NAME = CloudSpec.Vsphere.NAME;

    @Override
    public String name() {
      return NAME;
    }
  }

  /** Bring-your-own nodes datacenter: no settings relevant to the network. */
  public record BringYourOwn() implements Provider {
    public static final String NAME = CloudSpec.BringYourOwn.NAME;

    @Override
    public String name() {
      return NAME;
    }
  }

  /** Edge nodes datacenter: no settings relevant to the network. */
  public record Edge() implements Provider {
    public static final String NAME = CloudSpec.Edge.NAME;

    @Override
    public String name() {
      return NAME;
    }
  }

  /** Bare metal datacenter: no settings relevant to the network. */
  public record Baremetal() implements Provider {
    public static final String NAME = CloudSpec.Baremetal.NAME;

    @Override
    public String name() {
      return NAME;
    }
  }

  /** KubeVirt datacenter: no settings relevant to the network. */
  public record Kubevirt() implements Provider {
    public static final String NAME = CloudSpec.Kubevirt.NAME;

    @Override
    public String name() {
      return NAME;
    }
  }

  /** Nutanix datacenter: no settings relevant to the network. */
  public record Nutanix() implements Provider {
    public static final String NAME = CloudSpec.Nutanix.NAME;

    @Override
    public String name() {
      return NAME;
    }
  }

  /** VMware Cloud Director datacenter: no settings relevant to the network. */
  public record Vmwareclouddirector() implements Provider {
    public static final String NAME = CloudSpec.Vmwareclouddirector.NAME;

    @Override
    public String name() {
      return NAME;
    }
  }

  /** Alibaba Cloud datacenter: no settings relevant to the network. */
  public record Alibaba() implements Provider {
    public static final String NAME = CloudSpec.Alibaba.NAME;

    @Override
    public String name() {
      return NAME;
    }
  }

  /** Anexia datacenter: no settings relevant to the network. */
  public record Anexia() implements Provider {
    public static final String NAME = CloudSpec.Anexia.NAME;

    @Override
    public String name() {
      return NAME;
    }
  }
}
