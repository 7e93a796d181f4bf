package dev.dualstack.operator.runtime;

import dev.dualstack.operator.api.TolerantResource;
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
    if (object instanceof TolerantResource<?, ?> original
        && copy instanceof TolerantResource<?, ?> clone) {
      clone.copyMarksFrom(original);
    }
    return copy;
  }
}
