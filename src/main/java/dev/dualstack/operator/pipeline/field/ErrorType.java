package dev.dualstack.operator.pipeline.field;

/** Kinds of field errors, after Kubernetes apimachinery's {@code field.ErrorType}. */
public enum ErrorType {
  REQUIRED("Required", "Required value"),
  INVALID("Invalid", "Invalid value"),
  FORBIDDEN("Forbidden", "Forbidden"),
  NOT_SUPPORTED("NotSupported", "Unsupported value"),
  TOO_MANY("TooMany", "Too many"),
  DUPLICATE("Duplicate", "Duplicate value"),
  NOT_FOUND("NotFound", "Not found");

  private final String id;
  private final String text;

  ErrorType(String id, String text) {
    this.id = id;
    this.text = text;
  }

  /** The stable identifier written to JSON and status ({@code Invalid}, {@code Required}...). */
  public String id() {
    return id;
  }

  /** The phrase used in messages ({@code Invalid value}). */
  public String text() {
    return text;
  }
}
