package dev.dualstack.operator.pipeline;

import dev.dualstack.operator.api.ClusterSpec;
import dev.dualstack.operator.api.Conditions;
import dev.dualstack.operator.api.Warning;
import dev.dualstack.operator.pipeline.capability.DualStackVerdict;
import dev.dualstack.operator.pipeline.field.FieldError;
import dev.dualstack.operator.pipeline.field.Rule;
import dev.dualstack.operator.pipeline.render.Rendering;
import dev.dualstack.operator.pipeline.validation.Migration;
import io.soabase.recordbuilder.core.RecordBuilder;
import java.util.List;

/**
 * The one value the pipeline returns: the effective spec, every error, warnings, the rendering
 * (null when there are errors), the dual-stack verdict and an accepted migration (or null).
 *
 * @param datacenterFound false when {@code spec.cloud.dc} names no known Datacenter (phase Pending)
 * @param provider resolved provider name, null when none could be determined
 */
@RecordBuilder
public record PipelineResult(
    String clusterName,
    ClusterSpec effective,
    String provider,
    boolean datacenterFound,
    List<FieldError> errors,
    List<Warning> warnings,
    Rendering rendering,
    DualStackVerdict dualStack,
    Migration migration) {

  public PipelineResult {
    errors = List.copyOf(errors);
    warnings = List.copyOf(warnings);
  }

  public boolean valid() {
    return errors.isEmpty();
  }

  /**
   * Pending when the datacenter is missing; Unsupported when every error is of a family of kind
   * {@link Rule.Kind#UNSUPPORTED} (capability); Invalid when any other error; else Ready.
   */
  public String phase() {
    // a dc name no Datacenter can have (NAM-002) will never resolve: Invalid, not Pending
    if (!datacenterFound && errors.stream().noneMatch(e -> e.rule() == Rule.NAM_002)) {
      return Conditions.PHASE_PENDING;
    }
    if (errors.isEmpty()) {
      return Conditions.PHASE_READY;
    }
    boolean onlyUnsupported = errors.stream().allMatch(e -> e.is(Rule.Kind.UNSUPPORTED));
    return onlyUnsupported ? Conditions.PHASE_UNSUPPORTED : Conditions.PHASE_INVALID;
  }
}
