package dev.dualstack.operator.reconciler;

/** An event to record on a Cluster: type Normal or Warning, a CamelCase reason and a message. */
public record ClusterEvent(String type, String reason, String message) {
  public static final String NORMAL = "Normal";
  public static final String WARNING = "Warning";
}
