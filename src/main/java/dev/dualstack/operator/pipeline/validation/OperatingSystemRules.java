package dev.dualstack.operator.pipeline.validation;

import dev.dualstack.operator.pipeline.field.ErrorType;
import dev.dualstack.operator.pipeline.field.Errors;
import dev.dualstack.operator.pipeline.field.FieldPath;
import dev.dualstack.operator.pipeline.field.Rule;
import dev.dualstack.operator.pipeline.model.ValidationContext;
import java.util.List;

/**
 * {@code spec.operatingSystems} is a set: each operating system once. The CRD says so too ({@code
 * x-kubernetes-list-type: set}), so the API server refuses a duplicate with the same words; this
 * rule keeps {@code check} and the reconciler (for objects stored before the CRD said it) in line.
 */
final class OperatingSystemRules {
  private static final FieldPath OPERATING_SYSTEMS = FieldPath.of("spec").child("operatingSystems");

  private OperatingSystemRules() {}

  static void validate(ValidationContext ctx, Errors errors) {
    List<String> oses = ctx.effective().operatingSystems();
    if (oses == null) {
      return;
    }
    for (int i = 0; i < oses.size(); i++) {
      String os = oses.get(i);
      if (os != null && oses.subList(0, i).contains(os)) {
        errors.add(Rule.OS_001, ErrorType.DUPLICATE, OPERATING_SYSTEMS.index(i), os, "");
      }
    }
  }
}
