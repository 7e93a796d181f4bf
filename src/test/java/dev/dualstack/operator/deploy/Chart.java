package dev.dualstack.operator.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Renders the Helm chart in-process (real Helm through helm-java) and parses the objects. */
final class Chart {
  static final Path DIR = Path.of("deploy", "helm", "dualstack-operator");
  static final String RELEASE = "dualstack-operator";
  static final String NAMESPACE = "dualstack-system";

  /** The Kubernetes version templates render for (helm template assumes 1.20 otherwise). */
  static final String KUBE_VERSION = "v1.32.0";

  static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private Chart() {}

  /** {@code helm template} output with the chart's defaults. */
  static String template() {
    return command().call();
  }

  /** {@code helm template} output with a values file holding {@code valuesYaml}. */
  static String template(String valuesYaml) {
    try {
      Path file = Files.createTempFile("values-", ".yaml");
      try {
        Files.writeString(file, valuesYaml);
        return command().withValuesFile(file).call();
      } finally {
        Files.deleteIfExists(file);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static TemplateCommand command() {
    return new Helm(DIR)
        .template()
        .withName(RELEASE)
        .withNamespace(NAMESPACE)
        .withKubeVersion(KUBE_VERSION);
  }

  /** Every non-empty document of a multi-document YAML text. */
  static List<JsonNode> parse(String yaml) {
    try (YAMLParser p = new YAMLFactory().createParser(yaml)) {
      List<JsonNode> docs = new ArrayList<>();
      for (var it = YAML.readValues(p, JsonNode.class); it.hasNext(); ) {
        JsonNode n = it.next();
        if (n != null && !n.isNull() && !n.isMissingNode() && !n.isEmpty()) {
          docs.add(n);
        }
      }
      return docs;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The rendered objects of one values combination. */
  record Rendered(List<JsonNode> objects) {
    static Rendered of(String valuesYaml) {
      return new Rendered(parse(template(valuesYaml)));
    }

    /** Renders with {@code values} (nested maps) written as a values file. */
    static Rendered of(Map<String, ?> values) {
      try {
        return of(YAML.writeValueAsString(values));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    List<JsonNode> ofKind(String kind) {
      return objects.stream().filter(o -> kind.equals(o.path("kind").asText())).toList();
    }

    Optional<JsonNode> find(String kind, String name) {
      return ofKind(kind).stream()
          .filter(o -> name.equals(o.path("metadata").path("name").asText()))
          .findFirst();
    }

    JsonNode get(String kind, String name) {
      return find(kind, name)
          .orElseThrow(() -> new AssertionError("no " + kind + " named " + name + " rendered"));
    }

    JsonNode deployment() {
      List<JsonNode> ds = ofKind("Deployment");
      if (ds.size() != 1) {
        throw new AssertionError("expected one Deployment, got " + ds.size());
      }
      return ds.get(0);
    }

    JsonNode podSpec() {
      return deployment().path("spec").path("template").path("spec");
    }

    JsonNode container() {
      return podSpec().path("containers").get(0);
    }

    /** Container env as name → value (plain values only). */
    Map<String, String> env() {
      Map<String, String> env = new java.util.LinkedHashMap<>();
      container()
          .path("env")
          .forEach(e -> env.put(e.path("name").asText(), e.path("value").asText()));
      return env;
    }
  }
}
