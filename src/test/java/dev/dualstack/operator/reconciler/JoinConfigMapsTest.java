package dev.dualstack.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dualstack.operator.api.CloudSpec;
import dev.dualstack.operator.api.Cluster;
import dev.dualstack.operator.api.ClusterStatus;
import dev.dualstack.operator.api.ClusterStatusBuilder;
import dev.dualstack.operator.api.ProviderStatus;
import dev.dualstack.operator.api.ProviderStatusBuilder;
import dev.dualstack.operator.pipeline.PipelineResult;
import dev.dualstack.operator.pipeline.PipelineResultBuilder;
import dev.dualstack.operator.pipeline.render.Rendering;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The BYO ConfigMap follows the accepted rendering: written, left alone, deleted. */
class JoinConfigMapsTest {
  private final Fakes.RecordingWriter writer = new Fakes.RecordingWriter();
  private final JoinConfigMaps maps = new JoinConfigMaps("ns", writer);
  private final Cluster cluster = owner();

  private static Cluster owner() {
    Cluster c =
        Fixtures.cluster(
            "b",
            Fixtures.byoCloud("dc", List.of(new CloudSpec.ByoNode("n1", "10.0.0.1", "fd00::1"))),
            Fixtures.dualStackNetwork());
    c.getMetadata().setUid("uid-b");
    return c;
  }

  private static ClusterStatus status(
      String provider, String ipFamily, ProviderStatus.BringYourOwn byo) {
    return ClusterStatusBuilder.builder()
        .observedGeneration(1L)
        .acceptedGeneration(1L)
        .phase("Ready")
        .ipFamily(ipFamily)
        .datacenter("dc")
        .provider(ProviderStatusBuilder.builder().name(provider).bringyourown(byo).build())
        .conditions(List.of())
        .build();
  }

  private PipelineResult result(boolean accepted) {
    return PipelineResultBuilder.builder()
        .clusterName("b")
        .effective(cluster.getSpec())
        .provider("bringyourown")
        .datacenterFound(true)
        .errors(List.of())
        .warnings(List.of())
        .rendering(accepted ? new Rendering("IPv4+IPv6", "dc", null, null, null, null) : null)
        .build();
  }

  private static ConfigMap existing() {
    return new ConfigMapBuilder()
        .withNewMetadata()
        .withName("b-kubeadm-join")
        .withNamespace("ns")
        .endMetadata()
        .build();
  }

  private String nodeIp(String ipFamily) {
    ConfigMap cm =
        new ConfigMapBuilder()
            .withData(
                KubeadmJoinConfigMap.data(
                    status("bringyourown", ipFamily, null), cluster.getSpec()))
            .build();
    assertThat(cm.getData()).containsOnlyKeys("n1.yaml");
    assertThat(ClusterReconcilerIT.yaml(cm, "n1.yaml").path("kind").asText())
        .isEqualTo("JoinConfiguration");
    return ClusterReconcilerIT.nodeIp(cm, "n1.yaml");
  }

  @Test
  void nodeIpHasIpv6OnlyOnDualStack() {
    assertThat(nodeIp("IPv4+IPv6")).isEqualTo("10.0.0.1,fd00::1");
    assertThat(nodeIp("IPv4")).isEqualTo("10.0.0.1");
  }

  @Test
  void writesOnAcceptanceWithOwnerAndLabels() {
    maps.reconcile(cluster, result(true), status("bringyourown", "IPv4+IPv6", null), null, null);

    assertThat(writer.written).hasSize(1);
    ConfigMap cm = writer.written.get(0);
    assertThat(cm.getMetadata().getOwnerReferences())
        .singleElement()
        .satisfies(o -> assertThat(o.getUid()).isEqualTo("uid-b"));
    assertThat(cm.getMetadata().getLabels())
        .containsEntry(KubeadmJoinConfigMap.MANAGED_BY_LABEL, KubeadmJoinConfigMap.MANAGED_BY)
        .containsEntry(KubeadmJoinConfigMap.CLUSTER_LABEL, "b");
    assertThat(cm.getData()).containsOnlyKeys("n1.yaml");
  }

  @Test
  void leavesTheConfigMapAloneWhileANewSpecIsRefused() {
    maps.reconcile(
        cluster, result(false), status("bringyourown", "IPv4+IPv6", null), existing(), null);

    assertThat(writer.written).isEmpty();
    assertThat(writer.deleted).isEmpty();
  }

  @Test
  void deletesItOnceTheAcceptedProviderIsNoLongerBringYourOwn() {
    ConfigMap current = existing();
    maps.reconcile(cluster, result(true), status("edge", "IPv4", null), current, null);

    assertThat(writer.deleted).containsExactly(current);
    assertThat(writer.written).isEmpty();
  }
}
