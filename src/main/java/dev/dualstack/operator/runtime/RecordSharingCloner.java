package dev.dualstack.operator.runtime;

import dev.dualstack.operator.api.Cluster;
import dev.dualstack.operator.api.Datacenter;
import dev.dualstack.operator.api.TolerantResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.javaoperatorsdk.operator.api.config.Cloner;
import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;

/**
 * The operator framework's resource cloner. JOSDK copies the cached resource before every reconcile
 * (so that the reconciler may change its copy without touching the cache); its default copy is a
 * serialization round trip of the whole object. A Cluster's and a Datacenter's spec and status are
 * immutable records (nothing in this operator changes one in place: the pipeline builds new ones),
 * so a copy here is a new object with a deep copy of the metadata (which JOSDK and the client do
 * change) sharing the spec and status records, and carrying over the in-memory marks of an
 * unreadable spec or status. Any other resource is copied by a serialization round trip, as JOSDK
 * does by default.
 */
final class RecordSharingCloner implements Cloner {
  private final KubernetesSerialization serialization;
  private final LongAdder clusters = new LongAdder();
  private final LongAdder datacenters = new LongAdder();
  private final LongAdder serialized = new LongAdder();

  RecordSharingCloner(KubernetesSerialization serialization) {
    this.serialization = Objects.requireNonNull(serialization);
  }

  @Override
  @SuppressWarnings("unchecked")
  public <R extends HasMetadata> R clone(R object) {
    if (object instanceof Cluster c && c.getClass() == Cluster.class) {
      clusters.increment();
      return (R) copy(c, new Cluster());
    }
    if (object instanceof Datacenter d && d.getClass() == Datacenter.class) {
      datacenters.increment();
      return (R) copy(d, new Datacenter());
    }
    serialized.increment();
    return serialization.clone(object);
  }

  private static <S, T, R extends TolerantResource<S, T>> R copy(R from, R to) {
    to.setApiVersion(from.getApiVersion());
    to.setKind(from.getKind());
    to.setMetadata(
        from.getMetadata() == null ? null : new ObjectMetaBuilder(from.getMetadata()).build());
    to.setSpec(from.getSpec());
    to.setStatus(from.getStatus());
    to.copyMarksFrom(from);
    return to;
  }

  /** Cluster copies made sharing the spec and status records (diagnostics and tests). */
  long clusterCopies() {
    return clusters.sum();
  }

  /** Datacenter copies made sharing the spec and status records (diagnostics and tests). */
  long datacenterCopies() {
    return datacenters.sum();
  }

  /** Copies made by a serialization round trip (diagnostics and tests). */
  long serializedCopies() {
    return serialized.sum();
  }
}
