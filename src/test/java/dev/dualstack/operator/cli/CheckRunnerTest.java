package dev.dualstack.operator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dualstack.operator.cli.CheckRunner.ClusterCheck;
import dev.dualstack.operator.cli.CheckRunner.Report;
import dev.dualstack.operator.cli.ManifestReader.Manifests;
import dev.dualstack.operator.pipeline.Pipeline;
import dev.dualstack.operator.pipeline.capability.CapabilityMatrixLoader;
import dev.dualstack.operator.pipeline.status.ClusterStatusFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckRunnerTest {
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-01T12:00:00Z"), ZoneOffset.UTC);
  static final Path DIR = Path.of("src/test/resources/check");

  @TempDir Path tmp;

  final CheckRunner runner = new CheckRunner(new Pipeline(CapabilityMatrixLoader.builtin()), CLOCK);

  @Test
  void statusIsWhatTheOperatorWouldWrite() {
    Manifests m =
        ManifestReader.read(
            List.of(
                DIR.resolve("datacenter-openstack.yaml"), DIR.resolve("cluster-dualstack.yaml")));
    ClusterCheck c = runner.run(m).results().get(0);

    assertThat(c.valid()).isTrue();
    assertThat(c.status()).isEqualTo(new ClusterStatusFactory(CLOCK).build(null, c.result(), 1L));
    assertThat(c.status().conditions())
        .allSatisfy(k -> assertThat(k.getLastTransitionTime()).isEqualTo("2026-03-01T12:00:00Z"));
  }

  @Test
  void updateKeepsTransitionTimesOfUnchangedConditionsAndCountsTheGeneration() {
    Manifests m = ManifestReader.read(List.of(DIR.resolve("cluster-with-status.yaml")));
    ClusterCheck c = runner.run(m).results().get(0);

    assertThat(c.result().phase()).isEqualTo("Pending");
    assertThat(c.status().observedGeneration()).isEqualTo(4L);
    assertThat(c.status().network()).isEqualTo(m.clusters().get(0).object().getStatus().network());
    assertThat(c.status().conditions())
        .filteredOn(k -> k.getType().equals("Ready"))
        .singleElement()
        .satisfies(k -> assertThat(k.getLastTransitionTime()).isEqualTo("2026-03-01T12:00:00Z"));
  }

  @Test
  void explicitGenerationWins() throws IOException {
    Path f = tmp.resolve("c.yaml");
    Files.writeString(
        f,
        "apiVersion: dualstack.dev/v1\nkind: Cluster\nmetadata: {name: c, generation: 7}\n"
            + "spec: {cloud: {dc: nowhere, aws: {}}}\n");

    assertThat(
            runner
                .run(ManifestReader.read(List.of(f)))
                .results()
                .get(0)
                .status()
                .observedGeneration())
        .isEqualTo(7L);
  }

  @Test
  void laterDatacenterOfTheSameNameWinsWithANote() throws IOException {
    Path f = tmp.resolve("dcs.yaml");
    Files.writeString(
        f,
        """
        apiVersion: dualstack.dev/v1
        kind: Datacenter
        metadata: {name: dc}
        spec: {gcp: {region: europe-west3}}
        ---
        apiVersion: dualstack.dev/v1
        kind: Datacenter
        metadata: {name: dc}
        spec: {aws: {region: eu-central-1}}
        ---
        apiVersion: dualstack.dev/v1
        kind: Cluster
        metadata: {name: c}
        spec: {cloud: {dc: dc, aws: {}}}
        """);

    Report r = runner.run(ManifestReader.read(List.of(f)));

    assertThat(r.results().get(0).result().provider()).isEqualTo("aws");
    assertThat(r.allValid()).isTrue();
    assertThat(r.notes()).singleElement().asString().contains("Datacenter dc is also defined at");
  }
}
