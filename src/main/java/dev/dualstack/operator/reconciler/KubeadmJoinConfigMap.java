package dev.dualstack.operator.reconciler;

import dev.dualstack.operator.api.CloudSpec;
import dev.dualstack.operator.api.Cluster;
import dev.dualstack.operator.api.ClusterSpec;
import dev.dualstack.operator.api.ClusterStatus;
import dev.dualstack.operator.api.IpFamilies;
import dev.dualstack.operator.pipeline.model.KubeVersion;
import dev.dualstack.operator.pipeline.render.KubeadmJoinRenderer;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import java.util.Map;

/**
 * The BYO ConfigMap {@code <cluster>-kubeadm-join}: one kubeadm {@code JoinConfiguration} skeleton
 * per declared node ({@link KubeadmJoinRenderer}), labelled and owned by the Cluster. Pure.
 */
public final class KubeadmJoinConfigMap {
  public static final String MANAGED_BY_LABEL = "app.kubernetes.io/managed-by";
  public static final String MANAGED_BY = "dualstack-operator";
  public static final String CLUSTER_LABEL = "dualstack.dev/cluster";
  public static final String SELECTOR = MANAGED_BY_LABEL + "=" + MANAGED_BY;

  private KubeadmJoinConfigMap() {}

  public static String name(String clusterName) {
    return KubeadmJoinRenderer.configMapName(clusterName);
  }

  /**
   * The ConfigMap data of the accepted configuration: one {@code <node>.yaml} JoinConfiguration per
   * declared node, rendered by {@link KubeadmJoinRenderer} (IPv6 in {@code node-ip} only when the
   * accepted family is dual-stack).
   */
  public static Map<String, String> data(ClusterStatus accepted, ClusterSpec effective) {
    CloudSpec cloud = effective == null ? null : effective.cloud();
    if (cloud == null || cloud.bringyourown() == null) {
      return Map.of();
    }
    boolean dualStack = accepted != null && IpFamilies.DUAL_STACK.equals(accepted.ipFamily());
    return KubeadmJoinRenderer.configMapData(
        cloud.bringyourown().nodes(), dualStack, KubeVersion.orNewest(effective.version()));
  }

  /** The desired ConfigMap, owned by the (cluster-scoped) Cluster. */
  public static ConfigMap desired(Cluster cluster, String namespace, Map<String, String> data) {
    String clusterName = cluster.getMetadata().getName();
    return new ConfigMapBuilder()
        .withNewMetadata()
        .withName(name(clusterName))
        .withNamespace(namespace)
        .addToLabels(MANAGED_BY_LABEL, MANAGED_BY)
        .addToLabels(CLUSTER_LABEL, clusterName)
        .withOwnerReferences(owner(cluster))
        .endMetadata()
        .withData(data)
        .build();
  }

  static OwnerReference owner(Cluster cluster) {
    return new OwnerReferenceBuilder()
        .withApiVersion(Cluster.API_VERSION)
        .withKind(Cluster.KIND)
        .withName(cluster.getMetadata().getName())
        .withUid(cluster.getMetadata().getUid())
        .withController(true)
        .build();
  }

  /** True when {@code current} already has the desired data, labels and owner. */
  public static boolean upToDate(ConfigMap current, ConfigMap desired) {
    var md = current.getMetadata();
    Map<String, String> data = current.getData() == null ? Map.of() : current.getData();
    return data.equals(desired.getData())
        && md.getLabels() != null
        && md.getLabels().entrySet().containsAll(desired.getMetadata().getLabels().entrySet())
        && md.getOwnerReferences() != null
        && md.getOwnerReferences().stream()
            .anyMatch(o -> o.getUid() != null && o.getUid().equals(owner0(desired).getUid()));
  }

  private static OwnerReference owner0(ConfigMap desired) {
    return desired.getMetadata().getOwnerReferences().get(0);
  }
}
