package dev.dualstack.operator.pipeline.render;

import dev.dualstack.operator.api.ClusterStatus.CniStatus;
import dev.dualstack.operator.api.ClusterStatus.NetworkStatus;
import dev.dualstack.operator.api.ComponentsStatus;
import dev.dualstack.operator.api.ProviderStatus;

/**
 * The rendered, accepted configuration of a valid cluster: what status.ipFamily, datacenter,
 * network, cni, components and provider will hold.
 */
public record Rendering(
    String ipFamily,
    String datacenter,
    NetworkStatus network,
    CniStatus cni,
    ComponentsStatus components,
    ProviderStatus provider) {}
