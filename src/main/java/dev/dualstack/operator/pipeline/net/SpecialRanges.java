package dev.dualstack.operator.pipeline.net;

import java.util.List;
import java.util.Optional;

/**
 * Special-purpose address blocks (RFC 6890 and the IANA IPv4/IPv6 special-purpose address
 * registries) that no pod or service range may touch, and the documentation ranges that deserve a
 * warning. Each block names what it is and the RFC that reserves it, for messages.
 */
public final class SpecialRanges {
  /** A reserved block, what it is for and the document that reserves it. */
  public record Special(Cidr cidr, String purpose, String rfc) {
    /** {@code 169.254.0.0/16 (link-local, RFC 3927)}. */
    public String describe() {
      return cidr.text() + " (" + purpose + ", " + rfc + ")";
    }
  }

  /** Refused for pods and services (a block that contains or lies in one of them is Invalid). */
  public static final List<Special> REFUSED =
      List.of(
          special("0.0.0.0/8", "\"this network\"", "RFC 791, RFC 1122"),
          special("127.0.0.0/8", "loopback", "RFC 1122"),
          special(
              "169.254.0.0/16",
              "link-local; holds the cloud metadata address 169.254.169.254 and NodeLocal DNS"
                  + " 169.254.20.10",
              "RFC 3927"),
          special("224.0.0.0/4", "multicast", "RFC 5771"),
          special("240.0.0.0/4", "reserved for future use", "RFC 1112"),
          special("::/128", "unspecified address", "RFC 4291"),
          special("::1/128", "loopback", "RFC 4291"),
          special("::/96", "IPv4-compatible IPv6 addresses, deprecated", "RFC 4291"),
          special("::ffff:0:0/96", "IPv4-mapped IPv6 addresses", "RFC 4291"),
          special("fe80::/10", "link-local", "RFC 4291"),
          special("ff00::/8", "multicast", "RFC 4291"));

  /** Documentation ranges: a warning for pods and services. */
  public static final List<Special> DOCUMENTATION =
      List.of(
          special("192.0.2.0/24", "documentation, TEST-NET-1", "RFC 5737"),
          special("198.51.100.0/24", "documentation, TEST-NET-2", "RFC 5737"),
          special("203.0.113.0/24", "documentation, TEST-NET-3", "RFC 5737"),
          special("2001:db8::/32", "documentation", "RFC 3849"));

  private SpecialRanges() {}

  /** The refused blocks that {@code c} overlaps (contains or lies in), in table order. */
  public static List<Special> refusedOverlapping(Cidr c) {
    return overlapping(REFUSED, c);
  }

  /** The documentation blocks that {@code c} overlaps. */
  public static List<Special> documentationOverlapping(Cidr c) {
    return overlapping(DOCUMENTATION, c);
  }

  /** A loop, not a stream: every pod and service range of every evaluation comes through here. */
  private static List<Special> overlapping(List<Special> table, Cidr c) {
    List<Special> found = null;
    for (Special s : table) {
      if (s.cidr().overlaps(c)) {
        if (found == null) {
          found = new java.util.ArrayList<>(2);
        }
        found.add(s);
      }
    }
    return found == null ? List.of() : List.copyOf(found);
  }

  /** The first refused block that holds {@code ip}. */
  public static Optional<Special> refusedHolding(IpAddr ip) {
    return REFUSED.stream().filter(s -> s.cidr().contains(ip)).findFirst();
  }

  private static Special special(String cidr, String purpose, String rfc) {
    return new Special(
        Cidr.parse(cidr).orElseThrow(() -> new IllegalStateException("bad table entry " + cidr)),
        purpose,
        rfc);
  }
}
