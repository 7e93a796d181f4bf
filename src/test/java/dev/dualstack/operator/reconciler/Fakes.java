package dev.dualstack.operator.reconciler;

import dev.dualstack.operator.api.Cluster;
import dev.dualstack.operator.api.Datacenter;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.IndexedResourceCache;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Hand-written test doubles (no mocking agent: attaching one fails on a loaded machine). A method a
 * test does not expect throws.
 */
final class Fakes {
  private Fakes() {}

  /** A JOSDK Context whose secondary resources are this Datacenter and ConfigMap (or none). */
  @SuppressWarnings("unchecked")
  static Context<Cluster> context(Datacenter dc, ConfigMap cm) {
    return (Context<Cluster>)
        Proxy.newProxyInstance(
            Fakes.class.getClassLoader(),
            new Class<?>[] {Context.class},
            (proxy, method, args) -> {
              if (method.getName().equals("getSecondaryResource") && args.length == 1) {
                if (args[0] == Datacenter.class) {
                  return Optional.ofNullable(dc);
                }
                if (args[0] == ConfigMap.class) {
                  return Optional.ofNullable(cm);
                }
                return Optional.empty();
              }
              throw new UnsupportedOperationException("Context." + method.getName());
            });
  }

  /** A Cluster cache whose index {@link DatacenterToClusterMapper#INDEX} answers from a map. */
  @SuppressWarnings("unchecked")
  static IndexedResourceCache<Cluster> clusterIndex(Map<String, List<Cluster>> byDatacenter) {
    return (IndexedResourceCache<Cluster>)
        Proxy.newProxyInstance(
            Fakes.class.getClassLoader(),
            new Class<?>[] {IndexedResourceCache.class},
            (proxy, method, args) -> {
              if (method.getName().equals("byIndex")
                  && DatacenterToClusterMapper.INDEX.equals(args[0])) {
                return byDatacenter.getOrDefault((String) args[1], List.of());
              }
              throw new UnsupportedOperationException("IndexedResourceCache." + method.getName());
            });
  }

  /** Records ConfigMap writes and deletes. */
  static final class RecordingWriter implements ConfigMapWriter {
    final List<ConfigMap> written = new ArrayList<>();
    final List<ConfigMap> replaced = new ArrayList<>();
    final List<ConfigMap> deleted = new ArrayList<>();

    @Override
    public void write(
        Cluster owner, ConfigMap desired, ConfigMap current, Context<Cluster> context) {
      written.add(desired);
      replaced.add(current);
    }

    @Override
    public void delete(Cluster owner, ConfigMap current, Context<Cluster> context) {
      deleted.add(current);
    }
  }
}
