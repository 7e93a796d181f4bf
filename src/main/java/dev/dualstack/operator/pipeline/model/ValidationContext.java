package dev.dualstack.operator.pipeline.model;

import dev.dualstack.operator.api.ClusterSpec;
import dev.dualstack.operator.api.IpFamilies;
import dev.dualstack.operator.pipeline.capability.CapabilityMatrix;

/**
 * Everything a rule may look at: the input (user spec, labels, previous status), the effective
 * (defaulted) spec, the datacenter (null when not found), the resolved provider name (null when
 * none could be determined), the Kubernetes version and the capability matrix.
 */
public record ValidationContext(
    ClusterInput input,
    ClusterSpec effective,
    DatacenterInput datacenter,
    String provider,
    KubeVersion version,
    CapabilityMatrix matrix) {

  /** True when the effective spec asks for IPv4+IPv6. */
  public boolean dualStack() {
    return IpFamilies.dualStack(effective);
  }
}
