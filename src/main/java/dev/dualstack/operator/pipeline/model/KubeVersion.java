package dev.dualstack.operator.pipeline.model;

import dev.dualstack.operator.pipeline.net.ParseCache;
import java.util.Optional;

/**
 * The user cluster's Kubernetes minor version. A missing version acts as {@link #NEWEST}; an
 * unparsable one is reported by validation and then also acts as {@link #NEWEST}.
 */
public record KubeVersion(int major, int minor, boolean assumed) {
  /** The newest supported minor: version-dependent rules act as for it when no version is set. */
  public static final KubeVersion NEWEST = new KubeVersion(1, 35, true);

  private static final java.util.regex.Pattern SHAPE =
      java.util.regex.Pattern.compile(
          "v?[0-9]{1,3}\\.[0-9]{1,3}(\\.[0-9]{1,4})?([-+][0-9A-Za-z.+-]*)?");

  /** Parses {@code 1.31.4} or {@code v1.31}; empty when not a version. */
  public static Optional<KubeVersion> parse(String text) {
    if (text == null || text.isBlank() || text.length() > 32) {
      return Optional.empty();
    }
    return CACHE.get(text);
  }

  /** The defaulter and the pipeline both ask: each distinct string is parsed once. */
  private static final ParseCache<Optional<KubeVersion>> CACHE =
      new ParseCache<>(KubeVersion::parseNew, 1024);

  /** How many version strings were parsed so far (not answered from the cache). */
  public static long parses() {
    return CACHE.parses();
  }

  /** The major and minor of a string of {@link #SHAPE} (what semver4j's coerce would give). */
  private static Optional<KubeVersion> parseNew(String text) {
    String t = text.strip();
    if (!SHAPE.matcher(t).matches()) {
      return Optional.empty();
    }
    int start = t.charAt(0) == 'v' ? 1 : 0;
    int dot = t.indexOf('.', start);
    int end = dot + 1;
    while (end < t.length() && Character.isDigit(t.charAt(end))) {
      end++;
    }
    return Optional.of(
        new KubeVersion(
            Integer.parseInt(t, start, dot, 10), Integer.parseInt(t, dot + 1, end, 10), false));
  }

  /** The version of {@code text}, or {@link #NEWEST} when missing or unparsable. */
  public static KubeVersion orNewest(String text) {
    return parse(text).orElse(NEWEST);
  }

  public boolean atLeast(int major, int minor) {
    return this.major > major || (this.major == major && this.minor >= minor);
  }

  @Override
  public String toString() {
    return major + "." + minor;
  }
}
