package dev.dualstack.operator.pipeline.validation;

import dev.dualstack.operator.pipeline.field.ErrorType;
import dev.dualstack.operator.pipeline.field.Errors;
import dev.dualstack.operator.pipeline.field.FieldPath;
import dev.dualstack.operator.pipeline.field.Rule;
import dev.dualstack.operator.pipeline.model.ValidationContext;
import dev.dualstack.operator.pipeline.net.IpAddr;
import dev.dualstack.operator.pipeline.net.IpFamily;
import dev.dualstack.operator.pipeline.net.SpecialRanges;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code tunnelingAgentIP}, explicit or defaulted (beyond KKP): the agent's address on every node
 * is IPv4, not special-purpose, and outside pods, services and node networks, or node traffic to it
 * is routed elsewhere. Whether it parses at all is {@link ExposeRules}' NET-021.
 */
final class TunnelingRules {
  private TunnelingRules() {}

  static void validate(
      ValidationContext ctx, Ranges ranges, List<Located> nodeNetworks, Errors errors) {
    String ip = ctx.effective().clusterNetwork().tunnelingAgentIP();
    if (ip == null) {
      return;
    }
    Optional<IpAddr> parsed = IpAddr.parse(ip);
    if (parsed.isEmpty() || parsed.get().isUnspecified() || parsed.get().isIpv4Mapped()) {
      return; // NET-021
    }
    IpAddr a = parsed.get();
    FieldPath p = NetworkRules.NETWORK.child("tunnelingAgentIP");
    if (a.family() != IpFamily.IPV4) {
      errors.add(
          Rule.NET_027,
          ErrorType.INVALID,
          p,
          ip,
          "must be an IPv4 address (the tunneling agent listens on IPv4 on every node)");
      return;
    }
    var special = SpecialRanges.refusedHolding(a);
    if (special.isPresent()) {
      errors.add(
          Rule.NET_028,
          ErrorType.INVALID,
          p,
          ip,
          "lies in the special-purpose range " + special.get().describe());
      return;
    }
    List<Located> all = new ArrayList<>(ranges.pods());
    all.addAll(ranges.services());
    all.addAll(nodeNetworks);
    for (Located l : all) {
      if (l.cidr().contains(a)) {
        errors.add(
            Rule.OVL_004,
            ErrorType.INVALID,
            p,
            ip,
            "lies inside " + l.what() + " " + l.cidr().text() + " (" + l.path() + ")");
      }
    }
  }
}
