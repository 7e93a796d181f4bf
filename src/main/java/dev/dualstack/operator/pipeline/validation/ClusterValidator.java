package dev.dualstack.operator.pipeline.validation;

import dev.dualstack.operator.api.Warning;
import dev.dualstack.operator.pipeline.ValidationContext;
import dev.dualstack.operator.pipeline.field.Errors;
import java.util.List;

/** Stage 3: runs every rule class over the effective spec, collecting all errors. */
public final class ClusterValidator {
  private ClusterValidator() {}

  public static void validate(ValidationContext ctx, Errors errors, List<Warning> warnings) {
    // rule classes are added here (issue: core pipeline)
  }
}
