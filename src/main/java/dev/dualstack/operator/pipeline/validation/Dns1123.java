package dev.dualstack.operator.pipeline.validation;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Kubernetes object-name formats, after apimachinery's {@code validation.IsDNS1123Label} and {@code
 * IsDNS1123Subdomain}: each check returns why a name is not of the format, worded as the API server
 * words it.
 */
public final class Dns1123 {
  private static final String LABEL_FMT = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
  private static final Pattern LABEL = Pattern.compile(LABEL_FMT);
  private static final Pattern SUBDOMAIN = Pattern.compile(LABEL_FMT + "(\\." + LABEL_FMT + ")*");
  static final int LABEL_MAX = 63;
  static final int SUBDOMAIN_MAX = 253;

  private Dns1123() {}

  /** Why {@code name} is not a DNS-1123 label, or empty when it is one. */
  public static Optional<String> notLabel(String name) {
    if (name.length() > LABEL_MAX) {
      return Optional.of("must be no more than " + LABEL_MAX + " characters");
    }
    if (!LABEL.matcher(name).matches()) {
      return Optional.of(
          "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or"
              + " '-', and must start and end with an alphanumeric character (e.g. 'my-name',"
              + " or '123-abc', regex used for validation is '"
              + LABEL_FMT
              + "')");
    }
    return Optional.empty();
  }

  /** Why {@code name} is not a DNS-1123 subdomain, or empty when it is one. */
  public static Optional<String> notSubdomain(String name) {
    if (name.length() > SUBDOMAIN_MAX) {
      return Optional.of("must be no more than " + SUBDOMAIN_MAX + " characters");
    }
    if (!SUBDOMAIN.matcher(name).matches()) {
      return Optional.of(
          "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters,"
              + " '-' or '.', and must start and end with an alphanumeric character (e.g."
              + " 'example.com', regex used for validation is '"
              + LABEL_FMT
              + "(\\\\."
              + LABEL_FMT
              + ")*')");
    }
    return Optional.empty();
  }
}
