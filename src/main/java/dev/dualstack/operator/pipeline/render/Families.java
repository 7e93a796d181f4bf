package dev.dualstack.operator.pipeline.render;

import dev.dualstack.operator.pipeline.net.Cidr;
import dev.dualstack.operator.pipeline.net.IpAddr;
import dev.dualstack.operator.pipeline.net.IpFamily;
import java.util.List;
import java.util.Optional;

/** Splitting CIDR and address lists by family; entries that do not parse are left out. */
final class Families {
  private Families() {}

  static List<String> cidrs(List<String> list, IpFamily family) {
    if (list == null) {
      return List.of();
    }
    return list.stream().filter(s -> s != null && family(s) == family).toList();
  }

  /**
   * The family of a CIDR of a validated spec. Text the parser refuses (it does not take {@code /0}
   * blocks such as {@code ::/0}) is classified by its separator.
   */
  static IpFamily family(String cidr) {
    return Cidr.parse(cidr)
        .map(Cidr::family)
        .orElse(cidr.indexOf(':') >= 0 ? IpFamily.IPV6 : IpFamily.IPV4);
  }

  static List<String> addresses(List<String> list, IpFamily family) {
    if (list == null) {
      return List.of();
    }
    return list.stream()
        .filter(s -> IpAddr.parse(s).map(a -> a.family() == family).orElse(false))
        .toList();
  }

  static Optional<String> first(List<String> list, IpFamily family) {
    return cidrs(list, family).stream().findFirst();
  }

  static <T> List<T> orNull(List<T> list) {
    return list == null || list.isEmpty() ? null : List.copyOf(list);
  }
}
