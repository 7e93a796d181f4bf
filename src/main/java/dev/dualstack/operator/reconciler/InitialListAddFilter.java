package dev.dualstack.operator.reconciler;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.processing.event.source.Cache;
import io.javaoperatorsdk.operator.processing.event.source.filter.OnAddFilter;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Drops the add events of a secondary informer's initial list: every Cluster is reconciled on start
 * anyway, after the secondary informers are synced, so each of those reconciles already sees the
 * listed objects in the cache.
 *
 * <p>Why it matters: fabric8 delivers the add events of an informer's initial list asynchronously,
 * often after JOSDK has started reconciling. A Datacenter's late add event maps to every Cluster in
 * it, and JOSDK reconciles each of them once more (a Cluster whose reconcile is queued or running
 * counts as in progress; an event for it means one more reconcile afterwards): with 1,000 Clusters
 * waiting, the whole start-up was done twice.
 *
 * <p>How: the uids in the secondary cache are remembered once, at the earlier of the first add
 * event and the first reconcile; an add event of a remembered uid is dropped. That moment lies
 * after the informer's sync (JOSDK starts reconciling only then, and fabric8 stores the listed
 * objects before it delivers their add events) and not after the first reconcile, so every Cluster
 * is reconciled after it with the remembered objects cached. An object created later has a new uid,
 * and its add event passes.
 */
final class InitialListAddFilter<R extends HasMetadata> implements OnAddFilter<R> {
  private volatile Cache<R> cache;
  private volatile Set<String> listed;

  void listedBy(Cache<R> cache) {
    this.cache = Objects.requireNonNull(cache);
  }

  /** Called when the first reconcile begins. */
  void reconcilingStarted() {
    remember();
  }

  @Override
  public boolean accept(R resource) {
    Set<String> l = remember();
    return l == null
        || resource.getMetadata() == null
        || resource.getMetadata().getUid() == null
        || !l.contains(resource.getMetadata().getUid());
  }

  private Set<String> remember() {
    Set<String> l = listed;
    if (l != null) {
      return l;
    }
    synchronized (this) {
      Cache<R> c = cache;
      if (listed == null && c != null) {
        listed =
            c.list().map(r -> r.getMetadata().getUid()).collect(Collectors.toUnmodifiableSet());
      }
      return listed;
    }
  }

  /** Uids remembered (0 before the first add event or reconcile). */
  int remembered() {
    Set<String> l = listed;
    return l == null ? 0 : l.size();
  }
}
