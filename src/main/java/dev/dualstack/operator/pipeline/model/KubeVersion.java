package dev.dualstack.operator.pipeline.model;

import dev.dualstack.operator.pipeline.net.ParseCache;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The user cluster's Kubernetes minor version. {@code assumed} is true when the cluster's own
 * version is missing, malformed or not supported: version-dependent rules then act as for the
 * newest supported minor of the capability matrix ({@link #resolve}).
 */
public record KubeVersion(int major, int minor, boolean assumed) {
  /**
   * Fallback for callers without a capability matrix (the kubeadm renderer): the newest minor the
   * built-in {@code capabilities.yaml} lists.
   */
  public static final KubeVersion NEWEST = new KubeVersion(1, 37, true);

  /** {@code MAJOR.MINOR.PATCH}, a leading {@code v} allowed, no leading zeros, nothing after. */
  private static final Pattern SHAPE =
      Pattern.compile("v?(0|[1-9][0-9]{0,2})\\.(0|[1-9][0-9]{0,2})\\.(0|[1-9][0-9]{0,3})");

  private static final Pattern MINOR = Pattern.compile("(0|[1-9][0-9]{0,2})\\.(0|[1-9][0-9]{0,2})");

  /** Parses {@code 1.31.4} or {@code v1.31.4}; empty when not of that shape. */
  public static Optional<KubeVersion> parse(String text) {
    if (text == null || text.length() > 32) {
      return Optional.empty();
    }
    return CACHE.get(text);
  }

  /** The defaulter and the pipeline both ask: each distinct string is parsed once. */
  private static final ParseCache<Optional<KubeVersion>> CACHE =
      new ParseCache<>(KubeVersion::parseNew, 1024);

  /** How many version strings were parsed so far (not answered from the cache). */
  public static long parses() {
    return CACHE.parses() + MINORS.parses();
  }

  private static Optional<KubeVersion> parseNew(String text) {
    Matcher m = SHAPE.matcher(text);
    if (!m.matches()) {
      return Optional.empty();
    }
    return Optional.of(
        new KubeVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), false));
  }

  /** A minor version of the capability matrix ({@code 1.31}); empty when malformed. */
  public static Optional<KubeVersion> parseMinor(String text) {
    return text == null || text.length() > 32 ? Optional.empty() : MINORS.get(text);
  }

  /** The matrix's minors are read for every evaluation: each parsed once. */
  private static final ParseCache<Optional<KubeVersion>> MINORS =
      new ParseCache<>(KubeVersion::parseMinorNew, 256);

  private static Optional<KubeVersion> parseMinorNew(String text) {
    Matcher m = MINOR.matcher(text);
    if (!m.matches()) {
      return Optional.empty();
    }
    return Optional.of(
        new KubeVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), false));
  }

  /** The version of {@code text}, or {@link #NEWEST} when missing or unparsable. */
  public static KubeVersion orNewest(String text) {
    return parse(text).orElse(NEWEST);
  }

  /**
   * The version the rules act on: {@code text} when it parses and its minor is one of {@code
   * supportedMinors}; otherwise the newest of {@code supportedMinors} (or {@link #NEWEST} when the
   * list is empty), marked {@code assumed}.
   */
  public static KubeVersion resolve(String text, List<String> supportedMinors) {
    Optional<KubeVersion> v = parse(text);
    if (v.isPresent() && supports(supportedMinors, v.get())) {
      return v.get();
    }
    return newest(supportedMinors);
  }

  /** True when {@code v}'s minor is in {@code supportedMinors}. */
  public static boolean supports(List<String> supportedMinors, KubeVersion v) {
    for (String s : supportedMinors) {
      Optional<KubeVersion> m = parseMinor(s);
      if (m.isPresent() && m.get().major == v.major && m.get().minor == v.minor) {
        return true;
      }
    }
    return false;
  }

  /** The newest of {@code supportedMinors}, marked assumed. */
  public static KubeVersion newest(List<String> supportedMinors) {
    return supportedMinors.stream()
        .map(KubeVersion::parseMinor)
        .flatMap(Optional::stream)
        .max(Comparator.comparingInt(KubeVersion::major).thenComparingInt(KubeVersion::minor))
        .map(m -> new KubeVersion(m.major, m.minor, true))
        .orElse(NEWEST);
  }

  public boolean atLeast(int major, int minor) {
    return this.major > major || (this.major == major && this.minor >= minor);
  }

  @Override
  public String toString() {
    return major + "." + minor;
  }
}
