package dev.dualstack.operator.runtime;

import java.time.Duration;

/**
 * How the operator runs: the BYO ConfigMap namespace, reconcile threads, the Cluster label selector
 * (sharding, may be null), leader election through a Lease, and the retry of failed reconciles.
 */
public record OperatorSettings(
    String namespace,
    int concurrency,
    String labelSelector,
    LeaderElection leaderElection,
    Duration retryInitialInterval,
    int retryMaxAttempts) {

  /**
   * Lease-based leader election; {@code exitOnStopLeading} ends the JVM when leadership is lost.
   */
  public record LeaderElection(
      String leaseName,
      String leaseNamespace,
      String identity,
      Duration leaseDuration,
      Duration renewDeadline,
      Duration retryPeriod,
      boolean exitOnStopLeading) {}

  public static OperatorSettings defaults(String namespace) {
    return new OperatorSettings(namespace, 4, null, null, Duration.ofSeconds(2), 5);
  }

  public OperatorSettings withLeaderElection(LeaderElection le) {
    return new OperatorSettings(
        namespace, concurrency, labelSelector, le, retryInitialInterval, retryMaxAttempts);
  }

  /** Only Clusters matching this label selector (sharding); null or blank for all. */
  public OperatorSettings withLabelSelector(String selector) {
    return new OperatorSettings(
        namespace, concurrency, selector, leaderElection, retryInitialInterval, retryMaxAttempts);
  }

  public OperatorSettings withRetry(Duration initial, int maxAttempts) {
    return new OperatorSettings(
        namespace, concurrency, labelSelector, leaderElection, initial, maxAttempts);
  }
}
