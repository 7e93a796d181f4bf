package dev.dualstack.operator.pipeline;

import dev.dualstack.operator.api.ClusterSpec;
import dev.dualstack.operator.api.Warning;
import dev.dualstack.operator.pipeline.capability.CapabilityChecker;
import dev.dualstack.operator.pipeline.capability.CapabilityMatrix;
import dev.dualstack.operator.pipeline.defaulting.ClusterDefaulter;
import dev.dualstack.operator.pipeline.field.Errors;
import dev.dualstack.operator.pipeline.render.ClusterRenderer;
import dev.dualstack.operator.pipeline.validation.ClusterValidator;
import dev.dualstack.operator.pipeline.validation.UpdateRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * resolve datacenter → default → validate → update rules → capability check → render. Pure and
 * deterministic: the operator, {@code check} and {@code local} all call this one method.
 */
public final class Pipeline {
  private static final ClusterSpec EMPTY =
      new ClusterSpec(null, null, null, null, null, null, null, null, null);

  private final CapabilityMatrix matrix;

  public Pipeline(CapabilityMatrix matrix) {
    this.matrix = Objects.requireNonNull(matrix, "matrix");
  }

  public CapabilityMatrix matrix() {
    return matrix;
  }

  /**
   * Evaluates one cluster.
   *
   * @param datacenter the datacenter named by {@code spec.cloud.dc}, or null when it does not exist
   */
  public PipelineResult evaluate(ClusterInput input, DatacenterInput datacenter) {
    ClusterInput in =
        input.spec() != null
            ? input
            : new ClusterInput(
                input.name(), input.labels(), input.generation(), EMPTY, input.previous());
    Errors errors = new Errors();
    List<Warning> warnings = new ArrayList<>();

    DatacenterResolver.Resolved resolved = DatacenterResolver.resolve(in, datacenter, errors);
    ClusterSpec effective =
        ClusterDefaulter.apply(
            in.spec(), resolved.provider(), resolved.datacenter(), matrix, in.previous());
    KubeVersion version = KubeVersion.resolve(in.spec().version(), matrix.kubernetes().minors());
    ValidationContext ctx =
        new ValidationContext(
            in, effective, resolved.datacenter(), resolved.provider(), version, matrix);

    ClusterValidator.validate(ctx, errors, warnings);
    Migration migration = UpdateRules.validate(ctx, errors);
    DualStackVerdict verdict = CapabilityChecker.check(ctx, errors, warnings);

    Rendering rendering =
        errors.isEmpty() && resolved.datacenterFound() ? ClusterRenderer.render(ctx) : null;
    return new PipelineResult(
        in.name(),
        effective,
        resolved.provider(),
        resolved.datacenterFound(),
        errors.toList(),
        dedupe(warnings),
        rendering,
        verdict,
        errors.isEmpty() ? migration : null);
  }

  private static List<Warning> dedupe(List<Warning> warnings) {
    return warnings.stream().distinct().toList();
  }
}
