package dev.dualstack.operator.pipeline.validation;

import dev.dualstack.operator.api.ClusterSpec;
import dev.dualstack.operator.api.IpRanges;
import dev.dualstack.operator.pipeline.field.ErrorType;
import dev.dualstack.operator.pipeline.field.Errors;
import dev.dualstack.operator.pipeline.field.FieldPath;
import dev.dualstack.operator.pipeline.field.Rule;
import dev.dualstack.operator.pipeline.model.ValidationContext;
import dev.dualstack.operator.pipeline.net.IpAddr;
import java.util.List;
import java.util.Optional;

/**
 * How the control plane is exposed: the strategy, the API server source ranges, the tunneling agent
 * address and the NodePort range (docs/validation-rules.md).
 */
final class ExposeRules {
  static final List<String> STRATEGIES = List.of("NodePort", "LoadBalancer", "Tunneling");
  private static final FieldPath SPEC = FieldPath.of("spec");

  private ExposeRules() {}

  static void validate(ValidationContext ctx, Errors errors) {
    ClusterSpec s = ctx.effective();
    String strategy = s.exposeStrategy();
    boolean known = strategy != null && STRATEGIES.contains(strategy);
    if (!known) {
      errors.add(
          Rule.NET_018,
          ErrorType.NOT_SUPPORTED,
          SPEC.child("exposeStrategy"),
          strategy,
          "supported values: " + STRATEGIES);
    }
    IpRanges allowed = s.apiServerAllowedIPRanges();
    if (allowed != null && allowed.cidrBlocks() != null && !allowed.cidrBlocks().isEmpty()) {
      FieldPath p = SPEC.child("apiServerAllowedIPRanges");
      if (known && !"LoadBalancer".equals(strategy)) {
        errors.add(
            Rule.NET_019,
            ErrorType.FORBIDDEN,
            p,
            null,
            "API server source ranges apply only with exposeStrategy LoadBalancer, not "
                + strategy);
      }
      CidrRules.parseAll(allowed.cidrBlocks(), p.child("cidrBlocks"), "", errors);
    }
    tunnelingAgentIp(s, known, errors);
    nodePortRange(s, errors);
  }

  private static void tunnelingAgentIp(ClusterSpec s, boolean known, Errors errors) {
    String ip = s.clusterNetwork().tunnelingAgentIP();
    if (ip == null) {
      return;
    }
    FieldPath p = NetworkRules.NETWORK.child("tunnelingAgentIP");
    if (known && !"Tunneling".equals(s.exposeStrategy())) {
      errors.add(
          Rule.NET_020,
          ErrorType.FORBIDDEN,
          p,
          ip,
          "only with exposeStrategy Tunneling, not " + s.exposeStrategy());
    }
    Optional<IpAddr> a = IpAddr.parse(ip);
    if (a.isEmpty() || a.get().isUnspecified() || a.get().isIpv4Mapped()) {
      errors.add(
          Rule.NET_021,
          ErrorType.INVALID,
          p,
          ip,
          "must be a specified IPv4 or IPv6 address such as 100.64.30.10");
    }
  }

  static void nodePortRange(ClusterSpec s, Errors errors) {
    String range =
        s.componentsOverride() == null || s.componentsOverride().apiserver() == null
            ? null
            : s.componentsOverride().apiserver().nodePortRange();
    if (range == null) {
      return;
    }
    FieldPath p = SPEC.child("componentsOverride").child("apiserver").child("nodePortRange");
    int dash = range.indexOf('-');
    int low = dash < 0 ? -1 : port(range, 0, dash);
    int high = dash < 0 ? -1 : port(range, dash + 1, range.length());
    if (low < 0 || high < 0) {
      errors.add(Rule.NET_022, ErrorType.INVALID, p, range, "must be low-high, e.g. 30000-32767");
      return;
    }
    if (low < 1 || high > 65535 || low > high) {
      errors.add(
          Rule.NET_022,
          ErrorType.INVALID,
          p,
          range,
          "ports must lie within 1-65535 with low <= high");
    }
  }

  /**
   * The 1 to 5 ASCII digits {@code s[from, to)} as a number, or -1 (what {@code [0-9]{1,5}} took).
   */
  private static int port(String s, int from, int to) {
    if (to - from < 1 || to - from > 5) {
      return -1;
    }
    int v = 0;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }
}
