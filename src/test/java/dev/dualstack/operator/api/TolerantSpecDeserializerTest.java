package dev.dualstack.operator.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.junit.jupiter.api.Test;

/** fabric8's deserialization of stored objects tolerates an unreadable spec and marks it. */
class TolerantSpecDeserializerTest {
  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  static String cluster(String mask) {
    return """
        {"apiVersion": "dualstack.dev/v1", "kind": "Cluster",
         "metadata": {"name": "c", "generation": 3},
         "spec": {"version": "1.31.4", "cloud": {"dc": "dc-x", "openstack": {"network": "n"}},
                  "clusterNetwork": {"pods": {"cidrBlocks": ["172.25.0.0/16"]},
                                     "nodeCidrMaskSizeIPv4": %s}},
         "status": {"phase": "Ready", "acceptedGeneration": 2}}
        """
        .formatted(mask);
  }

  @Test
  void aReadableSpecIsReadAsUsual() {
    Cluster c = SERIALIZATION.unmarshal(cluster("24"), Cluster.class);

    assertThat(c.getUnreadableSpec()).isNull();
    assertThat(c.getSpec().clusterNetwork().nodeCidrMaskSizeIPv4()).isEqualTo(24);
  }

  @Test
  void twoObjectsReadFromTheSameTextShareTheStringsOfTheirSpecAndStatus() {
    Cluster a = SERIALIZATION.unmarshal(cluster("24"), Cluster.class);
    Cluster b = SERIALIZATION.unmarshal(cluster("24"), Cluster.class);

    assertThat(b.getSpec()).isEqualTo(a.getSpec());
    assertThat(b.getStatus()).isEqualTo(a.getStatus());
    assertThat(b.getStatus().phase()).isSameAs(a.getStatus().phase());
    assertThat(b.getSpec().cloud().dc()).isSameAs(a.getSpec().cloud().dc());
    assertThat(b.getSpec().clusterNetwork().pods().cidrBlocks().get(0))
        .isSameAs(a.getSpec().clusterNetwork().pods().cidrBlocks().get(0));
  }

  @Test
  void aStringWhereAnIntegerBelongsLeavesTheSpecNullAndMarksTheObject() {
    Cluster c = SERIALIZATION.unmarshal(cluster("\"abc\""), Cluster.class);

    assertThat(c.getSpec()).isNull();
    assertThat(c.getMetadata().getName()).isEqualTo("c");
    assertThat(c.getStatus().phase()).isEqualTo("Ready");
    assertThat(c.getUnreadableSpec())
        .isEqualTo(
            new UnreadableField(
                "spec.clusterNetwork.nodeCidrMaskSizeIPv4",
                "abc",
                c.getUnreadableSpec().message()));
    assertThat(c.getUnreadableSpec().message()).contains("Integer").doesNotContain("\n");
  }

  @Test
  void aHugeIntegerIsMarkedWithItsPath() {
    Cluster c = SERIALIZATION.unmarshal(cluster("123456789012345678901234567890"), Cluster.class);

    assertThat(c.getSpec()).isNull();
    assertThat(c.getUnreadableSpec().field()).isEqualTo("spec.clusterNetwork.nodeCidrMaskSizeIPv4");
    assertThat(c.getUnreadableSpec().value()).isEqualTo("123456789012345678901234567890");
  }

  @Test
  void aListWhereAMappingBelongsIsMarked() {
    Cluster c =
        SERIALIZATION.unmarshal(
            """
            {"apiVersion": "dualstack.dev/v1", "kind": "Cluster", "metadata": {"name": "c"},
             "spec": {"cloud": [1, 2]}}
            """,
            Cluster.class);

    assertThat(c.getUnreadableSpec().field()).isEqualTo("spec.cloud");
    assertThat(c.getUnreadableSpec().value()).isNull();
  }

  @Test
  void anUnreadableStatusIsReadAsNoneAndMarked() {
    Cluster c =
        SERIALIZATION.unmarshal(
            cluster("24").replace("\"acceptedGeneration\": 2", "\"acceptedGeneration\": \"two\""),
            Cluster.class);

    assertThat(c.getSpec().clusterNetwork().nodeCidrMaskSizeIPv4()).isEqualTo(24);
    assertThat(c.getUnreadableSpec()).isNull();
    assertThat(c.getStatus()).isNull();
    assertThat(c.getUnreadableStatus().field()).isEqualTo("status.acceptedGeneration");
  }

  @Test
  void datacentersAreTolerantToo() {
    Datacenter d =
        SERIALIZATION.unmarshal(
            """
            {"apiVersion": "dualstack.dev/v1", "kind": "Datacenter", "metadata": {"name": "d"},
             "spec": {"openstack": {"ipv6Enabled": {"x": 1}}}}
            """,
            Datacenter.class);

    assertThat(d.getSpec()).isNull();
    assertThat(d.getUnreadableSpec().field()).isEqualTo("spec.openstack.ipv6Enabled");
  }
}
