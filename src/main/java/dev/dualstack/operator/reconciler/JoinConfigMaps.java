package dev.dualstack.operator.reconciler;

import dev.dualstack.operator.api.CloudSpec;
import dev.dualstack.operator.api.Cluster;
import dev.dualstack.operator.api.ClusterStatus;
import dev.dualstack.operator.pipeline.PipelineResult;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the BYO ConfigMap {@code <cluster>-kubeadm-join} in line with the accepted rendering:
 * written when a BYO rendering is accepted and differs from what exists, left alone while a new
 * spec is refused (the last accepted configuration stays in effect), deleted once the accepted
 * provider is no longer bringyourown.
 */
public final class JoinConfigMaps {
  public static final String BRING_YOUR_OWN = CloudSpec.BringYourOwn.NAME;
  private static final Logger LOG = LoggerFactory.getLogger(JoinConfigMaps.class);

  private final String namespace;
  private final ConfigMapWriter writer;

  public JoinConfigMaps(String namespace, ConfigMapWriter writer) {
    this.namespace = Objects.requireNonNull(namespace);
    this.writer = Objects.requireNonNull(writer);
  }

  public String namespace() {
    return namespace;
  }

  public ConfigMapWriter writer() {
    return writer;
  }

  /**
   * @param next the status about to be written (carries the accepted rendering)
   * @param current the ConfigMap in the cache, or null
   */
  public void reconcile(
      Cluster cluster,
      PipelineResult result,
      ClusterStatus next,
      ConfigMap current,
      Context<Cluster> context) {
    String acceptedProvider = next.provider() == null ? null : next.provider().name();
    boolean accepted = result.rendering() != null;
    if (BRING_YOUR_OWN.equals(acceptedProvider)) {
      if (!accepted) {
        return;
      }
      ConfigMap desired =
          KubeadmJoinConfigMap.desired(
              cluster, namespace, KubeadmJoinConfigMap.data(next, result.effective()));
      if (current == null || !KubeadmJoinConfigMap.upToDate(current, desired)) {
        LOG.info(
            "cluster {}: writing ConfigMap {}/{} ({} node(s))",
            cluster.getMetadata().getName(),
            namespace,
            desired.getMetadata().getName(),
            desired.getData().size());
        writer.write(cluster, desired, current, context);
      }
    } else if (current != null && acceptedProvider != null) {
      LOG.info(
          "cluster {}: no longer bringyourown, deleting ConfigMap {}/{}",
          cluster.getMetadata().getName(),
          namespace,
          current.getMetadata().getName());
      writer.delete(cluster, current, context);
    }
  }
}
