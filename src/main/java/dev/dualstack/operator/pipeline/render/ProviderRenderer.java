package dev.dualstack.operator.pipeline.render;

import dev.dualstack.operator.api.CloudSpec;
import dev.dualstack.operator.api.CloudSpec.ByoNode;
import dev.dualstack.operator.api.ClusterSpec;
import dev.dualstack.operator.api.DatacenterSpec;
import dev.dualstack.operator.api.ProviderStatus;
import dev.dualstack.operator.api.ProviderStatus.Aws;
import dev.dualstack.operator.api.ProviderStatus.Azure;
import dev.dualstack.operator.api.ProviderStatus.BringYourOwn;
import dev.dualstack.operator.api.ProviderStatus.Gcp;
import dev.dualstack.operator.api.ProviderStatus.Hetzner;
import dev.dualstack.operator.api.ProviderStatus.Node;
import dev.dualstack.operator.api.ProviderStatus.Notes;
import dev.dualstack.operator.api.ProviderStatus.SecurityRule;
import dev.dualstack.operator.api.ProviderStatus.Vsphere;
import dev.dualstack.operator.pipeline.ValidationContext;
import dev.dualstack.operator.pipeline.net.IpFamily;
import java.util.ArrayList;
import java.util.List;

/** {@code status.provider}: what each provider needs for the cluster's network (SPEC §5). */
final class ProviderRenderer {
  static final String AZURE_VNET_V4 = "10.0.0.0/16";
  static final String AZURE_VNET_V6 = "fd00::/48";
  static final String AZURE_SUBNET_V6 = "fd00::/64";
  static final String GCP_DUAL_STACK = "IPV4_IPV6";
  static final String GCP_IPV4_ONLY = "IPV4_ONLY";
  static final List<String> HETZNER_LB_ANNOTATIONS =
      List.of("load-balancer.hetzner.cloud/network-zone", "load-balancer.hetzner.cloud/location");

  private ProviderRenderer() {}

  static ProviderStatus render(ValidationContext ctx, List<String> nodePortRanges) {
    ClusterSpec s = ctx.effective();
    CloudSpec.Provider block = s.cloud().provider(ctx.provider());
    var b = new Builder(ctx.provider());
    if (block != null) {
      block.accept(new Blocks(ctx, nodePortRanges, b));
    }
    return b.build();
  }

  /**
   * The per-provider part; providers without a method here (edge, bare metal and the providers of
   * unknown dual-stack support) get the name only.
   */
  private record Blocks(ValidationContext ctx, List<String> nodePortRanges, Builder b)
      implements CloudSpec.Provider.Visitor<Void> {

    private String cluster() {
      return ctx.input().name();
    }

    private boolean dual() {
      return ctx.dualStack();
    }

    private String ports() {
      return ctx.effective().componentsOverride().apiserver().nodePortRange();
    }

    @Override
    public Void otherwise(CloudSpec.Provider block) {
      return null;
    }

    @Override
    public Void openstack(CloudSpec.Openstack os) {
      DatacenterSpec dc = ctx.datacenter() == null ? null : ctx.datacenter().spec();
      CloudSpec userCloud = ctx.input().spec().cloud();
      b.openstack =
          OpenstackSubnetRenderer.render(
              cluster(),
              os,
              userCloud == null ? null : userCloud.openstack(),
              dc == null ? null : dc.openstack(),
              dual());
      return null;
    }

    @Override
    public Void azure(CloudSpec.Azure a) {
      boolean create = blank(a.vnet());
      b.azure =
          new Azure(
              create ? families(dual(), AZURE_VNET_V4, AZURE_VNET_V6) : null,
              create ? families(dual(), AZURE_VNET_V4, AZURE_SUBNET_V6) : null,
              Families.orNull(rules(cluster(), ports(), "tcp,udp", nodePortRanges)));
      return null;
    }

    @Override
    public Void aws(CloudSpec.Aws a) {
      b.aws =
          new Aws(
              families(dual(), IpFamily.IPV4.lower(), IpFamily.IPV6.lower()),
              Families.orNull(Families.cidrs(nodePortRanges, IpFamily.IPV4)),
              Families.orNull(Families.cidrs(nodePortRanges, IpFamily.IPV6)));
      return null;
    }

    @Override
    public Void gcp(CloudSpec.Gcp g) {
      b.gcp =
          new Gcp(
              dual() ? GCP_DUAL_STACK : GCP_IPV4_ONLY,
              Families.orNull(rules(cluster(), ports(), "tcp,udp", nodePortRanges)));
      return null;
    }

    @Override
    public Void hetzner(CloudSpec.Hetzner h) {
      b.hetzner =
          new Hetzner(dual() ? "dualstack" : "ipv4", dual() ? HETZNER_LB_ANNOTATIONS : null);
      return null;
    }

    @Override
    public Void vsphere(CloudSpec.Vsphere v) {
      b.vsphere = new Vsphere(dual() ? "ipv4,ipv6" : "ipv4", dual());
      return null;
    }

    @Override
    public Void digitalocean(CloudSpec.Digitalocean d) {
      b.digitalocean =
          dual()
              ? new Notes(
                  List.of(
                      "Droplets are created with IPv6 enabled; the node's public IPv6 address"
                          + " is its IPv6 node address."))
              : null;
      return null;
    }

    @Override
    public Void packet(CloudSpec.Packet p) {
      b.packet =
          dual()
              ? new Notes(
                  List.of(
                      "Devices get a public IPv6 address from the facility's IPv6 block; it"
                          + " is the node's IPv6 address."))
              : null;
      return null;
    }

    @Override
    public Void bringyourown(CloudSpec.BringYourOwn byo) {
      List<ByoNode> nodes = byo.nodes() == null ? List.of() : byo.nodes();
      List<Node> rendered = new ArrayList<>();
      for (ByoNode n : nodes) {
        if (n != null) {
          rendered.add(new Node(n.name(), KubeadmJoinRenderer.nodeIP(n, dual())));
        }
      }
      b.bringyourown =
          new BringYourOwn(KubeadmJoinRenderer.configMapName(cluster()), Families.orNull(rendered));
      return null;
    }
  }

  /** One node-port rule per family that has source ranges. */
  private static List<SecurityRule> rules(
      String cluster, String ports, String protocol, List<String> ranges) {
    List<SecurityRule> out = new ArrayList<>();
    for (IpFamily f : IpFamily.values()) {
      List<String> r = Families.cidrs(ranges, f);
      if (!r.isEmpty()) {
        out.add(
            new SecurityRule(cluster + "-node-ports-" + f.lower(), f.lower(), protocol, ports, r));
      }
    }
    return out;
  }

  private static List<String> families(boolean dual, String v4, String v6) {
    return dual ? List.of(v4, v6) : List.of(v4);
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }

  private static final class Builder {
    final String name;
    ProviderStatus.Openstack openstack;
    Azure azure;
    Aws aws;
    Gcp gcp;
    Hetzner hetzner;
    Vsphere vsphere;
    Notes digitalocean;
    Notes packet;
    BringYourOwn bringyourown;

    Builder(String name) {
      this.name = name;
    }

    ProviderStatus build() {
      return new ProviderStatus(
          name, openstack, azure, aws, gcp, hetzner, vsphere, digitalocean, packet, bringyourown);
    }
  }
}
