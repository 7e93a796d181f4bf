package dev.dualstack.operator.pipeline.field;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Paths are built on first use; what they print and how they compare is what it was. */
class FieldPathTest {
  @Test
  void printsChildrenIndexesAndKeys() {
    FieldPath spec = FieldPath.of("spec");
    assertThat(spec.child("clusterNetwork").child("pods").child("cidrBlocks").index(1))
        .hasToString("spec.clusterNetwork.pods.cidrBlocks[1]");
    assertThat(spec.child("labels").key("app")).hasToString("spec.labels[app]");
    assertThat(FieldPath.of("").child("metadata").child("name")).hasToString("metadata.name");
  }

  @Test
  void equalPathsAreEqualHowEverBuilt() {
    FieldPath a = FieldPath.of("spec").child("cloud").child("dc");
    FieldPath b = FieldPath.of("spec.cloud").child("dc");
    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
    assertThat(a).isNotEqualTo(FieldPath.of("spec").child("cloud").child("dcx"));
  }
}
