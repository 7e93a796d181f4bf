package dev.dualstack.operator.runtime;

import dev.dualstack.operator.api.Cluster;
import dev.dualstack.operator.api.Datacenter;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.javaoperatorsdk.operator.api.config.Cloner;
import java.util.Objects;

/**
 * The operator framework's resource cloner (a serialization round trip, as the default), which also
 * carries over the in-memory marks of an unreadable spec or status: the round trip writes the null
 * spec and reads it back without the mark, and the reconciler would see an empty spec instead of
 * the reason.
 */
final class MarkKeepingCloner implements Cloner {
  private final KubernetesSerialization serialization;

  MarkKeepingCloner(KubernetesSerialization serialization) {
    this.serialization = Objects.requireNonNull(serialization);
  }

  @Override
  public <R extends HasMetadata> R clone(R object) {
    R copy = serialization.clone(object);
    if (object instanceof Cluster c && copy instanceof Cluster cc) {
      cc.markUnreadable(c.getUnreadableSpec());
      cc.markUnreadableStatus(c.getUnreadableStatus());
    } else if (object instanceof Datacenter d && copy instanceof Datacenter dd) {
      dd.markUnreadable(d.getUnreadableSpec());
      dd.markUnreadableStatus(d.getUnreadableStatus());
    }
    return copy;
  }
}
