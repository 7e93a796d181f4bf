package dev.dualstack.operator.pipeline.field;

import dev.dualstack.operator.api.Warning;

/**
 * Warnings about a field read like field errors: {@code spec.x: "value": message}, so the user sees
 * which value the warning is about.
 */
public final class FieldWarning {
  private FieldWarning() {}

  /** A warning of {@code rule} with {@code code} about {@code value} at {@code field}. */
  public static Warning of(Rule rule, String code, FieldPath field, Object value, String message) {
    StringBuilder sb = new StringBuilder(field.toString()).append(": ");
    if (value != null) {
      sb.append('"').append(value).append("\": ");
    }
    return new Warning(code, sb.append(message).toString(), rule.id());
  }

  /** A warning of {@code rule} that is about no single field. */
  public static Warning of(Rule rule, String code, String message) {
    return new Warning(code, message, rule.id());
  }
}
