package dev.dualstack.operator.pipeline.render;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dualstack.operator.api.CloudSpec.ByoNode;
import dev.dualstack.operator.pipeline.model.KubeVersion;
import java.util.List;
import org.junit.jupiter.api.Test;

class KubeadmJoinRendererTest {
  static final ByoNode NODE = new ByoNode("node-1", "192.168.10.11", "2001:db8:10::11");

  static JsonNode parse(String yaml) throws Exception {
    return TestManifests.YAML.readTree(yaml);
  }

  @Test
  void v1beta4ListsTheNodeIpOfBothFamilies() throws Exception {
    JsonNode doc = parse(KubeadmJoinRenderer.render(NODE, true, KubeVersion.orNewest("1.31.0")));
    assertThat(doc.path("apiVersion").asText()).isEqualTo("kubeadm.k8s.io/v1beta4");
    assertThat(doc.path("kind").asText()).isEqualTo("JoinConfiguration");
    JsonNode reg = doc.path("nodeRegistration");
    assertThat(reg.path("name").asText()).isEqualTo("node-1");
    assertThat(reg.path("kubeletExtraArgs").get(0).path("name").asText()).isEqualTo("node-ip");
    assertThat(reg.path("kubeletExtraArgs").get(0).path("value").asText())
        .isEqualTo("192.168.10.11,2001:db8:10::11");
  }

  @Test
  void v1beta3BeforeKubernetes131UsesAMap() throws Exception {
    JsonNode doc = parse(KubeadmJoinRenderer.render(NODE, true, KubeVersion.orNewest("1.30.9")));
    assertThat(doc.path("apiVersion").asText()).isEqualTo("kubeadm.k8s.io/v1beta3");
    assertThat(doc.at("/nodeRegistration/kubeletExtraArgs/node-ip").asText())
        .isEqualTo("192.168.10.11,2001:db8:10::11");
  }

  @Test
  void singleStackUsesOnlyTheIpv4Address() {
    assertThat(KubeadmJoinRenderer.nodeIP(NODE, false)).isEqualTo("192.168.10.11");
    assertThat(KubeadmJoinRenderer.nodeIP(new ByoNode("n", "10.0.0.1", null), true))
        .isEqualTo("10.0.0.1");
  }

  @Test
  void configMapHasOneKeyPerNamedNode() throws Exception {
    var data =
        KubeadmJoinRenderer.configMapData(
            List.of(NODE, new ByoNode("node-2", "192.168.10.12", "2001:db8:10::12")),
            true,
            KubeVersion.NEWEST);
    assertThat(data).containsOnlyKeys("node-1.yaml", "node-2.yaml");
    assertThat(parse(data.get("node-2.yaml")).at("/nodeRegistration/name").asText())
        .isEqualTo("node-2");
    assertThat(KubeadmJoinRenderer.configMapName("prod")).isEqualTo("prod-kubeadm-join");
  }
}
