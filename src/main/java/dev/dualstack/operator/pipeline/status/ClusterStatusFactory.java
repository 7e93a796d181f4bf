package dev.dualstack.operator.pipeline.status;

import static dev.dualstack.operator.api.Conditions.*;

import dev.dualstack.operator.api.ClusterStatus;
import dev.dualstack.operator.api.ClusterStatus.StatusError;
import dev.dualstack.operator.api.ClusterStatusBuilder;
import dev.dualstack.operator.pipeline.PipelineResult;
import dev.dualstack.operator.pipeline.field.FieldError;
import dev.dualstack.operator.pipeline.field.Rule;
import dev.dualstack.operator.pipeline.render.Rendering;
import dev.dualstack.operator.pipeline.validation.Migration;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Builds the status to write, fresh from a pipeline result: an accepted spec replaces the
 * rendering; a refused one keeps the previous rendering and says why in phase, errors and
 * conditions. Pure apart from the injected clock; the same status for the same inputs, so callers
 * can compare and skip writes.
 */
public final class ClusterStatusFactory {
  private static final int MAX_ERRORS_IN_MESSAGE = 5;

  private final Clock clock;

  public ClusterStatusFactory(Clock clock) {
    this.clock = Objects.requireNonNull(clock);
  }

  public ClusterStatus build(ClusterStatus previous, PipelineResult r, Long generation) {
    Rendering rendering = r.rendering();
    boolean accepted = rendering != null;
    boolean hasPrevious = previous != null && previous.network() != null;

    ConditionSetter c =
        new ConditionSetter(
            previous == null ? null : previous.conditions(), clock.instant(), generation);
    // a Datacenter with no, several or an unknown provider block resolves to nothing usable
    FieldError dcInvalid = null;
    List<FieldError> network = new ArrayList<>(r.errors().size());
    List<FieldError> capability = new ArrayList<>(0);
    boolean refusedUpdate = false;
    List<StatusError> errors = new ArrayList<>(r.errors().size());
    for (FieldError e : r.errors()) {
      if (dcInvalid == null && (e.rule() == Rule.DC_003 || e.rule() == Rule.DC_005)) {
        dcInvalid = e;
      }
      if (e.is(Rule.Kind.UNSUPPORTED)) {
        capability.add(e);
      } else {
        network.add(e);
        refusedUpdate |= e.is(Rule.Kind.REFUSED_UPDATE);
      }
      errors.add(new StatusError(e.field(), e.type().id(), e.value(), e.message(), e.rule().id()));
    }
    if (!r.datacenterFound()) {
      c.set(
          DATACENTER_RESOLVED,
          "False",
          REASON_NOT_FOUND,
          "datacenter " + dc(r) + " does not exist");
    } else if (dcInvalid != null) {
      c.set(DATACENTER_RESOLVED, "False", REASON_DATACENTER_INVALID, dcInvalid.message());
    } else {
      c.set(
          DATACENTER_RESOLVED,
          "True",
          REASON_FOUND,
          "datacenter "
              + dc(r)
              + " found"
              + (r.provider() == null
                  ? "; the cluster's provider could not be determined"
                  : ", provider " + r.provider()));
    }

    c.set(
        NETWORK_VALID,
        network.isEmpty() ? "True" : "False",
        network.isEmpty() ? REASON_VALID : refusedUpdate ? REASON_UPDATE_REFUSED : REASON_INVALID,
        network.isEmpty() ? "the network configuration is valid" : summary(network));

    if (!capability.isEmpty()) {
      // the checker's reason is the specific one (e.g. DatacenterIPv6Disabled)
      String reason =
          r.dualStack() != null && "False".equals(r.dualStack().status())
              ? r.dualStack().reason()
              : REASON_UNSUPPORTED;
      c.set(DUAL_STACK_SUPPORTED, "False", reason, summary(capability));
    } else if (r.dualStack() != null) {
      c.set(
          DUAL_STACK_SUPPORTED,
          r.dualStack().status(),
          r.dualStack().reason(),
          r.dualStack().message());
    }

    String phase = r.phase();
    if (accepted) {
      c.set(READY, "True", REASON_READY, "the rendered network configuration is in effect");
    } else {
      String kept =
          hasPrevious
              ? "; the last accepted configuration (generation "
                  + previous.acceptedGeneration()
                  + ") stays in effect"
              : "";
      c.set(READY, "False", REASON_NOT_READY, "phase " + phase + kept);
    }

    Migration m = r.migration();
    if (m != null) {
      c.set(
          DUAL_STACK_MIGRATION, "True", REASON_MIGRATION_IN_PROGRESS, String.join("; ", m.steps()));
    } else if (previous != null
        && (!accepted || Objects.equals(previous.observedGeneration(), generation))) {
      c.keep(DUAL_STACK_MIGRATION);
    }

    // an accepted spec replaces the rendering; a refused one keeps the last accepted one
    ClusterStatusBuilder status =
        accepted
            ? ClusterStatusBuilder.builder()
                .acceptedGeneration(generation)
                .ipFamily(rendering.ipFamily())
                .datacenter(rendering.datacenter())
                .network(rendering.network())
                .cni(rendering.cni())
                .components(rendering.components())
                .provider(rendering.provider())
            : previous == null
                ? ClusterStatusBuilder.builder()
                : ClusterStatusBuilder.builder(previous);
    return status
        .observedGeneration(generation)
        .phase(phase)
        .errors(errors.isEmpty() ? null : Collections.unmodifiableList(errors))
        .warnings(r.warnings().isEmpty() ? null : r.warnings())
        .conditions(c.build())
        .build();
  }

  private static String dc(PipelineResult r) {
    return r.effective() == null || r.effective().cloud() == null
        ? "<unset>"
        : String.valueOf(r.effective().cloud().dc());
  }

  static String summary(List<FieldError> errors) {
    String head =
        errors.stream()
            .limit(MAX_ERRORS_IN_MESSAGE)
            .map(FieldError::toString)
            .collect(Collectors.joining("; "));
    int more = errors.size() - MAX_ERRORS_IN_MESSAGE;
    return more > 0 ? head + " (and " + more + " more)" : head;
  }
}
