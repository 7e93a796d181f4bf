package dev.dualstack.operator.pipeline.net;

import inet.ipaddr.IPAddress;
import java.util.Optional;

/** A single IP address literal (no prefix), parsed without DNS. */
public record IpAddr(String text, IPAddress address) {

  public static Optional<IpAddr> parse(String text) {
    return text == null ? Optional.empty() : CACHE.get(text);
  }

  /** Parses, once per distinct string (see {@link ParseCache}). */
  private static final ParseCache<Optional<IpAddr>> CACHE =
      new ParseCache<>(IpAddr::parseNew, 4096);

  /** How many address strings were parsed so far (not answered from the cache). */
  public static long parses() {
    return CACHE.parses();
  }

  private static Optional<IpAddr> parseNew(String text) {
    if (text.indexOf('/') >= 0) {
      return Optional.empty();
    }
    IPAddress a = IpParsing.parse(text, IpParsing.ADDRESS);
    return a == null ? Optional.empty() : Optional.of(new IpAddr(text, a));
  }

  public IpFamily family() {
    return address.isIPv4() ? IpFamily.IPV4 : IpFamily.IPV6;
  }

  /** 0.0.0.0 or ::. */
  public boolean isUnspecified() {
    return address.isZero();
  }

  /** 127.0.0.0/8 or ::1. */
  public boolean isLoopback() {
    return address.isLoopback();
  }

  /** 169.254.0.0/16 or fe80::/10. */
  public boolean isLinkLocal() {
    return address.isLinkLocal();
  }

  /** 224.0.0.0/4 or ff00::/8. */
  public boolean isMulticast() {
    return address.isMulticast();
  }

  public boolean isIpv4Mapped() {
    return address.isIPv6() && address.toIPv6().isIPv4Mapped();
  }

  public String canonical() {
    return address.toCanonicalString();
  }
}
