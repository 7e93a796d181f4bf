package dev.dualstack.operator.pipeline.validation;

import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.semver4j.Semver;

/** Lenient version handling for CNI versions ({@code v3.31}, {@code 1.19.4}). */
final class Versions {
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

  static boolean in(String version, Collection<String> list) {
    if (list == null) {
      return false;
    }
    if (version != null && list.contains(version)) {
      return true;
    }
    return list.stream().filter(Objects::nonNull).anyMatch(v -> same(v, version));
  }
}
