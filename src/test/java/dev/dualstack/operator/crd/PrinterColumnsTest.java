package dev.dualstack.operator.crd;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dualstack.operator.api.Cluster;
import dev.dualstack.operator.api.Datacenter;
import dev.dualstack.operator.cli.CheckRunner;
import dev.dualstack.operator.cli.CheckRunner.ClusterCheck;
import dev.dualstack.operator.cli.ManifestReader;
import dev.dualstack.operator.cli.ManifestReader.Manifests;
import dev.dualstack.operator.pipeline.Pipeline;
import dev.dualstack.operator.pipeline.capability.CapabilityMatrixLoader;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every printer column of both CRDs yields a value on an object whose status was rendered by the
 * pipeline (Cluster) or written as the operator writes it (Datacenter), and rendered statuses are
 * valid against the CRD schema.
 */
class PrinterColumnsTest {
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);

  @Test
  void clusterColumnsResolveOnARenderedStatus() throws java.io.IOException {
    Manifests m =
        ManifestReader.read(
            List.of(
                Path.of("src/test/resources/check/datacenter-openstack.yaml"),
                Path.of("src/test/resources/check/cluster-dualstack.yaml")));
    ClusterCheck check =
        new CheckRunner(new Pipeline(CapabilityMatrixLoader.builtin()), CLOCK)
            .collect(
                List.of(
                    Path.of("src/test/resources/check/datacenter-openstack.yaml"),
                    Path.of("src/test/resources/check/cluster-dualstack.yaml")))
            .get(0);
    assertThat(check.phase()).isEqualTo("Ready");

    Cluster cluster = m.clusters().get(0).object();
    cluster.setStatus(check.status());
    cluster.getMetadata().setCreationTimestamp("2026-01-01T00:00:00Z");
    JsonNode tree = Crds.YAML.valueToTree(cluster);

    assertThat(Crds.printerColumns("Cluster"))
        .extracting(c -> c.get("name").asText())
        .as("in the declared order (SPEC: Provider, DC, IPFamily, Pods, Services, Phase, Age)")
        .containsExactly("Provider", "DC", "IPFamily", "Pods", "Services", "Phase", "Age");
    for (JsonNode column : Crds.printerColumns("Cluster")) {
      assertThat(Crds.jsonPath(tree, column.get("jsonPath").asText()))
          .as("column %s", column.get("name").asText())
          .isNotNull();
    }
    assertThat(Crds.violations("Cluster", tree)).as("rendered status vs schema").isEmpty();
  }

  @Test
  void invalidClusterStatusIsSchemaValidToo() throws java.io.IOException {
    Manifests m =
        ManifestReader.read(List.of(Path.of("src/test/resources/check/cluster-with-status.yaml")));
    ClusterCheck check =
        new CheckRunner(new Pipeline(CapabilityMatrixLoader.builtin()), CLOCK)
            .collect(List.of(Path.of("src/test/resources/check/cluster-with-status.yaml")))
            .get(0);
    Cluster cluster = m.clusters().get(0).object();
    cluster.setStatus(check.status());

    assertThat(check.status().errors()).isNotEmpty();
    assertThat(Crds.violations("Cluster", Crds.YAML.valueToTree(cluster))).isEmpty();
  }

  @Test
  void datacenterColumnsResolveOnAStatus() {
    Manifests m =
        ManifestReader.read(List.of(Path.of("src/test/resources/crd/datacenter-with-status.yaml")));
    Datacenter dc = m.datacenters().get(0).object();
    dc.getMetadata().setCreationTimestamp("2026-01-01T00:00:00Z");
    JsonNode tree = Crds.YAML.valueToTree(dc);

    assertThat(Crds.printerColumns("Datacenter"))
        .extracting(c -> c.get("name").asText())
        .containsExactlyInAnyOrder("Provider", "DualStack", "Country", "Location", "Age");
    for (JsonNode column : Crds.printerColumns("Datacenter")) {
      assertThat(Crds.jsonPath(tree, column.get("jsonPath").asText()))
          .as("column %s", column.get("name").asText())
          .isNotNull();
    }
    assertThat(Crds.violations("Datacenter", tree)).isEmpty();
    ((ObjectNode) tree.get("status")).remove("dualStack");
    assertThat(Crds.jsonPath(tree, ".status.dualStack.available")).isNull();
  }
}
