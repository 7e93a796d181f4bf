package dev.dualstack.operator.pipeline.status;

import io.fabric8.kubernetes.api.model.Condition;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds a condition list the Kubernetes way: one entry per type, {@code lastTransitionTime} kept
 * from the previous list unless the status flips.
 */
public final class ConditionSetter {
  private final List<Condition> previous;
  private final List<Condition> result = new ArrayList<>();
  private final String now;
  private final Long generation;

  public ConditionSetter(List<Condition> previous, Instant now, Long generation) {
    this.previous = previous == null ? List.of() : previous;
    this.now = DateTimeFormatter.ISO_INSTANT.format(now.truncatedTo(ChronoUnit.SECONDS));
    this.generation = generation;
  }

  public ConditionSetter set(String type, String status, String reason, String message) {
    String since = now;
    for (Condition c : previous) {
      String t = c.getLastTransitionTime();
      if (type.equals(c.getType()) && status.equals(c.getStatus()) && t != null && !t.isEmpty()) {
        since = t;
        break;
      }
    }
    // the constructor, not the builder: five conditions per evaluation
    result.add(new Condition(since, message, generation, reason, status, type));
    return this;
  }

  /** Copies the previous condition of {@code type} unchanged, if there is one. */
  public ConditionSetter keep(String type) {
    previous.stream().filter(c -> type.equals(c.getType())).findFirst().ifPresent(result::add);
    return this;
  }

  public List<Condition> build() {
    return List.copyOf(result);
  }
}
