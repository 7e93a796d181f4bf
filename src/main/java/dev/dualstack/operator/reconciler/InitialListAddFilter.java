package dev.dualstack.operator.reconciler;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.processing.event.source.Cache;
import io.javaoperatorsdk.operator.processing.event.source.filter.OnAddFilter;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Drops the add events of a secondary informer's initial list once reconciling has started.
 *
 * <p>JOSDK starts reconciling when the informers' caches are synced, but fabric8 delivers the add
 * events of the initial list asynchronously, sometimes after that: a Datacenter's late add event
 * then maps to every Cluster in it, and every Cluster is reconciled a second time for nothing (each
 * Cluster is reconciled on start anyway, and every reconcile already sees the listed Datacenter in
 * the cache). So: when the first reconcile begins, the uids in the secondary cache are remembered
 * (the cache holds at least the initial list by then); a later add event of one of those objects is
 * dropped. An object created afterwards has a new uid, and its add event passes. Before the first
 * reconcile every add passes (JOSDK merges it with the Cluster's pending start-up event).
 */
final class InitialListAddFilter<R extends HasMetadata> implements OnAddFilter<R> {
  private volatile Cache<R> cache;
  private volatile Set<String> listed;

  void listedBy(Cache<R> cache) {
    this.cache = Objects.requireNonNull(cache);
  }

  /** Called when the first reconcile begins. */
  void reconcilingStarted() {
    Cache<R> c = cache;
    if (c != null && listed == null) {
      listed = c.list().map(r -> r.getMetadata().getUid()).collect(Collectors.toUnmodifiableSet());
    }
  }

  @Override
  public boolean accept(R resource) {
    Set<String> l = listed;
    return l == null
        || resource.getMetadata() == null
        || resource.getMetadata().getUid() == null
        || !l.contains(resource.getMetadata().getUid());
  }

  /** Uids remembered (0 before the first reconcile). */
  int remembered() {
    Set<String> l = listed;
    return l == null ? 0 : l.size();
  }
}
