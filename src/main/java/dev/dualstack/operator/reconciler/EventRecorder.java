package dev.dualstack.operator.reconciler;

import dev.dualstack.operator.api.Cluster;

/** Records Kubernetes events on a Cluster (shown by {@code kubectl describe}). */
public interface EventRecorder {
  void record(Cluster cluster, ClusterEvent event);
}
