package dev.dualstack.operator.pipeline.render;

import dev.dualstack.operator.api.ClusterNetwork;
import dev.dualstack.operator.api.ClusterSpec;
import dev.dualstack.operator.api.ClusterStatus.CniStatus;
import dev.dualstack.operator.api.ClusterStatus.NetworkStatus;
import dev.dualstack.operator.api.ProviderStatus;
import dev.dualstack.operator.pipeline.Rendering;
import dev.dualstack.operator.pipeline.ValidationContext;
import dev.dualstack.operator.pipeline.net.Cidr;

/** Stage 6: renders a valid effective spec into the status values of SPEC §5. */
public final class ClusterRenderer {
  private ClusterRenderer() {}

  public static Rendering render(ValidationContext ctx) {
    ClusterSpec s = ctx.effective();
    ClusterNetwork n = s.clusterNetwork();
    Cidr firstService = Cidr.parse(n.services().cidrBlocks().get(0)).orElseThrow();
    NetworkStatus network =
        new NetworkStatus(
            n.pods().cidrBlocks(),
            n.services().cidrBlocks(),
            n.nodeCidrMaskSizeIPv4(),
            n.nodeCidrMaskSizeIPv6(),
            n.proxyMode(),
            n.ipvs() == null ? null : n.ipvs().strictArp(),
            n.dnsDomain(),
            n.nodeLocalDNSCacheEnabled(),
            n.konnectivityEnabled(),
            n.tunnelingAgentIP(),
            s.exposeStrategy(),
            s.componentsOverride().apiserver().nodePortRange(),
            null,
            s.apiServerAllowedIPRanges() == null ? null : s.apiServerAllowedIPRanges().cidrBlocks(),
            firstService.addressAt(1).orElse(null),
            firstService.addressAt(10).orElse(null));
    return new Rendering(
        n.ipFamily(),
        s.cloud().dc(),
        network,
        new CniStatus(s.cniPlugin().type(), s.cniPlugin().version()),
        null,
        new ProviderStatus(ctx.provider(), null, null, null, null, null, null, null, null, null));
  }
}
