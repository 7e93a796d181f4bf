package dev.dualstack.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import io.soabase.recordbuilder.core.RecordBuilder;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * {@code spec.cloud}: the datacenter and exactly one provider block. Provider names are the JSON
 * property names (aws, azure, ..., bringyourown); each block is a {@link Provider}.
 */
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
    @JsonPropertyDescription("DigitalOcean.") Digitalocean digitalocean,
    @JsonPropertyDescription("Equinix Metal.") Packet packet,
    @JsonPropertyDescription("Google Cloud Platform.") Gcp gcp,
    @JsonPropertyDescription("Hetzner Cloud.") Hetzner hetzner,
    @JsonPropertyDescription("OpenStack.") Openstack openstack,
    @JsonPropertyDescription("VMware vSphere.") Vsphere vsphere,
    @JsonPropertyDescription("Bring-your-own nodes joined with kubeadm.") BringYourOwn bringyourown,
    @JsonPropertyDescription("Edge nodes.") Edge edge,
    @JsonPropertyDescription("Bare metal.") Baremetal baremetal,
    @JsonPropertyDescription("KubeVirt.") Kubevirt kubevirt,
    @JsonPropertyDescription("Nutanix.") Nutanix nutanix,
    @JsonPropertyDescription("VMware Cloud Director.") Vmwareclouddirector vmwareclouddirector,
    @JsonPropertyDescription("Alibaba Cloud.") Alibaba alibaba,
    @JsonPropertyDescription("Anexia.") Anexia anexia)
    implements CloudSpecBuilder.With {

  /** Every provider block type of {@code spec.cloud} by name, in schema order. */
  public static final Map<String, Class<? extends Provider>> PROVIDERS = providerTypes();

  private static Map<String, Class<? extends Provider>> providerTypes() {
    Map<String, Class<? extends Provider>> m = new LinkedHashMap<>();
    m.put(Aws.NAME, Aws.class);
    m.put(Azure.NAME, Azure.class);
    m.put(Digitalocean.NAME, Digitalocean.class);
    m.put(Packet.NAME, Packet.class);
    m.put(Gcp.NAME, Gcp.class);
    m.put(Hetzner.NAME, Hetzner.class);
    m.put(Openstack.NAME, Openstack.class);
    m.put(Vsphere.NAME, Vsphere.class);
    m.put(BringYourOwn.NAME, BringYourOwn.class);
    m.put(Edge.NAME, Edge.class);
    m.put(Baremetal.NAME, Baremetal.class);
    m.put(Kubevirt.NAME, Kubevirt.class);
    m.put(Nutanix.NAME, Nutanix.class);
    m.put(Vmwareclouddirector.NAME, Vmwareclouddirector.class);
    m.put(Alibaba.NAME, Alibaba.class);
    m.put(Anexia.NAME, Anexia.class);
    return Collections.unmodifiableMap(m);
  }

  /** The provider blocks that are set, in schema order. */
  public List<Provider> providers() {
    return ProviderBlock.setIn(this, BLOCKS);
  }

  /** Every block, set or not, in schema order: read per evaluation without an array per call. */
  private static final List<Function<CloudSpec, Provider>> BLOCKS =
      List.of(
          CloudSpec::aws,
          CloudSpec::azure,
          CloudSpec::digitalocean,
          CloudSpec::packet,
          CloudSpec::gcp,
          CloudSpec::hetzner,
          CloudSpec::openstack,
          CloudSpec::vsphere,
          CloudSpec::bringyourown,
          CloudSpec::edge,
          CloudSpec::baremetal,
          CloudSpec::kubevirt,
          CloudSpec::nutanix,
          CloudSpec::vmwareclouddirector,
          CloudSpec::alibaba,
          CloudSpec::anexia);

  /** The block of provider {@code name}, or null when it is not set. */
  public Provider provider(String name) {
    return ProviderBlock.named(this, BLOCKS, name);
  }

  /** This spec with the block of {@code block}'s provider replaced by {@code block}. */
  public CloudSpec withProvider(Provider block) {
    return new CloudSpec(
        dc,
        providerName,
        block instanceof Aws b ? b : aws,
        block instanceof Azure b ? b : azure,
        block instanceof Digitalocean b ? b : digitalocean,
        block instanceof Packet b ? b : packet,
        block instanceof Gcp b ? b : gcp,
        block instanceof Hetzner b ? b : hetzner,
        block instanceof Openstack b ? b : openstack,
        block instanceof Vsphere b ? b : vsphere,
        block instanceof BringYourOwn b ? b : bringyourown,
        block instanceof Edge b ? b : edge,
        block instanceof Baremetal b ? b : baremetal,
        block instanceof Kubevirt b ? b : kubevirt,
        block instanceof Nutanix b ? b : nutanix,
        block instanceof Vmwareclouddirector b ? b : vmwareclouddirector,
        block instanceof Alibaba b ? b : alibaba,
        block instanceof Anexia b ? b : anexia);
  }

  /** A provider block of {@code spec.cloud}. */
  public sealed interface Provider extends ProviderBlock {
    /** Calls the visitor's method for this block's type (the renderer's per-provider code). */
    <R> R accept(Visitor<R> visitor);

    /**
     * Per-provider code outside the api (the renderer), one method per block type; the ones a
     * visitor does not override go to {@link #otherwise}.
     */
    interface Visitor<R> {
      R otherwise(Provider block);

      default R aws(Aws b) {
        return otherwise(b);
      }

      default R azure(Azure b) {
        return otherwise(b);
      }

      default R digitalocean(Digitalocean b) {
        return otherwise(b);
      }

      default R packet(Packet b) {
        return otherwise(b);
      }

      default R gcp(Gcp b) {
        return otherwise(b);
      }

      default R hetzner(Hetzner b) {
        return otherwise(b);
      }

      default R openstack(Openstack b) {
        return otherwise(b);
      }

      default R vsphere(Vsphere b) {
        return otherwise(b);
      }

      default R bringyourown(BringYourOwn b) {
        return otherwise(b);
      }
    }
  }

  /**
   * A block with node-port source ranges ({@code nodePortsAllowedIPRanges}): AWS, Azure, GCP and
   * OpenStack.
   */
  public sealed interface NodePortProvider extends Provider {
    IpRanges nodePortsAllowedIPRanges();

    /**
     * KKP's deprecated single range, merged into {@link #nodePortsAllowedIPRanges()} by the
     * defaulter (after the list's entries, without duplicates).
     */
    String nodePortsAllowedIPRange();

    /** This block with {@code nodePortsAllowedIPRanges} replaced. */
    NodePortProvider withNodePortsAllowedIPRanges(IpRanges ranges);
  }

  /** AWS settings. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Aws(
      @JsonPropertyDescription("Pre-created VPC; must be dual-stack for dual-stack clusters.")
          @Size(max = 255)
          String vpcID,
      @JsonPropertyDescription("Source ranges allowed to reach node ports.")
          IpRanges nodePortsAllowedIPRanges,
      @JsonPropertyDescription(
              "Deprecated (KKP): a single node-port source range; accepted, validated and merged"
                  + " into nodePortsAllowedIPRanges.")
          @Size(max = 64)
          String nodePortsAllowedIPRange)
      implements NodePortProvider {
    public static final String NAME = "aws";

    @Override
    public String name() {
      return NAME;
    }

    @Override
    public <R> R accept(Visitor<R> v) {
      return v.aws(this);
    }

    @Override
    public Aws withNodePortsAllowedIPRanges(IpRanges ranges) {
      return new Aws(vpcID, ranges, nodePortsAllowedIPRange);
    }
  }

  /** Azure settings. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Azure(
      @JsonPropertyDescription("Pre-created VNet; must be dual-stack for dual-stack clusters.")
          @Size(max = 255)
          String vnet,
      @JsonPropertyDescription("Pre-created subnet.") @Size(max = 255) String subnet,
      @JsonPropertyDescription("Resource group.") @Size(max = 255) String resourceGroup,
      @JsonPropertyDescription("Source ranges allowed to reach node ports.")
          IpRanges nodePortsAllowedIPRanges,
      @JsonPropertyDescription(
              "Deprecated (KKP): a single node-port source range; accepted, validated and merged"
                  + " into nodePortsAllowedIPRanges.")
          @Size(max = 64)
          String nodePortsAllowedIPRange)
      implements NodePortProvider {
    public static final String NAME = "azure";

    @Override
    public String name() {
      return NAME;
    }

    @Override
    public <R> R accept(Visitor<R> v) {
      return v.azure(this);
    }

    @Override
    public Azure withNodePortsAllowedIPRanges(IpRanges ranges) {
      return new Azure(vnet, subnet, resourceGroup, ranges, nodePortsAllowedIPRange);
    }
  }

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
          IpRanges nodePortsAllowedIPRanges,
      @JsonPropertyDescription(
              "Deprecated (KKP): a single node-port source range; accepted, validated and merged"
                  + " into nodePortsAllowedIPRanges.")
          @Size(max = 64)
          String nodePortsAllowedIPRange)
      implements NodePortProvider {
    public static final String NAME = "gcp";

    @Override
    public String name() {
      return NAME;
    }

    @Override
    public <R> R accept(Visitor<R> v) {
      return v.gcp(this);
    }

    @Override
    public Gcp withNodePortsAllowedIPRanges(IpRanges ranges) {
      return new Gcp(network, subnetwork, ranges, nodePortsAllowedIPRange);
    }
  }

  /** Hetzner settings. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Hetzner(
      @JsonPropertyDescription("Private network name.") @Size(max = 255) String network)
      implements Provider {
    public static final String NAME = "hetzner";

    @Override
    public String name() {
      return NAME;
    }

    @Override
    public <R> R accept(Visitor<R> v) {
      return v.hetzner(this);
    }
  }

  /** OpenStack settings. */
  @RecordBuilder
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
          IpRanges nodePortsAllowedIPRanges,
      @JsonPropertyDescription(
              "Deprecated (KKP): a single node-port source range; accepted, validated and merged"
                  + " into nodePortsAllowedIPRanges.")
          @Size(max = 64)
          String nodePortsAllowedIPRange)
      implements NodePortProvider {
    public static final String NAME = "openstack";

    @Override
    public String name() {
      return NAME;
    }

    @Override
    public <R> R accept(Visitor<R> v) {
      return v.openstack(this);
    }

    @Override
    public Openstack withNodePortsAllowedIPRanges(IpRanges ranges) {
      return new Openstack(
          network,
          subnetID,
          subnetCidr,
          ipv6SubnetID,
          ipv6SubnetPool,
          ipv6SubnetCidr,
          ranges,
          nodePortsAllowedIPRange);
    }
  }

  /** vSphere settings. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Vsphere(
      @JsonPropertyDescription("VM networks.") @Size(max = 16)
          List<@Size(max = 255) String> networks)
      implements Provider {
    public static final String NAME = "vsphere";

    @Override
    public String name() {
      return NAME;
    }

    @Override
    public <R> R accept(Visitor<R> v) {
      return v.vsphere(this);
    }
  }

  /** Bring-your-own nodes. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record BringYourOwn(
      @JsonPropertyDescription("Nodes that will join with kubeadm.") @Size(max = 5000)
          List<ByoNode> nodes)
      implements Provider {
    public static final String NAME = "bringyourown";

    @Override
    public String name() {
      return NAME;
    }

    @Override
    public <R> R accept(Visitor<R> v) {
      return v.bringyourown(this);
    }
  }

  /** DigitalOcean: no settings relevant to the network. */
  public record Digitalocean() implements Provider {
    public static final String NAME = "digitalocean";

    @Override
    public String name() {
      return NAME;
    }

    @Override
    public <R> R accept(Visitor<R> v) {
      return v.digitalocean(this);
    }
  }

  /** Equinix Metal: no settings relevant to the network. */
  public record Packet() implements Provider {
    public static final String NAME = "packet";

    @Override
    public String name() {
      return NAME;
    }

    @Override
    public <R> R accept(Visitor<R> v) {
      return v.packet(this);
    }
  }

  /** Edge nodes: no settings relevant to the network. */
  public record Edge() implements Provider {
    public static final String NAME = "edge";

    @Override
    public String name() {
      return NAME;
    }

    @Override
    public <R> R accept(Visitor<R> v) {
      return v.otherwise(this);
    }
  }

  /** Bare metal: no settings relevant to the network. */
  public record Baremetal() implements Provider {
    public static final String NAME = "baremetal";

    @Override
    public String name() {
      return NAME;
    }

    @Override
    public <R> R accept(Visitor<R> v) {
      return v.otherwise(this);
    }
  }

  /** KubeVirt: no settings relevant to the network. */
  public record Kubevirt() implements Provider {
    public static final String NAME = "kubevirt";

    @Override
    public String name() {
      return NAME;
    }

    @Override
    public <R> R accept(Visitor<R> v) {
      return v.otherwise(this);
    }
  }

  /** Nutanix: no settings relevant to the network. */
  public record Nutanix() implements Provider {
    public static final String NAME = "nutanix";

    @Override
    public String name() {
      return NAME;
    }

    @Override
    public <R> R accept(Visitor<R> v) {
      return v.otherwise(this);
    }
  }

  /** VMware Cloud Director: no settings relevant to the network. */
  public record Vmwareclouddirector() implements Provider {
    public static final String NAME = "vmwareclouddirector";

    @Override
    public String name() {
      return NAME;
    }

    @Override
    public <R> R accept(Visitor<R> v) {
      return v.otherwise(this);
    }
  }

  /** Alibaba Cloud: no settings relevant to the network. */
  public record Alibaba() implements Provider {
    public static final String NAME = "alibaba";

    @Override
    public String name() {
      return NAME;
    }

    @Override
    public <R> R accept(Visitor<R> v) {
      return v.otherwise(this);
    }
  }

  /** Anexia: no settings relevant to the network. */
  public record Anexia() implements Provider {
    public static final String NAME = "anexia";

    @Override
    public String name() {
      return NAME;
    }

    @Override
    public <R> R accept(Visitor<R> v) {
      return v.otherwise(this);
    }
  }

  /** A bring-your-own node and its addresses. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record ByoNode(
      @JsonPropertyDescription("Node name.") @Size(max = 253) String name,
      @JsonPropertyDescription("The node's IPv4 address.") @Size(max = 64) String ipv4,
      @JsonPropertyDescription("The node's IPv6 address (dual-stack).") @Size(max = 64)
          String ipv6) {}
}
