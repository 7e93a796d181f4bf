package dev.dualstack.operator.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dualstack.operator.api.Cluster;
import dev.dualstack.operator.api.Datacenter;
import dev.dualstack.operator.pipeline.Pipeline;
import dev.dualstack.operator.pipeline.PipelineResult;
import dev.dualstack.operator.pipeline.capability.CapabilityMatrixLoader;
import dev.dualstack.operator.pipeline.field.FieldError;
import dev.dualstack.operator.pipeline.field.Rule;
import dev.dualstack.operator.pipeline.model.ClusterInput;
import dev.dualstack.operator.pipeline.model.DatacenterInput;
import dev.dualstack.operator.pipeline.render.TestManifests;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The manifests in {@code examples/}: listing, evaluation with the pipeline (each file on its own,
 * with the Datacenters it declares) and the {@code # expected-error:} comment of the invalid ones.
 */
final class ExampleFiles {
  static final Path EXAMPLES = Path.of("examples");
  static final Path INVALID = EXAMPLES.resolve("invalid");
  static final Pipeline PIPELINE = new Pipeline(CapabilityMatrixLoader.builtin());

  /**
   * {@code # expected-error: <Type> <field> (<rule or rule prefix>)}: some error has this type, its
   * field is {@code field} or lies below it, and its rule id starts with the rule.
   */
  private static final Pattern EXPECTED =
      Pattern.compile(
          "^# expected-error: (\\w+) (\\S+) \\(([A-Z]+(?:-\\d+)?)\\)\\s*$", Pattern.MULTILINE);

  private ExampleFiles() {}

  record Expected(String type, String field, String rule) {
    boolean matches(FieldError e) {
      return e.type().id().equals(type)
          && (e.field().equals(field)
              || e.field().startsWith(field + ".")
              || e.field().startsWith(field + "["))
          && e.rule().id().startsWith(rule);
    }

    boolean capability() {
      return Rule.Family.valueOf(rule.split("-")[0]).kind() == Rule.Kind.UNSUPPORTED;
    }

    @Override
    public String toString() {
      return type + " " + field + " (" + rule + ")";
    }
  }

  static List<Path> yamlFiles(Path dir) {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(Files::isRegularFile)
          .filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Expected expected(Path file) {
    try {
      Matcher m = EXPECTED.matcher(Files.readString(file));
      assertThat(m.find()).as(file + " names its expected error in a comment").isTrue();
      return new Expected(m.group(1), m.group(2), m.group(3));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Evaluates every Cluster of {@code file} against the Datacenters of the same file. */
  static List<PipelineResult> evaluate(Path file) {
    var objects = TestManifests.read(file);
    assertThat(objects.clusters()).as(file + " declares a Cluster").isNotEmpty();
    return objects.clusters().stream()
        .map(
            c -> {
              Datacenter dc = objects.datacenter(dcName(c));
              return PIPELINE.evaluate(
                  ClusterInput.of(c), dc == null ? null : DatacenterInput.of(dc));
            })
        .toList();
  }

  private static String dcName(Cluster c) {
    return c.getSpec() == null || c.getSpec().cloud() == null ? null : c.getSpec().cloud().dc();
  }

  static String describe(PipelineResult r) {
    return r.clusterName() + " phase " + r.phase() + " errors " + r.errors();
  }
}
