package dev.dualstack.operator.reconciler;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import dev.dualstack.operator.api.CloudSpec;
import dev.dualstack.operator.api.Cluster;
import dev.dualstack.operator.api.ClusterSpec;
import dev.dualstack.operator.api.ClusterStatus;
import dev.dualstack.operator.api.ProviderStatus;
import dev.dualstack.operator.pipeline.IpFamilies;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The BYO ConfigMap {@code <cluster>-kubeadm-join}: one kubeadm {@code JoinConfiguration} skeleton
 * per declared node, with {@code nodeRegistration.kubeletExtraArgs.node-ip: <ipv4>,<ipv6>} (IPv6
 * only on dual-stack clusters). Built from the accepted rendering ({@code
 * status.provider.bringyourown.nodes}) when it lists nodes, else from the accepted effective spec.
 * Pure.
 */
public final class KubeadmJoinConfigMap {
  public static final String SUFFIX = "-kubeadm-join";
  public static final String MANAGED_BY_LABEL = "app.kubernetes.io/managed-by";
  public static final String MANAGED_BY = "dualstack-operator";
  public static final String CLUSTER_LABEL = "dualstack.dev/cluster";
  public static final String SELECTOR = MANAGED_BY_LABEL + "=" + MANAGED_BY;

  private static final ObjectMapper YAML =
      new ObjectMapper(
          new YAMLFactory()
              .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
              .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));

  private KubeadmJoinConfigMap() {}

  public static String name(String clusterName) {
    return clusterName + SUFFIX;
  }

  /** A node and the value of its kubelet {@code node-ip}. */
  public record JoinNode(String name, String nodeIP) {}

  /**
   * The nodes of the accepted configuration: from the rendered provider status when it lists them,
   * else from the effective spec.
   */
  public static List<JoinNode> nodes(ClusterStatus accepted, ClusterSpec effective) {
    ProviderStatus provider = accepted == null ? null : accepted.provider();
    if (provider != null
        && provider.bringyourown() != null
        && provider.bringyourown().nodes() != null) {
      return provider.bringyourown().nodes().stream()
          .map(n -> new JoinNode(n.name(), n.nodeIP()))
          .toList();
    }
    CloudSpec cloud = effective == null ? null : effective.cloud();
    if (cloud == null || cloud.bringyourown() == null || cloud.bringyourown().nodes() == null) {
      return List.of();
    }
    boolean dualStack = accepted != null && IpFamilies.DUAL_STACK.equals(accepted.ipFamily());
    List<JoinNode> out = new ArrayList<>();
    for (CloudSpec.ByoNode n : cloud.bringyourown().nodes()) {
      List<String> ips = new ArrayList<>();
      if (n.ipv4() != null && !n.ipv4().isBlank()) {
        ips.add(n.ipv4().strip());
      }
      if (dualStack && n.ipv6() != null && !n.ipv6().isBlank()) {
        ips.add(n.ipv6().strip());
      }
      out.add(new JoinNode(n.name(), String.join(",", ips)));
    }
    return out;
  }

  /** The ConfigMap data: key {@code <node>.yaml}, value a JoinConfiguration document. */
  public static Map<String, String> data(List<JoinNode> nodes) {
    Map<String, String> data = new TreeMap<>();
    for (JoinNode n : nodes) {
      if (n.name() == null || n.name().isBlank()) {
        continue;
      }
      Map<String, Object> registration = new LinkedHashMap<>();
      registration.put("name", n.name());
      if (n.nodeIP() != null && !n.nodeIP().isEmpty()) {
        registration.put("kubeletExtraArgs", Map.of("node-ip", n.nodeIP()));
      }
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("apiVersion", "kubeadm.k8s.io/v1beta3");
      doc.put("kind", "JoinConfiguration");
      doc.put("nodeRegistration", registration);
      try {
        data.put(n.name() + ".yaml", YAML.writeValueAsString(doc));
      } catch (JsonProcessingException e) {
        throw new UncheckedIOException(e);
      }
    }
    return data;
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
