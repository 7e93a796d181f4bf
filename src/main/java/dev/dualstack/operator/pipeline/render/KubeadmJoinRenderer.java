package dev.dualstack.operator.pipeline.render;

import static dev.dualstack.operator.pipeline.field.Strings.blank;

import dev.dualstack.operator.api.CloudSpec.ByoNode;
import dev.dualstack.operator.pipeline.model.KubeVersion;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders the kubeadm {@code JoinConfiguration} skeleton of bring-your-own nodes (docs/api.md,
 * Cluster {@code status}): one document per node with {@code
 * nodeRegistration.kubeletExtraArgs.node-ip: <ipv4>,<ipv6>}. The operator puts the result in the
 * ConfigMap {@link #configMapName(String)}; discovery (API server endpoint, token) is left to the
 * node's bootstrap. Pure text rendering, no client.
 */
public final class KubeadmJoinRenderer {
  /** kubeadm's v1beta4 config API (list-shaped kubeletExtraArgs) exists from Kubernetes 1.31. */
  static final String V1BETA4 = "kubeadm.k8s.io/v1beta4";

  static final String V1BETA3 = "kubeadm.k8s.io/v1beta3";

  private KubeadmJoinRenderer() {}

  /** {@code <cluster>-kubeadm-join}. */
  public static String configMapName(String cluster) {
    return cluster + "-kubeadm-join";
  }

  /** The kubelet {@code node-ip}: {@code <ipv4>,<ipv6>}, or only the addresses that are set. */
  public static String nodeIP(ByoNode node, boolean dualStack) {
    String v4 = blank(node.ipv4()) ? null : node.ipv4().strip();
    String v6 = !dualStack || blank(node.ipv6()) ? null : node.ipv6().strip();
    if (v4 != null && v6 != null) {
      return v4 + "," + v6;
    }
    return v4 != null ? v4 : v6;
  }

  /** The JoinConfiguration YAML of one node. */
  public static String render(ByoNode node, boolean dualStack, KubeVersion version) {
    boolean v1beta4 = version.atLeast(1, 31);
    String ip = nodeIP(node, dualStack);
    StringBuilder sb = new StringBuilder();
    sb.append("apiVersion: ").append(v1beta4 ? V1BETA4 : V1BETA3).append('\n');
    sb.append("kind: JoinConfiguration\n");
    sb.append("nodeRegistration:\n");
    if (!blank(node.name())) {
      sb.append("  name: ").append(quote(node.name())).append('\n');
    }
    if (ip != null) {
      sb.append("  kubeletExtraArgs:\n");
      if (v1beta4) {
        sb.append("  - name: node-ip\n");
        sb.append("    value: ").append(quote(ip)).append('\n');
      } else {
        sb.append("    node-ip: ").append(quote(ip)).append('\n');
      }
    }
    return sb.toString();
  }

  /** ConfigMap data: one key {@code <node>.yaml} per node with a name, in declaration order. */
  public static Map<String, String> configMapData(
      List<ByoNode> nodes, boolean dualStack, KubeVersion version) {
    Map<String, String> data = new LinkedHashMap<>();
    if (nodes != null) {
      for (ByoNode n : nodes) {
        if (n != null && !blank(n.name())) {
          data.putIfAbsent(n.name() + ".yaml", render(n, dualStack, version));
        }
      }
    }
    return data;
  }

  private static String quote(String s) {
    return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
  }
}
