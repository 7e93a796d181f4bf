package dev.dualstack.operator.api;

/** The values of {@code spec.clusterNetwork.ipFamily}. */
public final class IpFamilies {
  private IpFamilies() {}

  public static final String IPV4 = "IPv4";
  public static final String DUAL_STACK = "IPv4+IPv6";

  /** True when the spec's {@code clusterNetwork.ipFamily} is IPv4+IPv6. */
  public static boolean dualStack(ClusterSpec spec) {
    return spec != null
        && spec.clusterNetwork() != null
        && DUAL_STACK.equals(spec.clusterNetwork().ipFamily());
  }
}
