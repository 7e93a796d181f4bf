package dev.dualstack.operator.reconciler;

import dev.dualstack.operator.api.Cluster;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.javaoperatorsdk.operator.api.config.informer.InformerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceUtils;
import io.javaoperatorsdk.operator.processing.dependent.Matcher;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependentResourceConfigBuilder;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.SecondaryToPrimaryMapper;
import io.javaoperatorsdk.operator.processing.event.source.informer.Mappers;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The BYO ConfigMap {@code <cluster>-kubeadm-join} as a JOSDK standalone dependent resource: JOSDK
 * runs its informer (the join namespace, only ConfigMaps with the managed-by label, mapped to the
 * owning Cluster), creates it, replaces it when it drifts (data, labels or owner, {@link
 * KubeadmJoinConfigMap#upToDate}), deletes it and filters the events of its own writes. It is not a
 * managed workflow step because it must run after the status is computed and has three outcomes
 * (written, left alone while a spec is refused, deleted): {@link JoinConfigMaps} decides and calls
 * {@link #write} or {@link #delete}, which reconcile this dependent explicitly; the desired
 * ConfigMap travels in the reconcile's context.
 */
public final class JoinConfigMapDependent
    extends CRUDKubernetesDependentResource<ConfigMap, Cluster> implements ConfigMapWriter {
  public static final String NAME = "kubeadm-join-configmaps";
  private static final String DESIRED = JoinConfigMapDependent.class.getName() + ".desired";

  private final String namespace;

  public JoinConfigMapDependent(String namespace) {
    super(ConfigMap.class, NAME);
    this.namespace = Objects.requireNonNull(namespace);
  }

  @Override
  protected ConfigMap desired(Cluster primary, Context<Cluster> context) {
    return context
        .managedWorkflowAndDependentResourceContext()
        .getMandatory(DESIRED, ConfigMap.class);
  }

  @Override
  public Matcher.Result<ConfigMap> match(
      ConfigMap actual, Cluster primary, Context<Cluster> context) {
    return match(actual, desired(primary, context), primary, context);
  }

  @Override
  public Matcher.Result<ConfigMap> match(
      ConfigMap actual, ConfigMap desired, Cluster primary, Context<Cluster> context) {
    return Matcher.Result.computed(KubeadmJoinConfigMap.upToDate(actual, desired), desired);
  }

  /** The Cluster is cluster-scoped, the ConfigMap namespaced: map by the owner reference. */
  @Override
  protected Optional<SecondaryToPrimaryMapper<ConfigMap>> getSecondaryToPrimaryMapper(
      EventSourceContext<Cluster> context) {
    return Optional.of(Mappers.fromOwnerReferences(Cluster.class, true));
  }

  @Override
  public void write(Cluster owner, ConfigMap desired, ConfigMap current, Context<Cluster> context) {
    context.managedWorkflowAndDependentResourceContext().put(DESIRED, desired);
    reconcile(owner, context);
  }

  @Override
  public void delete(Cluster owner, ConfigMap current, Context<Cluster> context) {
    delete(owner, context);
  }

  @Override
  public List<EventSource<?, Cluster>> eventSources(
      EventSourceContext<Cluster> context, InitialListAddFilter<ConfigMap> adds) {
    configureWith(
        new KubernetesDependentResourceConfigBuilder<ConfigMap>()
            .withKubernetesDependentInformerConfig(
                InformerConfiguration.builder(ConfigMap.class)
                    .withName(NAME)
                    .withNamespaces(Set.of(namespace))
                    .withLabelSelector(KubeadmJoinConfigMap.SELECTOR)
                    .withOnAddFilter(adds)
                    .build())
            .build());
    List<EventSource<?, Cluster>> sources = EventSourceUtils.dependentEventSources(context, this);
    adds.listedBy(eventSource().orElseThrow());
    return sources;
  }
}
