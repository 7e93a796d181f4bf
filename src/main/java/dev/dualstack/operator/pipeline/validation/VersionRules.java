package dev.dualstack.operator.pipeline.validation;

import dev.dualstack.operator.pipeline.field.ErrorType;
import dev.dualstack.operator.pipeline.field.Errors;
import dev.dualstack.operator.pipeline.field.FieldPath;
import dev.dualstack.operator.pipeline.field.Rule;
import dev.dualstack.operator.pipeline.model.ValidationContext;

/**
 * {@code spec.version}: when set, a Kubernetes version such as 1.31.4. The pipeline parsed it
 * already: a set version that still reads as {@code assumed} did not parse.
 */
final class VersionRules {
  private VersionRules() {}

  static void validate(ValidationContext ctx, Errors errors) {
    String v = ctx.effective().version();
    if (v != null && !v.isBlank() && ctx.version().assumed()) {
      errors.add(
          Rule.VER_001,
          ErrorType.INVALID,
          FieldPath.of("spec").child("version"),
          v,
          "must be a Kubernetes version such as 1.31.4 or v1.31");
    }
  }
}
