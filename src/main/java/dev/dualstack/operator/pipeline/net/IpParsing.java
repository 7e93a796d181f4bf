package dev.dualstack.operator.pipeline.net;

import inet.ipaddr.AddressStringParameters.RangeParameters;
import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import inet.ipaddr.IPAddressStringParameters;
import inet.ipaddr.ipv4.IPv4AddressStringParameters;
import inet.ipaddr.ipv6.IPv6AddressStringParameters;
import java.util.regex.Pattern;

/**
 * Strict, DNS-free parsing of IP literals: dotted-quad IPv4 without leading zeros, standard IPv6
 * text (mixed {@code ::ffff:1.2.3.4} form allowed so it can be reported), no zone ids, no ranges,
 * wildcards, masks or inet_aton forms. A host name is never resolved: {@code example.com/24} is
 * simply not an address.
 */
final class IpParsing {
  private IpParsing() {}

  private static final Pattern IPV4_SHAPE =
      Pattern.compile("(0|[1-9][0-9]{0,2})(\\.(0|[1-9][0-9]{0,2})){3}(/[0-9]{1,3})?");
  private static final Pattern IPV6_SHAPE = Pattern.compile("[0-9A-Fa-f:.]{2,45}(/[0-9]{1,3})?");

  static final IPAddressStringParameters CIDR = params(true);
  static final IPAddressStringParameters ADDRESS = params(false);

  private static IPAddressStringParameters params(boolean prefix) {
    IPv4AddressStringParameters v4 =
        new IPv4AddressStringParameters.Builder()
            .allowLeadingZeros(false)
            .allowUnlimitedLeadingZeros(false)
            .allowPrefixLengthLeadingZeros(true)
            .allowWildcardedSeparator(false)
            .allowBinary(false)
            .setRangeOptions(RangeParameters.NO_RANGE)
            .allowPrefixesBeyondAddressSize(false)
            .toParams();
    IPv4AddressStringParameters.Builder embedded =
        new IPv4AddressStringParameters.Builder()
            .allowLeadingZeros(false)
            .allowUnlimitedLeadingZeros(false)
            .allowWildcardedSeparator(false)
            .allowBinary(false)
            .setRangeOptions(RangeParameters.NO_RANGE);
    IPv6AddressStringParameters.Builder v6b = new IPv6AddressStringParameters.Builder();
    v6b.allowZone(false)
        .allowEmptyZone(false)
        .allowBase85(false)
        .allowMixed(true)
        .allow_mixed_inet_aton(false)
        .allowBinary(false)
        .allowWildcardedSeparator(false)
        .allowLeadingZeros(true)
        .allowUnlimitedLeadingZeros(false)
        .allowPrefixLengthLeadingZeros(true)
        .allowPrefixesBeyondAddressSize(false)
        .setRangeOptions(RangeParameters.NO_RANGE);
    v6b.getEmbeddedIPv4AddressParametersBuilder()
        .allowLeadingZeros(false)
        .allowUnlimitedLeadingZeros(false)
        .allowWildcardedSeparator(false)
        .allowBinary(false)
        .setRangeOptions(RangeParameters.NO_RANGE);
    IPAddressStringParameters.Builder b =
        new IPAddressStringParameters.Builder()
            .allowEmpty(false)
            .allowAll(false)
            .allowSingleSegment(false)
            .allowPrefixOnly(false)
            .allowMask(false)
            .allowPrefix(prefix)
            .allow_inet_aton(false)
            .allowWildcardedSeparator(false)
            .setRangeOptions(RangeParameters.NO_RANGE);
    b.setIPv4AddressParameters(v4);
    b.setIPv6AddressParameters(v6b.toParams());
    return b.toParams();
  }

  /** The parsed address, or null when {@code text} is not a literal of the accepted forms. */
  static IPAddress parse(String text, IPAddressStringParameters params) {
    if (text == null || text.isEmpty() || text.length() > 128) {
      return null;
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c <= ' ' || c > '~') {
        return null; // whitespace, control characters, NUL, non-ASCII
      }
    }
    boolean v6 = text.indexOf(':') >= 0;
    if (!(v6 ? IPV6_SHAPE : IPV4_SHAPE).matcher(text).matches()) {
      return null; // inet_aton short forms (1.2.3), zones, wildcards, brackets
    }
    try {
      return new IPAddressString(text, params).toAddress();
    } catch (inet.ipaddr.AddressStringException | inet.ipaddr.IncompatibleAddressException e) {
      return null;
    }
  }
}
