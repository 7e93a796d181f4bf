package dev.dualstack.operator.reconciler;

import io.fabric8.kubernetes.api.model.ConfigMap;

/** Writes the ConfigMaps the operator owns (plain client calls; no server-side apply). */
public interface ConfigMapWriter {
  /** Creates the ConfigMap, or replaces {@code current} (same name) with it. */
  void write(ConfigMap desired, ConfigMap current);

  void delete(ConfigMap current);
}
