package dev.dualstack.operator.pipeline.capability;

/**
 * The answer behind the {@code DualStackSupported} condition: status True/False/Unknown, a
 * CamelCase reason from {@link dev.dualstack.operator.api.Conditions} and a message.
 */
public record DualStackVerdict(String status, String reason, String message) {
  public static DualStackVerdict of(boolean supported, String reason, String message) {
    return new DualStackVerdict(supported ? "True" : "False", reason, message);
  }
}
