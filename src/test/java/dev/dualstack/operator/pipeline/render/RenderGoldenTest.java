package dev.dualstack.operator.pipeline.render;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dualstack.operator.api.Cluster;
import dev.dualstack.operator.api.ClusterStatus;
import dev.dualstack.operator.api.Datacenter;
import dev.dualstack.operator.pipeline.Pipeline;
import dev.dualstack.operator.pipeline.PipelineResult;
import dev.dualstack.operator.pipeline.capability.CapabilityMatrixLoader;
import dev.dualstack.operator.pipeline.model.ClusterInput;
import dev.dualstack.operator.pipeline.model.DatacenterInput;
import dev.dualstack.operator.pipeline.status.ClusterStatusFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden render tests: each directory under {@code src/test/resources/render/} holds {@code
 * cluster.yaml}, {@code datacenter.yaml} and the expected {@code out-status.yaml}; the status the
 * pipeline and {@link ClusterStatusFactory} produce must equal it field by field (condition
 * timestamps ignored). Regenerate the goldens with {@code -Drender.regenerate=true} and review the
 * diff.
 */
class RenderGoldenTest {
  static final Path ROOT = Path.of("src/test/resources/render");
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
  private static final boolean REGENERATE = Boolean.getBoolean("render.regenerate");

  static Stream<String> cases() throws IOException {
    try (Stream<Path> dirs = Files.list(ROOT)) {
      List<String> names =
          dirs.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
      assertThat(names).isNotEmpty();
      return names.stream();
    }
  }

  static ClusterStatus status(Path dir) {
    var objects = TestManifests.read(dir.resolve("cluster.yaml"), dir.resolve("datacenter.yaml"));
    Cluster cluster = objects.clusters().get(0);
    Datacenter dc = objects.datacenters().isEmpty() ? null : objects.datacenters().get(0);
    PipelineResult r =
        new Pipeline(CapabilityMatrixLoader.builtin())
            .evaluate(ClusterInput.of(cluster), dc == null ? null : DatacenterInput.of(dc));
    return new ClusterStatusFactory(CLOCK)
        .build(cluster.getStatus(), r, cluster.getMetadata().getGeneration());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void rendersTheGoldenStatus(String name) throws IOException {
    Path dir = ROOT.resolve(name);
    ClusterStatus status = status(dir);
    Path golden = dir.resolve("out-status.yaml");
    if (REGENERATE) {
      Files.writeString(golden, TestManifests.YAML.writeValueAsString(status));
    }
    assertThat(golden).as("golden file; run with -Drender.regenerate=true").exists();
    JsonNode expected = TestManifests.withoutTimestamps(TestManifests.readTree(golden));
    JsonNode actual = TestManifests.withoutTimestamps(TestManifests.tree(status));
    assertThat(TestManifests.diff(expected, actual)).as(name).isEmpty();
  }
}
