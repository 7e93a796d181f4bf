package dev.dualstack.operator.cli;

import dev.dualstack.operator.pipeline.field.FieldError;
import java.util.Objects;

/**
 * One error (or, for relaxed unknown fields, warning) that {@code check} reports beside the
 * pipeline's: what the API server would answer to {@code kubectl apply} (schema, CEL rules, unknown
 * fields, duplicates), worded as apimachinery does ({@code spec.x: Unsupported value: "v":
 * supported values: ...}), or a pipeline error converted.
 *
 * @param type the ErrorType id: {@code Invalid}, {@code NotSupported}, {@code Required}, {@code
 *     TooMany}, {@code TooLong}, {@code Duplicate}, {@code Forbidden}, {@code NotFound}, {@code
 *     UnknownField}
 * @param value the offending value as text, null when none
 * @param rule the rule id: a pipeline rule, or {@code CRD-SCHEMA}, {@code CRD-CEL}, {@code
 *     CRD-UNKNOWN}, {@code CHECK-DUPLICATE}
 * @param line the whole text form
 */
public record Finding(
    String field, String type, String value, String message, String rule, String line) {
  public static final String SCHEMA = "CRD-SCHEMA";
  public static final String CEL = "CRD-CEL";
  public static final String UNKNOWN = "CRD-UNKNOWN";
  public static final String DUPLICATE = "CHECK-DUPLICATE";

  public Finding {
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(type, "type");
    message = message == null ? "" : message;
    Objects.requireNonNull(line, "line");
  }

  /** A finding whose value is quoted in the text form when {@code quoted} (strings). */
  static Finding of(
      String field, String type, String value, boolean quoted, String message, String rule) {
    StringBuilder sb = new StringBuilder(field).append(": ").append(text(type));
    if (value != null && !type.equals("Required") && !type.equals("Forbidden")) {
      sb.append(": ");
      if (quoted) {
        sb.append('"').append(value).append('"');
      } else {
        sb.append(value);
      }
    }
    if (message != null && !message.isEmpty()) {
      sb.append(": ").append(message);
    }
    return new Finding(field, type, value, message, rule, sb.toString());
  }

  /** A pipeline error, worded exactly as the pipeline words it. */
  static Finding of(FieldError e) {
    return new Finding(
        e.field(), e.type().id(), e.value(), e.message(), e.rule().id(), e.toString());
  }

  /** The phrase apimachinery uses for a type. */
  static String text(String type) {
    return switch (type) {
      case "Required" -> "Required value";
      case "Invalid" -> "Invalid value";
      case "NotSupported" -> "Unsupported value";
      case "TooMany" -> "Too many";
      case "TooLong" -> "Too long";
      case "Duplicate" -> "Duplicate value";
      case "NotFound" -> "Not found";
      case "UnknownField" -> "Unknown field";
      default -> type;
    };
  }

  /** {@code field: Type text: "value": message}, like apimachinery's field errors. */
  @Override
  public String toString() {
    return line;
  }
}
