package dev.dualstack.operator.pipeline.render;

import static dev.dualstack.operator.pipeline.field.Strings.blank;

import dev.dualstack.operator.api.CloudSpec;
import dev.dualstack.operator.api.CloudSpec.ByoNode;
import dev.dualstack.operator.api.ClusterSpec;
import dev.dualstack.operator.api.DatacenterSpec;
import dev.dualstack.operator.api.IpFamilies;
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
import dev.dualstack.operator.api.ProviderStatusBuilder;
import dev.dualstack.operator.pipeline.net.IpFamily;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code status.provider}: what each provider needs for the cluster's network (docs/api.md, Cluster
 * {@code status}).
 */
final class ProviderRenderer {
  static final String AZURE_VNET_V4 = "10.0.0.0/16";
  static final String AZURE_VNET_V6 = "fd00::/48";
  static final String AZURE_SUBNET_V6 = "fd00::/64";
  static final String GCP_DUAL_STACK = "IPV4_IPV6";
  static final String GCP_IPV4_ONLY = "IPV4_ONLY";
  static final List<String> HETZNER_LB_ANNOTATIONS =
      List.of("load-balancer.hetzner.cloud/network-zone", "load-balancer.hetzner.cloud/location");

  private ProviderRenderer() {}

  static ProviderStatus render(
      String cluster,
      ClusterSpec s,
      String provider,
      DatacenterSpec datacenter,
      List<String> nodePortRanges) {
    CloudSpec.Provider block = s.cloud().provider(provider);
    ProviderStatus named = ProviderStatusBuilder.builder().name(provider).build();
    return block == null
        ? named
        : block.accept(
            new Blocks(
                named,
                cluster,
                IpFamilies.dualStack(s),
                s.componentsOverride().apiserver().nodePortRange(),
                nodePortRanges,
                datacenter));
  }

  /**
   * The per-provider part; providers without a method here (edge, bare metal and the providers of
   * unknown dual-stack support) get the name only.
   */
  private record Blocks(
      ProviderStatus named,
      String cluster,
      boolean dual,
      String ports,
      List<String> nodePortRanges,
      DatacenterSpec datacenter)
      implements CloudSpec.Provider.Visitor<ProviderStatus> {

    @Override
    public ProviderStatus otherwise(CloudSpec.Provider block) {
      return named;
    }

    @Override
    public ProviderStatus openstack(CloudSpec.Openstack os) {
      DatacenterSpec.Openstack dc = datacenter == null ? null : datacenter.openstack();
      return named.withOpenstack(OpenstackSubnetRenderer.render(cluster, os, dc, dual));
    }

    @Override
    public ProviderStatus azure(CloudSpec.Azure a) {
      boolean create = blank(a.vnet());
      return named.withAzure(
          new Azure(
              create ? families(dual, AZURE_VNET_V4, AZURE_VNET_V6) : null,
              create ? families(dual, AZURE_VNET_V4, AZURE_SUBNET_V6) : null,
              Families.orNull(rules(cluster, ports, "tcp,udp", nodePortRanges))));
    }

    @Override
    public ProviderStatus aws(CloudSpec.Aws a) {
      return named.withAws(
          new Aws(
              families(dual, IpFamily.IPV4.lower(), IpFamily.IPV6.lower()),
              Families.orNull(Families.cidrs(nodePortRanges, IpFamily.IPV4)),
              Families.orNull(Families.cidrs(nodePortRanges, IpFamily.IPV6))));
    }

    @Override
    public ProviderStatus gcp(CloudSpec.Gcp g) {
      return named.withGcp(
          new Gcp(
              dual ? GCP_DUAL_STACK : GCP_IPV4_ONLY,
              Families.orNull(rules(cluster, ports, "tcp,udp", nodePortRanges))));
    }

    @Override
    public ProviderStatus hetzner(CloudSpec.Hetzner h) {
      return named.withHetzner(
          new Hetzner(dual ? "dualstack" : "ipv4", dual ? HETZNER_LB_ANNOTATIONS : null));
    }

    @Override
    public ProviderStatus vsphere(CloudSpec.Vsphere v) {
      return named.withVsphere(new Vsphere(dual ? "ipv4,ipv6" : "ipv4", dual));
    }

    @Override
    public ProviderStatus digitalocean(CloudSpec.Digitalocean d) {
      return named.withDigitalocean(
          dual
              ? new Notes(
                  List.of(
                      "Droplets are created with IPv6 enabled; the node's public IPv6 address"
                          + " is its IPv6 node address."))
              : null);
    }

    @Override
    public ProviderStatus packet(CloudSpec.Packet p) {
      return named.withPacket(
          dual
              ? new Notes(
                  List.of(
                      "Devices get a public IPv6 address from the facility's IPv6 block; it"
                          + " is the node's IPv6 address."))
              : null);
    }

    @Override
    public ProviderStatus bringyourown(CloudSpec.BringYourOwn byo) {
      List<ByoNode> nodes = byo.nodes() == null ? List.of() : byo.nodes();
      List<Node> rendered = new ArrayList<>();
      for (ByoNode n : nodes) {
        if (n != null) {
          rendered.add(new Node(n.name(), KubeadmJoinRenderer.nodeIP(n, dual)));
        }
      }
      return named.withBringyourown(
          new BringYourOwn(KubeadmJoinRenderer.configMapName(cluster), Families.orNull(rendered)));
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
}
