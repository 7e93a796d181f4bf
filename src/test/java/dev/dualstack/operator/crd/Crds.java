package dev.dualstack.operator.crd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The generated CRDs as test data: their files, their {@code openAPIV3Schema} as a JSON Schema,
 * their printer columns, and a minimal evaluator for the simple {@code .a.b.c} JSONPaths they use.
 */
final class Crds {
  static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  static final Path GENERATED = Path.of("target/classes/META-INF/fabric8");
  static final Path CHECKED_IN = Path.of("crds");
  static final Map<String, String> FILES =
      Map.of(
          "Cluster", "clusters.dualstack.dev-v1.yml",
          "Datacenter", "datacenters.dualstack.dev-v1.yml");

  private Crds() {}

  /** The generated CRD of a kind. */
  static JsonNode crd(String kind) {
    try {
      return YAML.readTree(GENERATED.resolve(FILES.get(kind)).toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonNode version(String kind) {
    return crd(kind).at("/spec/versions/0");
  }

  /** The printer columns of a kind's only version. */
  static List<JsonNode> printerColumns(String kind) {
    List<JsonNode> columns = new ArrayList<>();
    version(kind).path("additionalPrinterColumns").forEach(columns::add);
    return columns;
  }

  /**
   * The kind's openAPIV3Schema as a draft-4 JSON Schema: {@code nullable} and {@code
   * x-kubernetes-*} keys dropped; the implicit {@code apiVersion}, {@code kind} and {@code
   * metadata} added at the top; unknown fields rejected wherever properties are declared (the API
   * server prunes them and kubectl's strict validation rejects them), unless the schema preserves
   * unknown fields.
   */
  static Schema schema(String kind) {
    JsonNode openApi = version(kind).at("/schema/openAPIV3Schema").deepCopy();
    ObjectNode top = (ObjectNode) openApi;
    ObjectNode props = top.with("properties");
    props.putObject("apiVersion").put("type", "string");
    props.putObject("kind").put("type", "string");
    if (!props.has("metadata")) {
      props.putObject("metadata").put("type", "object");
    }
    JsonNode converted = toJsonSchema(openApi);
    return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4).getSchema(converted);
  }

  static JsonNode toJsonSchema(JsonNode node) {
    if (node instanceof ArrayNode array) {
      ArrayNode out = array.arrayNode();
      array.forEach(n -> out.add(toJsonSchema(n)));
      return out;
    }
    if (!(node instanceof ObjectNode object)) {
      return node;
    }
    ObjectNode out = object.objectNode();
    boolean preserve = object.path("x-kubernetes-preserve-unknown-fields").asBoolean(false);
    for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String key = e.getKey();
      if (key.equals("nullable") || key.startsWith("x-kubernetes-")) {
        continue;
      }
      if (key.equals("properties")) {
        // property names are data, not keywords: convert each property's schema only
        ObjectNode properties = out.putObject("properties");
        e.getValue()
            .fields()
            .forEachRemaining(p -> properties.set(p.getKey(), toJsonSchema(p.getValue())));
      } else {
        out.set(key, toJsonSchema(e.getValue()));
      }
    }
    if (out.has("properties") && !out.has("additionalProperties") && !preserve) {
      out.put("additionalProperties", false);
    }
    return out;
  }

  /** Every schema violation of a document, as {@code location: message}. */
  static List<String> violations(String kind, JsonNode document) {
    List<String> out = new ArrayList<>();
    for (Error e : schema(kind).validate(document)) {
      out.add(e.getInstanceLocation() + " " + e.getKeyword() + ": " + e.getMessage());
    }
    return out;
  }

  /** Evaluates a printer column path such as {@code .status.network.pods}; null when absent. */
  static JsonNode jsonPath(JsonNode document, String path) {
    if (!path.matches("(\\.[A-Za-z0-9_-]+)+")) {
      throw new IllegalArgumentException("only simple .a.b paths are supported: " + path);
    }
    JsonNode n = document;
    for (String step : path.substring(1).split("\\.")) {
      n = n == null ? null : n.get(step);
    }
    return n == null || n.isNull() ? null : n;
  }

  /**
   * Every YAML document of a file, or of every *.yaml/*.yml under a directory (recursively); none
   * if absent.
   */
  static List<Doc> documents(Path root) throws IOException {
    List<Doc> docs = new ArrayList<>();
    if (!Files.exists(root)) {
      return docs;
    }
    List<Path> files;
    try (var walk = Files.walk(root)) {
      files =
          walk.filter(Files::isRegularFile)
              .filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
              .sorted()
              .toList();
    }
    for (Path f : files) {
      try (var it = YAML.readerFor(JsonNode.class).<JsonNode>readValues(f.toFile())) {
        int i = 0;
        while (it.hasNextValue()) {
          JsonNode d = it.nextValue();
          if (d != null && d.isObject() && d.has("kind")) {
            docs.add(new Doc(f, i, d));
          }
          i++;
        }
      }
    }
    return docs;
  }

  /** One document of a file. */
  record Doc(Path file, int index, JsonNode tree) {
    String kind() {
      return tree.path("kind").asText();
    }

    boolean ours() {
      return tree.path("apiVersion").asText().equals("dualstack.dev/v1")
          && FILES.containsKey(kind());
    }

    @Override
    public String toString() {
      return file + "#" + index + " (" + kind() + " " + tree.at("/metadata/name").asText() + ")";
    }
  }
}
