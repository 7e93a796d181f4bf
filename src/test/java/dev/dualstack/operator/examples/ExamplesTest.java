package dev.dualstack.operator.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dualstack.operator.api.Conditions;
import dev.dualstack.operator.api.ProviderBlock;
import dev.dualstack.operator.pipeline.PipelineResult;
import dev.dualstack.operator.pipeline.render.TestManifests;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every file directly in {@code examples/} evaluates Ready; the invalid examples whose expected
 * error is a capability error ({@code CAP-}) are refused with it. The other invalid examples are
 * checked by {@link InvalidExamplesTest}.
 */
class ExamplesTest {

  static Stream<Path> validFiles() {
    return ExampleFiles.yamlFiles(ExampleFiles.EXAMPLES).stream();
  }

  static Stream<Path> capabilityInvalidFiles() {
    return ExampleFiles.yamlFiles(ExampleFiles.INVALID).stream()
        .filter(f -> ExampleFiles.expected(f).capability());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("validFiles")
  void evaluatesReady(Path file) {
    for (PipelineResult r : ExampleFiles.evaluate(file)) {
      assertThat(r.phase()).as(ExampleFiles.describe(r)).isEqualTo(Conditions.PHASE_READY);
      assertThat(r.rendering()).isNotNull();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("capabilityInvalidFiles")
  void capabilityMistakesAreRefusedWithTheNamedError(Path file) {
    InvalidExamplesTest.assertRefusedAsNamed(file);
  }

  @Test
  void everyProviderHasADualStackExample() {
    List<String> dualStackProviders =
        validFiles()
            .flatMap(f -> ExampleFiles.evaluate(f).stream())
            .filter(r -> r.rendering() != null && "IPv4+IPv6".equals(r.rendering().ipFamily()))
            .map(PipelineResult::provider)
            .distinct()
            .toList();
    assertThat(dualStackProviders).containsExactlyInAnyOrderElementsOf(ProviderBlock.NAMES);
  }

  @Test
  void theIpv4OnlyAndTheEasyWayExamplesExist() {
    var easy = TestManifests.read(ExampleFiles.EXAMPLES.resolve("easy-way.yaml")).clusters();
    assertThat(easy)
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.getSpec().clusterNetwork().ipFamily()).isEqualTo("IPv4+IPv6");
              assertThat(c.getSpec().clusterNetwork().pods()).isNull();
              assertThat(c.getSpec().clusterNetwork().services()).isNull();
            });
    assertThat(ExampleFiles.evaluate(ExampleFiles.EXAMPLES.resolve("ipv4-only.yaml")))
        .allSatisfy(r -> assertThat(r.rendering().ipFamily()).isEqualTo("IPv4"));
  }
}
