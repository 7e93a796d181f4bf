package dev.dualstack.operator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dualstack.operator.cli.CheckRunner.ClusterCheck;
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
  void statusIsWhatTheOperatorWouldWrite() throws IOException {
    ClusterCheck c =
        runner
            .collect(
                List.of(
                    DIR.resolve("datacenter-openstack.yaml"),
                    DIR.resolve("cluster-dualstack.yaml")))
            .get(0);

    assertThat(c.valid()).isTrue();
    assertThat(c.status()).isEqualTo(new ClusterStatusFactory(CLOCK).build(null, c.result(), 1L));
    assertThat(c.status().conditions())
        .allSatisfy(k -> assertThat(k.getLastTransitionTime()).isEqualTo("2026-03-01T12:00:00Z"));
  }

  @Test
  void updateKeepsTransitionTimesOfUnchangedConditionsAndCountsTheGeneration() throws IOException {
    Manifests m = ManifestReader.read(List.of(DIR.resolve("cluster-with-status.yaml")));
    ClusterCheck c = runner.collect(List.of(DIR.resolve("cluster-with-status.yaml"))).get(0);

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

    assertThat(runner.collect(List.of(f)).get(0).status().observedGeneration()).isEqualTo(7L);
  }

  @Test
  void laterDatacenterOfTheSameNameIsADuplicateAndResolvesTheCluster() throws IOException {
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

    List<ClusterCheck> r = runner.collect(List.of(f));

    assertThat(r).hasSize(2);
    ClusterCheck dc = r.get(0);
    assertThat(dc.kind()).isEqualTo("Datacenter");
    assertThat(dc.valid()).isFalse();
    assertThat(dc.errors())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.field()).isEqualTo("metadata.name");
              assertThat(e.type()).isEqualTo("Duplicate");
              assertThat(e.message()).contains("Datacenter dc is also defined at " + f + ":1");
            });
    assertThat(dc.source().line()).isEqualTo(6);
    ClusterCheck c = r.get(1);
    assertThat(c.result().provider()).as("the later one resolves").isEqualTo("aws");
    assertThat(c.valid()).isTrue();
  }

  /** What a sink was told, in order: the names accepted and "restart". */
  static final class Recording implements CheckRunner.Sink {
    final List<String> calls = new java.util.ArrayList<>();
    final List<ClusterCheck> kept = new java.util.ArrayList<>();
    boolean holding = true;

    @Override
    public void accept(ClusterCheck check) {
      calls.add(check.name());
      kept.add(check);
    }

    @Override
    public void restart() {
      calls.add("restart");
      kept.clear();
    }

    @Override
    public boolean holding() {
      return holding;
    }
  }

  private static final String DC_AWS =
      "apiVersion: dualstack.dev/v1\nkind: Datacenter\nmetadata: {name: dc}\n"
          + "spec: {aws: {region: eu-central-1}}\n";

  private static String cluster(String name) {
    return "apiVersion: dualstack.dev/v1\nkind: Cluster\nmetadata: {name: "
        + name
        + "}\nspec: {cloud: {dc: dc, aws: {}}}\n";
  }

  @Test
  void oneReadingWhenEveryDatacenterComesBeforeItsClusters() throws IOException {
    Path f = tmp.resolve("in-order.yaml");
    Files.writeString(f, DC_AWS + "---\n" + cluster("a") + "---\n" + cluster("b"));
    Recording sink = new Recording();

    CheckRunner.Summary s = runner.run(List.of(f), sink);

    assertThat(sink.calls).containsExactly("a", "b");
    assertThat(s.clusters()).isEqualTo(2);
    assertThat(sink.kept).allSatisfy(c -> assertThat(c.result().provider()).isEqualTo("aws"));
  }

  @Test
  void aClusterBeforeItsDatacenterIsEvaluatedAgainAgainstIt() throws IOException {
    Path f = tmp.resolve("dc-last.yaml");
    Files.writeString(f, cluster("a") + "---\n" + DC_AWS);
    Recording sink = new Recording();

    CheckRunner.Summary s = runner.run(List.of(f), sink);

    assertThat(sink.calls).containsExactly("a", "restart", "a");
    assertThat(sink.kept).singleElement().satisfies(c -> assertThat(c.valid()).isTrue());
    assertThat(s.valid()).isEqualTo(1);
  }

  @Test
  void aClusterBetweenTwoDatacentersOfOneNameIsEvaluatedAgainstTheLaterOne() throws IOException {
    Path f = tmp.resolve("dc-twice.yaml");
    Files.writeString(
        f,
        "apiVersion: dualstack.dev/v1\nkind: Datacenter\nmetadata: {name: dc}\n"
            + "spec: {gcp: {region: europe-west3}}\n---\n"
            + cluster("a")
            + "---\n"
            + DC_AWS);

    List<ClusterCheck> r = runner.collect(List.of(f));

    ClusterCheck a = r.stream().filter(ClusterCheck::isCluster).findFirst().orElseThrow();
    assertThat(a.result().provider()).isEqualTo("aws");
    assertThat(a.valid()).isTrue();
  }

  @Test
  void aProblemAfterSomeResultsWithdrawsThem() throws IOException {
    Path f = tmp.resolve("broken-at-the-end.yaml");
    Files.writeString(f, DC_AWS + "---\n" + cluster("a") + "---\nkind: [unclosed\n");
    Recording sink = new Recording();

    CheckRunner.Summary s = runner.run(List.of(f), sink);

    assertThat(s.readable()).isFalse();
    assertThat(sink.calls).containsExactly("a", "restart");
    assertThat(runner.collect(List.of(f))).isEmpty();
  }

  @Test
  void aSinkThatCouldNotHoldTheResultsGetsThemAgain() throws IOException {
    Path f = tmp.resolve("many.yaml");
    Files.writeString(f, DC_AWS + "---\n" + cluster("a") + "---\n" + cluster("b"));
    Recording sink = new Recording();
    sink.holding = false;

    CheckRunner.Summary s = runner.run(List.of(f), sink);

    assertThat(sink.calls).containsExactly("a", "b", "restart", "a", "b");
    assertThat(s.clusters()).isEqualTo(2);
  }
}
