package dev.dualstack.operator.pipeline.validation;

import java.util.Collection;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.semver4j.Semver;

/** Lenient version handling for CNI versions ({@code v3.31}, {@code 1.19.4}). */
final class Versions {
  private static final Pattern VERSION =
      Pattern.compile("v?[0-9]{1,4}(\\.[0-9]{1,4}){0,2}([-+][0-9A-Za-z.+-]{1,40})?");

  private Versions() {}

  static Optional<Semver> coerce(String text) {
    if (text == null || text.length() > 64 || !VERSION.matcher(text).matches()) {
      return Optional.empty();
    }
    try {
      return Optional.ofNullable(Semver.coerce(text));
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  /** True when {@code a} and {@code b} are the same string or coerce to the same version. */
  static boolean same(String a, String b) {
    if (Objects.equals(a, b)) {
      return true;
    }
    Optional<Semver> sa = coerce(a);
    Optional<Semver> sb = coerce(b);
    return sa.isPresent() && sb.isPresent() && sa.get().compareTo(sb.get()) == 0;
  }

  static boolean in(String version, Collection<String> list) {
    if (list == null) {
      return false;
    }
    return list.stream().filter(Objects::nonNull).anyMatch(v -> same(v, version));
  }
}
