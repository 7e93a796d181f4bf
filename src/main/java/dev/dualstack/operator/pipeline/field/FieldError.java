package dev.dualstack.operator.pipeline.field;

import java.util.Objects;

/**
 * One problem with one field: type, YAML path, the offending value (rendered as a string, may be
 * null), a message that says what is allowed, and the id of the rule that found it (see
 * docs/validation-rules.md).
 */
public record FieldError(ErrorType type, String field, String value, String message, Rule rule) {

  public FieldError {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(rule, "rule");
    message = message == null ? "" : message;
  }

  public static FieldError of(
      Rule rule, ErrorType type, FieldPath field, Object value, String message) {
    return new FieldError(
        type, field.toString(), value == null ? null : String.valueOf(value), message, rule);
  }

  /** True when the error's rule family is of {@code kind}. */
  public boolean is(Rule.Kind kind) {
    return rule.family().kind() == kind;
  }

  /** Reads like apimachinery: {@code spec.x: Invalid value: "v": message}. */
  @Override
  public String toString() {
    return field + ": " + body(type, value, message);
  }

  /**
   * The text after the path, as apimachinery prints it ({@code Invalid value: "v": message}); also
   * what the admission webhook puts in a {@code status.details.causes[].message}.
   */
  public static String body(ErrorType type, String value, String message) {
    StringBuilder sb = new StringBuilder(type.text());
    if (value != null
        && type != ErrorType.REQUIRED
        && type != ErrorType.FORBIDDEN
        && type != ErrorType.TOO_MANY) {
      sb.append(": \"").append(value).append('"');
    }
    if (message != null && !message.isEmpty()) {
      sb.append(": ").append(message);
    }
    return sb.toString();
  }
}
