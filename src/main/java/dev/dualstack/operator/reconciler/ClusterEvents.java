package dev.dualstack.operator.reconciler;

import static dev.dualstack.operator.api.Conditions.EVENT_DATACENTER_NOT_FOUND;
import static dev.dualstack.operator.api.Conditions.EVENT_NETWORK_ACCEPTED;
import static dev.dualstack.operator.api.Conditions.EVENT_NETWORK_REFUSED;
import static dev.dualstack.operator.api.Conditions.PHASE_INVALID;
import static dev.dualstack.operator.api.Conditions.PHASE_PENDING;
import static dev.dualstack.operator.api.Conditions.PHASE_READY;
import static dev.dualstack.operator.api.Conditions.PHASE_UNSUPPORTED;

import dev.dualstack.operator.api.ClusterStatus;
import dev.dualstack.operator.api.ClusterStatus.StatusError;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Which events a status transition deserves. Events are emitted on transitions only, so a resync
 * that changes nothing records nothing: NetworkAccepted when a new rendering is accepted (a new
 * accepted generation or a different rendering), NetworkRefused when a generation is newly refused
 * or refused for other reasons, DatacenterNotFound when the cluster becomes Pending.
 */
public final class ClusterEvents {
  static final int MAX_ERRORS = 5;

  private ClusterEvents() {}

  public static List<ClusterEvent> between(ClusterStatus previous, ClusterStatus next) {
    List<ClusterEvent> events = new ArrayList<>();
    String phase = next.phase();
    String before = previous == null ? null : previous.phase();
    if (PHASE_READY.equals(phase)
        && (previous == null
            || !Objects.equals(previous.acceptedGeneration(), next.acceptedGeneration())
            || renderingChanged(previous, next))) {
      events.add(
          new ClusterEvent(
              ClusterEvent.NORMAL,
              EVENT_NETWORK_ACCEPTED,
              "accepted generation "
                  + next.acceptedGeneration()
                  + ": "
                  + next.ipFamily()
                  + (next.network() == null
                      ? ""
                      : ", pods "
                          + next.network().pods()
                          + ", services "
                          + next.network().services())));
    }
    if (refused(phase)
        && (previous == null
            || !Objects.equals(phase, before)
            || !Objects.equals(previous.observedGeneration(), next.observedGeneration())
            || !Objects.equals(previous.errors(), next.errors()))) {
      events.add(
          new ClusterEvent(
              ClusterEvent.WARNING,
              EVENT_NETWORK_REFUSED,
              "generation "
                  + next.observedGeneration()
                  + " refused ("
                  + phase
                  + "): "
                  + summary(next.errors())
                  + (next.acceptedGeneration() == null
                      ? ""
                      : "; generation " + next.acceptedGeneration() + " stays in effect")));
    }
    if (PHASE_PENDING.equals(phase) && !PHASE_PENDING.equals(before)) {
      events.add(
          new ClusterEvent(
              ClusterEvent.WARNING,
              EVENT_DATACENTER_NOT_FOUND,
              next.errors() == null
                  ? "the datacenter does not exist"
                  : next.errors().stream()
                      .filter(e -> "spec.cloud.dc".equals(e.field()))
                      .map(StatusError::message)
                      .findFirst()
                      .orElse("the datacenter does not exist")));
    }
    return events;
  }

  private static boolean refused(String phase) {
    return PHASE_INVALID.equals(phase) || PHASE_UNSUPPORTED.equals(phase);
  }

  private static boolean renderingChanged(ClusterStatus previous, ClusterStatus next) {
    return previous != null
        && !(Objects.equals(previous.ipFamily(), next.ipFamily())
            && Objects.equals(previous.network(), next.network())
            && Objects.equals(previous.cni(), next.cni())
            && Objects.equals(previous.components(), next.components())
            && Objects.equals(previous.provider(), next.provider()));
  }

  static String summary(List<StatusError> errors) {
    if (errors == null || errors.isEmpty()) {
      return "no details";
    }
    String head =
        errors.stream()
            .limit(MAX_ERRORS)
            .map(e -> e.field() + ": " + e.type() + ": " + e.message())
            .collect(Collectors.joining("; "));
    int more = errors.size() - MAX_ERRORS;
    return more > 0 ? head + " (and " + more + " more)" : head;
  }
}
