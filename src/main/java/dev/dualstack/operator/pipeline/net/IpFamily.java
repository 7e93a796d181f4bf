package dev.dualstack.operator.pipeline.net;

/** An IP address family. */
public enum IpFamily {
  IPV4("IPv4", 32),
  IPV6("IPv6", 128);

  private final String display;
  private final int bits;

  IpFamily(String display, int bits) {
    this.display = display;
    this.bits = bits;
  }

  /** {@code IPv4} or {@code IPv6}. */
  public String display() {
    return display;
  }

  /** Address length in bits. */
  public int bits() {
    return bits;
  }

  /** Lower-case name used in provider settings ({@code ipv4}, {@code ipv6}). */
  public String lower() {
    return display.toLowerCase(java.util.Locale.ROOT);
  }
}
