package dev.dualstack.operator.pipeline.validation;

import java.util.Optional;

/**
 * Kubernetes object-name formats, after apimachinery's {@code validation.IsDNS1123Label} and {@code
 * IsDNS1123Subdomain}: each check returns why a name is not of the format, worded as the API server
 * words it.
 */
public final class Dns1123 {
  private static final String LABEL_FMT = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
  static final int LABEL_MAX = 63;
  static final int SUBDOMAIN_MAX = 253;

  private Dns1123() {}

  /** Why {@code name} is not a DNS-1123 label, or empty when it is one. */
  public static Optional<String> notLabel(String name) {
    if (name.length() > LABEL_MAX) {
      return Optional.of("must be no more than " + LABEL_MAX + " characters");
    }
    if (!isLabel(name, 0, name.length())) {
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
    if (!isSubdomain(name)) {
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

  /**
   * {@code name[from, to)} matches {@value #LABEL_FMT}: checked by hand, as the regex would,
   * because every Cluster's names are checked on every evaluation.
   */
  private static boolean isLabel(String name, int from, int to) {
    if (from >= to || !alnum(name.charAt(from)) || !alnum(name.charAt(to - 1))) {
      return false;
    }
    for (int i = from + 1; i < to - 1; i++) {
      char c = name.charAt(i);
      if (!alnum(c) && c != '-') {
        return false;
      }
    }
    return true;
  }

  /** {@code name} is labels joined by dots (the subdomain regex in the message). */
  private static boolean isSubdomain(String name) {
    int from = 0;
    while (true) {
      int dot = name.indexOf('.', from);
      int to = dot < 0 ? name.length() : dot;
      if (!isLabel(name, from, to)) {
        return false;
      }
      if (dot < 0) {
        return true;
      }
      from = dot + 1;
    }
  }

  private static boolean alnum(char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
  }
}
