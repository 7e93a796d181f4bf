package dev.dualstack.operator.runtime;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.client.informers.cache.BasicItemStore;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.fabric8.kubernetes.client.informers.cache.ItemStore;
import java.util.List;
import java.util.stream.Stream;

/**
 * An informer's store (JOSDK's {@code withItemStore}, the client's own extension point) that keeps
 * each object without {@code metadata.managedFields}: fabric8's {@link BasicItemStore} with the
 * field list dropped as an object is stored. A real API server adds one managed-fields entry per
 * field manager (the creator's, the operator's status writes), each a tree of every field it owns,
 * which the operator never reads: it writes its status with a JSON Patch of {@code /status}, never
 * by server-side apply, and compares nothing by managed fields. (client-go's informers offer the
 * same through a transform function; fabric8's have none, hence a store.) The object the store
 * keeps is the one the event handlers receive, so they see it without the list too.
 */
final class ManagedFieldsDroppingStore<T extends HasMetadata> implements ItemStore<T> {
  private final BasicItemStore<T> store = new BasicItemStore<>(Cache::metaNamespaceKeyFunc);

  @Override
  public String getKey(T object) {
    return store.getKey(object);
  }

  @Override
  public T put(String key, T object) {
    ObjectMeta meta = object.getMetadata();
    if (meta != null && meta.getManagedFields() != null && !meta.getManagedFields().isEmpty()) {
      meta.setManagedFields(List.of()); // shared and empty, as a freshly read object's list
    }
    return store.put(key, object);
  }

  @Override
  public T remove(String key) {
    return store.remove(key);
  }

  @Override
  public Stream<String> keySet() {
    return store.keySet();
  }

  @Override
  public Stream<T> values() {
    return store.values();
  }

  @Override
  public int size() {
    return store.size();
  }

  @Override
  public T get(String key) {
    return store.get(key);
  }
}
