package dev.dualstack.operator.cli;

import static dev.dualstack.operator.api.CelRules.DC_REQUIRED;
import static dev.dualstack.operator.api.CelRules.FIRST_IPV4;
import static dev.dualstack.operator.api.CelRules.IS_CIDR;
import static dev.dualstack.operator.api.CelRules.NODE_PORT_RANGE;
import static dev.dualstack.operator.api.CelRules.ONE_PROVIDER_ALLOWED;
import static dev.dualstack.operator.api.CelRules.ONE_PROVIDER_REQUIRED;
import static dev.dualstack.operator.api.CelRules.PROVIDER_NAME_KNOWN;
import static dev.dualstack.operator.api.CelRules.PROVIDER_NAME_MATCHES;
import static dev.dualstack.operator.api.CelRules.SAME_LENGTH;
import static dev.dualstack.operator.api.CelRules.SECOND_IPV6;

import dev.dualstack.operator.api.ProviderBlock;
import dev.dualstack.operator.pipeline.net.Cidr;
import dev.dualstack.operator.pipeline.net.IpFamily;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Java forms of the CRDs' own CEL rules ({@link dev.dualstack.operator.api.CelRules}, keyed by the
 * exact rule text), so that {@code check} need not run the CEL interpreter for a value that passes:
 * interpreting the rules was half of its time per Cluster (issue 14). A shortcut only ever answers
 * "passes": when it finds the value failing, or cannot decide (a value of a type the rule does not
 * expect), the rule is evaluated with CEL as before, which then gives the verdict and the message.
 * So the CEL rules in the CRD stay the one definition; RuleShortcutsTest evaluates every shortcut
 * and its rule side by side on the fuzz corpus and on edge values: the same verdict for values of
 * the schema's types, and never "passes" where CEL does not for values of other types (which the
 * structural checks refuse before any rule runs).
 *
 * <p>{@code self} is the pruned value as {@link CrdSchema#toCel} builds it: maps without null
 * values or unknown fields, lists, strings, longs, doubles and booleans.
 */
final class RuleShortcuts {
  /** The shortcut's answer: passes, or ask CEL (fails, or not decidable here). */
  private static final Map<String, Predicate<Object>> SHORTCUTS =
      Map.of(
          ONE_PROVIDER_REQUIRED,
          self -> providersSet(self) >= 1,
          ONE_PROVIDER_ALLOWED,
          self -> providersSet(self) <= 1,
          PROVIDER_NAME_KNOWN,
          RuleShortcuts::providerNameKnown,
          PROVIDER_NAME_MATCHES,
          RuleShortcuts::providerNameMatches,
          DC_REQUIRED,
          RuleShortcuts::dcRequired,
          SAME_LENGTH,
          RuleShortcuts::sameLength,
          FIRST_IPV4,
          self -> familyAt(self, 0, IpFamily.IPV4),
          SECOND_IPV6,
          self -> familyAt(self, 1, IpFamily.IPV6),
          IS_CIDR,
          self -> self instanceof String s && CelRules.parseCidr(s).isPresent(),
          NODE_PORT_RANGE,
          RuleShortcuts::nodePortRange);

  private RuleShortcuts() {}

  /** Whether a shortcut exists for the rule {@code expression}. */
  static boolean covers(String expression) {
    return SHORTCUTS.containsKey(expression);
  }

  /**
   * The Java form of the rule {@code expression}, null when it has none: true when the rule
   * certainly holds for {@code self}; false when CEL must decide (the value fails, or is not of the
   * expected shape).
   */
  static Predicate<Object> of(String expression) {
    return SHORTCUTS.get(expression);
  }

  /** {@link #of}'s answer for one value (false without a shortcut). */
  static boolean passes(String expression, Object self) {
    Predicate<Object> p = of(expression);
    return p != null && p.test(self);
  }

  /** How many provider blocks are set ({@code has(self.aws)}, ...); -1 when self is no map. */
  private static int providersSet(Object self) {
    if (!(self instanceof Map<?, ?> m)) {
      return -1;
    }
    int set = 0;
    for (String name : ProviderBlock.NAMES) {
      if (m.containsKey(name)) {
        set++;
      }
    }
    return set;
  }

  /** {@code !has(providerName) || providerName == '' || providerName in [known]}. */
  private static boolean providerNameKnown(Object self) {
    if (!(self instanceof Map<?, ?> m)) {
      return false;
    }
    Object name = m.get("providerName");
    return name == null || "".equals(name) || ProviderBlock.NAMES.contains(name);
  }

  /**
   * {@code !has(providerName) || providerName == '' || !(providerName in [known]) || size(set
   * blocks) != 1 || set block == providerName}.
   */
  private static boolean providerNameMatches(Object self) {
    if (!(self instanceof Map<?, ?> m)) {
      return false;
    }
    Object name = m.get("providerName");
    if (name == null || "".equals(name) || !ProviderBlock.NAMES.contains(name)) {
      return true;
    }
    if (providersSet(m) != 1) {
      return true;
    }
    return m.containsKey(name);
  }

  /** {@code has(self.cloud) && has(self.cloud.dc) && !self.cloud.dc.matches('^\\s*$')}. */
  private static boolean dcRequired(Object self) {
    if (!(self instanceof Map<?, ?> spec) || !(spec.get("cloud") instanceof Map<?, ?> cloud)) {
      return false;
    }
    if (!(cloud.get("dc") instanceof String dc)) {
      return false;
    }
    // RE2's \s is [\t\n\f\r ]; $ without the m flag is the end of the text
    for (int i = 0; i < dc.length(); i++) {
      char c = dc.charAt(i);
      if (c != '\t' && c != '\n' && c != '\f' && c != '\r' && c != ' ') {
        return true;
      }
    }
    return false;
  }

  /** Pods and services hold as many blocks, when both hold some. */
  private static boolean sameLength(Object self) {
    if (!(self instanceof Map<?, ?> network)) {
      return false;
    }
    Object pods = network.get("pods");
    Object services = network.get("services");
    if (pods == null || services == null) {
      return true; // !has(self.pods) || !has(self.services) holds, whatever the other operands
    }
    if (!(pods instanceof Map<?, ?> p) || !(services instanceof Map<?, ?> s)) {
      return false;
    }
    Object pb = p.get("cidrBlocks");
    Object sb = s.get("cidrBlocks");
    if (pb == null || sb == null) {
      return true;
    }
    if (!(pb instanceof List<?> pl) || !(sb instanceof List<?> sl)) {
      return false;
    }
    return pl.isEmpty() || sl.isEmpty() || pl.size() == sl.size();
  }

  /**
   * {@code size(self) < i+1 || !isCIDR(self[i]) || cidr(self[i]).ip().family() == f}: the address
   * is read as the {@code cidr(...).ip()} binding reads it.
   */
  private static boolean familyAt(Object self, int i, IpFamily family) {
    if (!(self instanceof List<?> list)) {
      return false;
    }
    if (list.size() <= i) {
      return true;
    }
    if (!(list.get(i) instanceof String s)) {
      return false;
    }
    Optional<Cidr> cidr = CelRules.parseCidr(s);
    return cidr.isEmpty() || CelRules.addressFamily(cidr.get()) == family;
  }

  /**
   * {@code !has(nodePortRange) || !matches('^[0-9]{1,5}-[0-9]{1,5}$') || (low >= 1 && high <= 65535
   * && low <= high)}.
   */
  private static boolean nodePortRange(Object self) {
    if (!(self instanceof Map<?, ?> m)) {
      return false;
    }
    Object v = m.get("nodePortRange");
    if (v == null) {
      return true;
    }
    if (!(v instanceof String range)) {
      return false;
    }
    int dash = range.indexOf('-');
    if (dash < 1 || dash > 5 || !digits(range, 0, dash)) {
      return true; // the pattern does not match: the rule holds
    }
    int end = range.length();
    if (end - dash - 1 < 1 || end - dash - 1 > 5 || !digits(range, dash + 1, end)) {
      return true;
    }
    int low = Integer.parseInt(range, 0, dash, 10);
    int high = Integer.parseInt(range, dash + 1, end, 10);
    return low >= 1 && high <= 65535 && low <= high;
  }

  private static boolean digits(String s, int from, int to) {
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }
}
