package dev.dualstack.operator.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dualstack.operator.api.Conditions;
import dev.dualstack.operator.pipeline.PipelineResult;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every file in {@code examples/invalid/} is refused with the error its {@code # expected-error:}
 * comment names (type, field path or a parent of it, rule id prefix). The capability mistakes
 * ({@code CAP-}) are run by {@link ExamplesTest}; this class holds the ones found by the network,
 * CNI, overlap and provider validation rules.
 */
class InvalidExamplesTest {

  static Stream<Path> validationInvalidFiles() {
    return ExampleFiles.yamlFiles(ExampleFiles.INVALID).stream()
        .filter(f -> !ExampleFiles.expected(f).capability());
  }

  static void assertRefusedAsNamed(Path file) {
    ExampleFiles.Expected expected = ExampleFiles.expected(file);
    for (PipelineResult r : ExampleFiles.evaluate(file)) {
      assertThat(r.phase())
          .as(ExampleFiles.describe(r))
          .isEqualTo(
              expected.capability() ? Conditions.PHASE_UNSUPPORTED : Conditions.PHASE_INVALID);
      assertThat(r.errors())
          .as("%s: expected %s, got %s", file, expected, r.errors())
          .anyMatch(expected::matches);
      assertThat(r.rendering()).isNull();
    }
  }

  @Test
  void everyInvalidExampleNamesItsError() {
    assertThat(ExampleFiles.yamlFiles(ExampleFiles.INVALID))
        .hasSizeGreaterThanOrEqualTo(5)
        .allSatisfy(f -> assertThat(ExampleFiles.expected(f)).isNotNull());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("validationInvalidFiles")
  void isRefusedWithTheNamedError(Path file) {
    assertRefusedAsNamed(file);
  }
}
