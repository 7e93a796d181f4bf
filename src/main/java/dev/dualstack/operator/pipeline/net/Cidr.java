package dev.dualstack.operator.pipeline.net;

import inet.ipaddr.IPAddress;
import java.math.BigInteger;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A parsed CIDR block ({@code 10.240.16.0/20}, {@code fd02::/108}). Parsing never touches DNS. Host
 * bits may be set ({@link #isCanonical()} tells); all set operations use the prefix block.
 */
public final class Cidr {
  private final String text;
  private final IPAddress address; // as written, with prefix
  private final IPAddress block; // the prefix block (host bits zeroed)

  /**
   * The prefix length is checked here, not by the library: its no-leading-zeros option also refuses
   * a plain {@code /0}.
   */
  private static final Pattern PREFIX = Pattern.compile("^[^/]+/(0|[1-9][0-9]{0,2})$");

  private Cidr(String text, IPAddress address) {
    this.text = text;
    this.address = address;
    this.block = address.toPrefixBlock();
  }

  /**
   * Parses {@code text} as {@code <address>/<prefix>}; empty when it is not a CIDR (no prefix, host
   * name, zone id, out-of-range prefix, garbage).
   */
  public static Optional<Cidr> parse(String text) {
    return text == null ? Optional.empty() : CACHE.get(text);
  }

  /** Parses, once per distinct string (see {@link ParseCache}). */
  private static final ParseCache<Optional<Cidr>> CACHE = new ParseCache<>(Cidr::parseNew, 4096);

  /** How many CIDR strings were parsed so far (not answered from the cache). */
  public static long parses() {
    return CACHE.parses();
  }

  private static Optional<Cidr> parseNew(String text) {
    if (!PREFIX.matcher(text).find()) {
      return Optional.empty();
    }
    IPAddress a = IpParsing.parse(text, IpParsing.CIDR);
    if (a == null || !a.isPrefixed()) {
      return Optional.empty();
    }
    return Optional.of(new Cidr(text, a));
  }

  public IpFamily family() {
    return address.isIPv4() ? IpFamily.IPV4 : IpFamily.IPV6;
  }

  public int prefixLength() {
    return address.getNetworkPrefixLength();
  }

  /** Host bits: address length minus prefix length. */
  public int hostBits() {
    return family().bits() - prefixLength();
  }

  /** Number of addresses in the block. */
  public BigInteger size() {
    BigInteger s = size;
    if (s == null) {
      s = BigInteger.ONE.shiftLeft(hostBits());
      size = s;
    }
    return s;
  }

  private volatile BigInteger size; // a Cidr is shared (ParseCache): computed once

  /** {@link #addressAt} of offsets asked before (the renderer asks for +1 and +10 every time). */
  private final java.util.Map<Long, Optional<String>> addresses =
      new java.util.concurrent.ConcurrentHashMap<>(4);

  /** True when no host bits are set ({@code 10.0.0.0/8}, not {@code 10.0.0.1/8}). */
  public boolean isCanonical() {
    return address.getLower().equals(block.getLower());
  }

  /** True for an IPv4-mapped IPv6 block ({@code ::ffff:10.0.0.0/104}). */
  public boolean isIpv4Mapped() {
    return address.isIPv6() && address.toIPv6().isIPv4Mapped();
  }

  /** The canonical text of the prefix block, e.g. {@code fd01::/48}. */
  public String canonical() {
    return block.toCanonicalString();
  }

  /** The text as written. */
  public String text() {
    return text;
  }

  public boolean overlaps(Cidr other) {
    return family() == other.family()
        && (block.contains(other.block) || other.block.contains(block));
  }

  public boolean contains(Cidr other) {
    return family() == other.family() && block.contains(other.block);
  }

  public boolean contains(IpAddr ip) {
    return ip.family() == family() && block.contains(ip.address());
  }

  /**
   * The address {@code offset} after the block's first address, e.g. {@code +1} gives the apiserver
   * service IP. Empty when the block is too small.
   */
  public Optional<String> addressAt(long offset) {
    Optional<String> known = addresses.get(offset);
    if (known != null) {
      return known;
    }
    Optional<String> a = computeAddressAt(offset);
    if (addresses.size() < 16) {
      addresses.put(offset, a);
    }
    return a;
  }

  private Optional<String> computeAddressAt(long offset) {
    if (offset < 0 || BigInteger.valueOf(offset).compareTo(size()) >= 0) {
      return Optional.empty();
    }
    IPAddress first = block.getLower().withoutPrefixLength();
    return Optional.of(first.increment(offset).toCanonicalString());
  }

  @Override
  public String toString() {
    return text;
  }
}
