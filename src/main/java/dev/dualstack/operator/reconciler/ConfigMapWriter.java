package dev.dualstack.operator.reconciler;

import dev.dualstack.operator.api.Cluster;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import java.util.List;

/**
 * Carries out what {@link JoinConfigMaps} decides for a Cluster's join ConfigMap. The operator's is
 * the JOSDK dependent resource {@link JoinConfigMapDependent}; tests record the calls.
 */
public interface ConfigMapWriter {
  /** Creates the ConfigMap, or replaces {@code current} (same name) with it. */
  void write(Cluster owner, ConfigMap desired, ConfigMap current, Context<Cluster> context);

  void delete(Cluster owner, ConfigMap current, Context<Cluster> context);

  /**
   * The event sources that watch the ConfigMaps (none for a test double); {@code adds} filters
   * their initial list's late add events and learns the listed ConfigMaps from them.
   */
  default List<EventSource<?, Cluster>> eventSources(
      EventSourceContext<Cluster> context, InitialListAddFilter<ConfigMap> adds) {
    return List.of();
  }
}
