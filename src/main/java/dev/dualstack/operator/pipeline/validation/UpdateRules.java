package dev.dualstack.operator.pipeline.validation;

import dev.dualstack.operator.pipeline.Migration;
import dev.dualstack.operator.pipeline.ValidationContext;
import dev.dualstack.operator.pipeline.field.Errors;

/** Stage 4: compares the effective spec with the last accepted state in status (SPEC §3.4). */
public final class UpdateRules {
  private UpdateRules() {}

  /** Adds refused changes to {@code errors}; returns the accepted migration or null. */
  public static Migration validate(ValidationContext ctx, Errors errors) {
    return null;
  }
}
