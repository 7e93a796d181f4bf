package dev.dualstack.operator.reconciler;

import dev.dualstack.operator.api.Cluster;
import dev.dualstack.operator.api.ClusterStatus;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;

/** How the reconciler writes a Cluster's new status; returns what JOSDK does afterwards. */
@FunctionalInterface
public interface ClusterStatusWriter {
  UpdateControl<Cluster> write(Cluster cluster, ClusterStatus status, Context<Cluster> context);

  /**
   * JOSDK's own status patch: the status set on the reconciler's copy and {@code
   * UpdateControl.patchStatus}, which JOSDK sends as a JSON Patch computed by diffing a clone of
   * the cached Cluster with the copy. The unit tests use it (it needs no client).
   */
  static ClusterStatusWriter josdkPatch() {
    return (cluster, status, context) -> {
      cluster.setStatus(status);
      return UpdateControl.patchStatus(cluster);
    };
  }
}
