package dev.dualstack.operator.pipeline.validation;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.semver4j.Semver;

/**
 * CNI version helpers ({@code v3.31}, {@code 1.19.4}). Membership in the allowed lists is exact
 * string equality (KKP); coercion only orders versions (minimum for dual-stack, upgrade steps) and
 * finds the listed spelling of a near miss.
 */
final class Versions {
  private static final Pattern LOOSE = Pattern.compile("[vV]?[0-9]{1,6}(\\.[0-9]{1,6}){0,2}");
  private static final Pattern VERSION =
      Pattern.compile("v?[0-9]{1,4}(\\.[0-9]{1,4}){0,2}([-+][0-9A-Za-z.+-]{1,40})?");

  /** Coerced versions of well-formed strings (the matrix lists are few); bounded. */
  private static final Map<String, Optional<Semver>> CACHE = new ConcurrentHashMap<>();

  private static final int CACHE_LIMIT = 4096;

  private Versions() {}

  static Optional<Semver> coerce(String text) {
    if (text == null || text.length() > 64 || !VERSION.matcher(text).matches()) {
      return Optional.empty();
    }
    Optional<Semver> cached = CACHE.get(text);
    if (cached != null) {
      return cached;
    }
    Optional<Semver> v;
    try {
      v = Optional.ofNullable(Semver.coerce(text));
    } catch (RuntimeException e) {
      v = Optional.empty();
    }
    if (CACHE.size() < CACHE_LIMIT) {
      CACHE.put(text, v);
    }
    return v;
  }

  /** True when {@code a} and {@code b} are the same string or coerce to the same version. */
  static boolean same(String a, String b) {
    if (Objects.equals(a, b)) {
      return true;
    }
    Optional<Semver> sa = coerce(a);
    if (sa.isEmpty()) {
      return false;
    }
    Optional<Semver> sb = coerce(b);
    return sb.isPresent() && sa.get().compareTo(sb.get()) == 0;
  }

  /**
   * The entry of {@code list} that {@code version} is a different spelling of ({@code v3.22.0},
   * {@code 3.22} for {@code v3.22}; {@code v1.19.4}, {@code 01.19.4} for {@code 1.19.4}): for the
   * "did you mean" hint of a near miss. Empty when none is.
   */
  static Optional<String> spelledAs(String version, Collection<String> list) {
    if (version == null || list == null) {
      return Optional.empty();
    }
    String normal = normalize(version);
    if (normal == null) {
      return Optional.empty();
    }
    return list.stream()
        .filter(Objects::nonNull)
        .filter(v -> !v.equals(version) && normal.equals(normalize(v)))
        .findFirst();
  }

  /** {@code v01.019.0} to {@code 1.19}: no {@code v}, no leading zeros, no trailing {@code .0}. */
  private static String normalize(String v) {
    if (!LOOSE.matcher(v).matches()) {
      return null;
    }
    String[] parts = (v.startsWith("v") || v.startsWith("V") ? v.substring(1) : v).split("\\.");
    List<String> out = new ArrayList<>();
    for (String p : parts) {
      String t = p.replaceFirst("^0+(?=[0-9])", "");
      out.add(t);
    }
    while (out.size() > 2 && out.get(out.size() - 1).equals("0")) {
      out.remove(out.size() - 1);
    }
    return String.join(".", out);
  }
}
