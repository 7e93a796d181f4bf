package dev.dualstack.operator.pipeline.render;

import dev.dualstack.operator.api.CloudSpec;
import dev.dualstack.operator.api.ClusterNetwork;
import dev.dualstack.operator.api.ClusterSpec;
import dev.dualstack.operator.api.ClusterStatus.CniStatus;
import dev.dualstack.operator.api.ClusterStatus.NetworkStatus;
import dev.dualstack.operator.api.DatacenterSpec;
import dev.dualstack.operator.api.IpFamilies;
import dev.dualstack.operator.api.IpRanges;
import dev.dualstack.operator.api.NetworkStatusBuilder;
import dev.dualstack.operator.pipeline.defaulting.ClusterDefaulter;
import dev.dualstack.operator.pipeline.net.Cidr;
import dev.dualstack.operator.pipeline.net.IpFamily;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Stage 6: renders a valid effective spec into the status values of docs/api.md (Cluster {@code
 * status}): the effective network, the CNI, the component flags ({@link ComponentsRenderer}) and
 * the provider settings ({@link ProviderRenderer}). Runs only on specs without errors.
 */
public final class ClusterRenderer {
  private ClusterRenderer() {}

  /**
   * Renders a valid effective spec.
   *
   * @param cluster the cluster's name
   * @param provider the resolved provider name
   * @param datacenter the spec of the cluster's datacenter
   */
  public static Rendering render(
      String cluster, ClusterSpec s, String provider, DatacenterSpec datacenter) {
    ClusterNetwork n = s.clusterNetwork();
    boolean dual = IpFamilies.dualStack(s);
    Optional<Cidr> firstService = Cidr.parse(n.services().cidrBlocks().get(0));
    List<String> nodePorts = nodePortsAllowedIPRanges(s, provider);
    NetworkStatus network =
        NetworkStatusBuilder.builder()
            .pods(n.pods().cidrBlocks())
            .services(n.services().cidrBlocks())
            .nodeCidrMaskSizeIPv4(n.nodeCidrMaskSizeIPv4())
            .nodeCidrMaskSizeIPv6(n.nodeCidrMaskSizeIPv6())
            .proxyMode(n.proxyMode())
            .ipvsStrictArp(n.ipvs() == null ? null : n.ipvs().strictArp())
            .dnsDomain(n.dnsDomain())
            .nodeLocalDNSCacheEnabled(n.nodeLocalDNSCacheEnabled())
            .konnectivityEnabled(n.konnectivityEnabled())
            .tunnelingAgentIP(n.tunnelingAgentIP())
            .exposeStrategy(s.exposeStrategy())
            .nodePortRange(s.componentsOverride().apiserver().nodePortRange())
            .nodePortsAllowedIPRanges(nodePorts)
            .apiServerAllowedIPRanges(
                s.apiServerAllowedIPRanges() == null
                    ? null
                    : s.apiServerAllowedIPRanges().cidrBlocks())
            .apiserverServiceIP(firstService.flatMap(c -> c.addressAt(1)).orElse(null))
            .dnsServiceIP(firstService.flatMap(c -> c.addressAt(10)).orElse(null))
            .build();
    return new Rendering(
        n.ipFamily(),
        s.cloud().dc(),
        network,
        new CniStatus(s.cniPlugin().type(), s.cniPlugin().version()),
        ComponentsRenderer.render(s, dual),
        ProviderRenderer.render(cluster, s, provider, datacenter, nodePorts));
  }

  /**
   * The source ranges allowed to reach node ports: the provider block's (AWS, Azure, GCP,
   * OpenStack; the defaulter already filled them, OpenStack from the datacenter first), else any
   * address of each family the pods use.
   */
  static List<String> nodePortsAllowedIPRanges(ClusterSpec s, String provider) {
    IpRanges r =
        s.cloud().provider(provider) instanceof CloudSpec.NodePortProvider p
            ? p.nodePortsAllowedIPRanges()
            : null;
    if (r != null && r.cidrBlocks() != null) {
      List<String> blocks = r.cidrBlocks().stream().filter(Objects::nonNull).toList();
      if (!blocks.isEmpty()) {
        return blocks;
      }
    }
    List<String> pods = s.clusterNetwork().pods().cidrBlocks();
    List<String> any = new ArrayList<>();
    if (!Families.cidrs(pods, IpFamily.IPV4).isEmpty()) {
      any.add(ClusterDefaulter.ANY_V4);
    }
    if (!Families.cidrs(pods, IpFamily.IPV6).isEmpty()) {
      any.add(ClusterDefaulter.ANY_V6);
    }
    return List.copyOf(any);
  }
}
