package dev.dualstack.operator.pipeline;

import dev.dualstack.operator.api.ClusterSpec;
import dev.dualstack.operator.api.Conditions;
import dev.dualstack.operator.api.Warning;
import dev.dualstack.operator.pipeline.field.FieldError;
import java.util.List;

/**
 * The one value the pipeline returns: the effective spec, every error, warnings, the rendering
 * (null when there are errors), the dual-stack verdict and an accepted migration (or null).
 *
 * @param datacenterFound false when {@code spec.cloud.dc} names no known Datacenter (phase Pending)
 * @param provider resolved provider name, null when none could be determined
 */
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

  /** Rule ids of capability errors start with this prefix; they make the phase Unsupported. */
  public static final String CAPABILITY_RULE_PREFIX = "CAP-";

  public PipelineResult {
    errors = List.copyOf(errors);
    warnings = List.copyOf(warnings);
  }

  public boolean valid() {
    return errors.isEmpty();
  }

  /**
   * Pending when the datacenter is missing; Invalid when any non-capability error; Unsupported when
   * only capability errors; else Ready.
   */
  public String phase() {
    // a dc name no Datacenter can have (NAM-002) will never resolve: Invalid, not Pending
    if (!datacenterFound && errors.stream().noneMatch(e -> "NAM-002".equals(e.rule()))) {
      return Conditions.PHASE_PENDING;
    }
    if (errors.isEmpty()) {
      return Conditions.PHASE_READY;
    }
    boolean onlyCapability =
        errors.stream().allMatch(e -> e.rule().startsWith(CAPABILITY_RULE_PREFIX));
    return onlyCapability ? Conditions.PHASE_UNSUPPORTED : Conditions.PHASE_INVALID;
  }
}
