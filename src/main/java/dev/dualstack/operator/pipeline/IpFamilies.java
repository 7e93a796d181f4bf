package dev.dualstack.operator.pipeline;

/** The values of {@code spec.clusterNetwork.ipFamily}. */
public final class IpFamilies {
  private IpFamilies() {}

  public static final String IPV4 = "IPv4";
  public static final String DUAL_STACK = "IPv4+IPv6";
}
