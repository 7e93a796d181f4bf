package dev.dualstack.operator.pipeline;

import dev.dualstack.operator.api.ClusterSpec;
import dev.dualstack.operator.api.ClusterSpecBuilder;
import dev.dualstack.operator.api.Warning;
import dev.dualstack.operator.pipeline.capability.CapabilityChecker;
import dev.dualstack.operator.pipeline.capability.CapabilityMatrix;
import dev.dualstack.operator.pipeline.defaulting.ClusterDefaulter;
import dev.dualstack.operator.pipeline.field.ErrorType;
import dev.dualstack.operator.pipeline.field.FieldError;
import dev.dualstack.operator.pipeline.field.FieldPath;
import dev.dualstack.operator.pipeline.field.Findings;
import dev.dualstack.operator.pipeline.field.Rule;
import dev.dualstack.operator.pipeline.model.ClusterInput;
import dev.dualstack.operator.pipeline.model.DatacenterInput;
import dev.dualstack.operator.pipeline.model.KubeVersion;
import dev.dualstack.operator.pipeline.model.ValidationContext;
import dev.dualstack.operator.pipeline.render.ClusterRenderer;
import dev.dualstack.operator.pipeline.render.Rendering;
import dev.dualstack.operator.pipeline.validation.ClusterValidator;
import dev.dualstack.operator.pipeline.validation.UpdateRules;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * resolve datacenter → default → validate → update rules → capability check → render. Pure and
 * deterministic: the operator, {@code check} and {@code local} all call this one method. Every
 * stage returns its result as a value; this method only passes values along and joins the errors.
 */
public final class Pipeline {
  private static final ClusterSpec EMPTY = ClusterSpecBuilder.builder().build();

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

    DatacenterResolver.Resolved resolved = DatacenterResolver.resolve(in, datacenter);
    DatacenterInput dc = resolved.datacenter();
    ClusterSpec effective =
        ClusterDefaulter.apply(in.spec(), resolved.provider(), dc, matrix, in.previous());
    KubeVersion version = KubeVersion.resolve(in.spec().version(), matrix.kubernetes().minors());
    ValidationContext ctx =
        new ValidationContext(in, effective, dc, resolved.provider(), version, matrix);

    Findings validation = ClusterValidator.validate(ctx);
    List<FieldError> errors = new ArrayList<>(resolved.errors());
    knownDatacenterProvider(dc).ifPresent(errors::add);
    errors.addAll(validation.errors());
    UpdateRules.Result update = UpdateRules.validate(ctx, errors);
    errors.addAll(update.errors());
    CapabilityChecker.Result capability =
        CapabilityChecker.check(
            matrix,
            effective,
            resolved.provider(),
            dc == null ? null : dc.name(),
            dc == null ? null : dc.spec());
    errors.addAll(capability.errors());

    List<Warning> warnings = new ArrayList<>(validation.warnings());
    warnings.addAll(capability.warnings());
    boolean accepted = errors.isEmpty();
    Rendering rendering =
        accepted && resolved.datacenterFound()
            ? ClusterRenderer.render(in.name(), effective, resolved.provider(), dc.spec())
            : null;
    return PipelineResultBuilder.builder()
        .clusterName(in.name())
        .effective(effective)
        .provider(resolved.provider())
        .datacenterFound(resolved.datacenterFound())
        .errors(errors)
        .warnings(distinct(warnings))
        .rendering(rendering)
        .dualStack(capability.verdict())
        .migration(accepted ? update.migration() : null)
        .build();
  }

  /**
   * DC-005: the Datacenter's single provider block is one the capability matrix has a row for (a
   * deployment's own file may lack one); reported at {@code spec.cloud.dc}.
   */
  private java.util.Optional<FieldError> knownDatacenterProvider(DatacenterInput dc) {
    if (dc == null || dc.spec() == null || dc.spec().providers().size() != 1) {
      return java.util.Optional.empty();
    }
    String p = dc.spec().providers().get(0).name();
    if (matrix.provider(p) != null) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(
        FieldError.of(
            Rule.DC_005,
            ErrorType.INVALID,
            FieldPath.of("spec").child("cloud").child("dc"),
            dc.name(),
            "the provider "
                + p
                + " of Datacenter \""
                + dc.name()
                + "\" has no row in the capability matrix "
                + matrix.source()));
  }

  /** The warnings without repeats, in their order (a handful: a loop, not a stream). */
  private static <T> List<T> distinct(List<T> all) {
    List<T> out = new ArrayList<>(all.size());
    for (T t : all) {
      if (!out.contains(t)) {
        out.add(t);
      }
    }
    return Collections.unmodifiableList(out);
  }
}
