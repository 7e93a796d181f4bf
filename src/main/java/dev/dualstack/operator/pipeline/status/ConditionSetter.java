package dev.dualstack.operator.pipeline.status;

import io.fabric8.kubernetes.api.model.Condition;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Builds a condition list the Kubernetes way: one entry per type, {@code lastTransitionTime} kept
 * from the previous list unless the status flips.
 */
public final class ConditionSetter {
  private final List<Condition> previous;
  private final List<Condition> result = new ArrayList<>(6);
  private final String now;
  private final Long generation;

  public ConditionSetter(List<Condition> previous, Instant now, Long generation) {
    this.previous = previous == null ? List.of() : previous;
    this.now = timestamp(now);
    this.generation = generation;
  }

  /** The last second formatted, with its text: every evaluation of a second asks the same. */
  private record Stamp(long second, String text) {}

  private static final AtomicReference<Stamp> LAST = new AtomicReference<>(new Stamp(0, null));

  /**
   * {@code now} to the second in RFC 3339 ({@code 2026-12-01T11:59:32Z}), as conditions carry it.
   */
  static String timestamp(Instant now) {
    Stamp last = LAST.get();
    if (last.second() == now.getEpochSecond() && last.text() != null) {
      return last.text();
    }
    String text = DateTimeFormatter.ISO_INSTANT.format(now.truncatedTo(ChronoUnit.SECONDS));
    LAST.set(new Stamp(now.getEpochSecond(), text));
    return text;
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
    for (Condition c : previous) {
      if (type.equals(c.getType())) {
        result.add(c);
        break;
      }
    }
    return this;
  }

  public List<Condition> build() {
    return List.copyOf(result);
  }
}
