package dev.dualstack.operator.pipeline.render;

import dev.dualstack.operator.pipeline.net.Cidr;
import dev.dualstack.operator.pipeline.net.IpAddr;
import dev.dualstack.operator.pipeline.net.IpFamily;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/** Splitting CIDR and address lists by family; entries that do not parse are left out. */
final class Families {
  private Families() {}

  static List<String> cidrs(List<String> list, IpFamily family) {
    if (list == null) {
      return List.of();
    }
    List<String> out = null;
    for (int i = 0; i < list.size(); i++) {
      String s = list.get(i);
      if (s != null && family(s) == family) {
        if (out == null) {
          out = new ArrayList<>(list.size() - i);
        }
        out.add(s);
      }
    }
    return out == null ? List.of() : Collections.unmodifiableList(out);
  }

  /**
   * The family of a CIDR of a validated spec. Text the parser refuses (it does not take {@code /0}
   * blocks such as {@code ::/0}) is classified by its separator.
   */
  static IpFamily family(String cidr) {
    Optional<Cidr> c = Cidr.parse(cidr);
    if (c.isPresent()) {
      return c.get().family();
    }
    return cidr.indexOf(':') >= 0 ? IpFamily.IPV6 : IpFamily.IPV4;
  }

  static List<String> addresses(List<String> list, IpFamily family) {
    if (list == null) {
      return List.of();
    }
    List<String> out = null;
    for (int i = 0; i < list.size(); i++) {
      String s = list.get(i);
      Optional<IpAddr> a = IpAddr.parse(s);
      if (a.isPresent() && a.get().family() == family) {
        if (out == null) {
          out = new ArrayList<>(list.size() - i);
        }
        out.add(s);
      }
    }
    return out == null ? List.of() : Collections.unmodifiableList(out);
  }

  static Optional<String> first(List<String> list, IpFamily family) {
    if (list != null) {
      for (String s : list) {
        if (s != null && family(s) == family) {
          return Optional.of(s);
        }
      }
    }
    return Optional.empty();
  }

  static <T> List<T> orNull(List<T> list) {
    return list == null || list.isEmpty() ? null : List.copyOf(list);
  }
}
