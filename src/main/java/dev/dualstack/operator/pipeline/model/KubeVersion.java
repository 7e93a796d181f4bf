package dev.dualstack.operator.pipeline.model;

import java.util.Optional;
import org.semver4j.Semver;

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
    String t = text.strip();
    if (!SHAPE.matcher(t).matches()) {
      return Optional.empty();
    }
    Semver s = Semver.coerce(t);
    return s == null
        ? Optional.empty()
        : Optional.of(new KubeVersion(s.getMajor(), s.getMinor(), false));
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
