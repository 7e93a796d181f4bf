package dev.dualstack.operator.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dualstack.operator.api.Cluster;
import dev.dualstack.operator.api.Datacenter;
import dev.dualstack.operator.api.UnreadableField;
import dev.dualstack.operator.reconciler.Fixtures;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecordSharingClonerTest {
  private final KubernetesSerialization json = new KubernetesSerialization();
  private final RecordSharingCloner cloner = new RecordSharingCloner(json);

  private static Cluster cluster() {
    Cluster c = Fixtures.openstackCluster("c", "dc");
    c.getMetadata().setResourceVersion("7");
    c.getMetadata().setLabels(new java.util.HashMap<>(Map.of("a", "b")));
    c.getMetadata()
        .setOwnerReferences(
            new java.util.ArrayList<>(
                java.util.List.of(new OwnerReferenceBuilder().withName("o").withUid("u").build())));
    return c;
  }

  @Test
  void aClusterCopySharesSpecAndStatusAndSerializesLikeTheOriginal() {
    Cluster original = cluster();

    Cluster copy = cloner.clone(original);

    assertThat(copy).isNotSameAs(original);
    assertThat(copy.getSpec()).isSameAs(original.getSpec());
    assertThat(copy.getStatus()).isSameAs(original.getStatus());
    assertThat(json.asJson(copy)).isEqualTo(json.asJson(original));
    assertThat(cloner.clusterCopies()).isEqualTo(1);
    assertThat(cloner.datacenterCopies()).isZero();
    assertThat(cloner.serializedCopies()).isZero();
  }

  @Test
  void theCopysMetadataIsItsOwn() {
    Cluster original = cluster();

    Cluster copy = cloner.clone(original);
    copy.getMetadata().setResourceVersion(null);
    copy.getMetadata().getLabels().put("x", "y");
    copy.getMetadata().getOwnerReferences().get(0).setName("changed");
    copy.setStatus(null);

    assertThat(original.getMetadata().getResourceVersion()).isEqualTo("7");
    assertThat(original.getMetadata().getLabels()).containsOnlyKeys("a");
    assertThat(original.getMetadata().getOwnerReferences().get(0).getName()).isEqualTo("o");
  }

  @Test
  void theMarksOfAnUnreadableSpecAndStatusAreCarriedOver() {
    Cluster original = cluster();
    original.setSpec(null);
    UnreadableField spec = new UnreadableField("spec.x", "1", "bad");
    UnreadableField status = new UnreadableField("status", "{}", "bad too");
    original.markUnreadable(spec);
    original.markUnreadableStatus(status);

    Cluster copy = cloner.clone(original);

    assertThat(copy.getUnreadableSpec()).isSameAs(spec);
    assertThat(copy.getUnreadableStatus()).isSameAs(status);
  }

  @Test
  void aDatacenterIsCopiedTheSameWay() {
    Datacenter original = Fixtures.openstackDc("dc", true);

    Datacenter copy = cloner.clone(original);

    assertThat(copy).isNotSameAs(original);
    assertThat(copy.getMetadata()).isNotSameAs(original.getMetadata());
    assertThat(copy.getSpec()).isSameAs(original.getSpec());
    assertThat(json.asJson(copy)).isEqualTo(json.asJson(original));
    assertThat(cloner.datacenterCopies()).isEqualTo(1);
  }

  @Test
  void anyOtherResourceIsCopiedBySerialization() {
    ConfigMap original =
        new ConfigMapBuilder()
            .withNewMetadata()
            .withName("cm")
            .endMetadata()
            .addToData("k", "v")
            .build();

    ConfigMap copy = cloner.clone(original);

    assertThat(copy).isEqualTo(original).isNotSameAs(original);
    assertThat(copy.getData()).isNotSameAs(original.getData());
    assertThat(cloner.serializedCopies()).isEqualTo(1);
  }
}
