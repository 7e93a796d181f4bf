package dev.dualstack.operator.reconciler;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Objects;

/** {@link ConfigMapWriter} with create, update (optimistic lock on the cached version), delete. */
public final class KubernetesConfigMapWriter implements ConfigMapWriter {
  private final KubernetesClient client;

  public KubernetesConfigMapWriter(KubernetesClient client) {
    this.client = Objects.requireNonNull(client);
  }

  @Override
  public void write(ConfigMap desired, ConfigMap current) {
    var ops = client.configMaps().inNamespace(desired.getMetadata().getNamespace());
    if (current == null) {
      ops.resource(desired).create();
      return;
    }
    ConfigMap replacement =
        new ConfigMapBuilder(desired)
            .editMetadata()
            .withResourceVersion(current.getMetadata().getResourceVersion())
            .endMetadata()
            .build();
    ops.resource(replacement).update();
  }

  @Override
  public void delete(ConfigMap current) {
    client
        .configMaps()
        .inNamespace(current.getMetadata().getNamespace())
        .withName(current.getMetadata().getName())
        .delete();
  }
}
