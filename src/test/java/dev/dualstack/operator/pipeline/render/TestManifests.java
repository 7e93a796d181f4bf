package dev.dualstack.operator.pipeline.render;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import dev.dualstack.operator.api.Cluster;
import dev.dualstack.operator.api.Datacenter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Test-only reading of Cluster and Datacenter manifests with a plain Jackson YAML mapper (the real
 * ManifestReader belongs to the check command), and a field-by-field comparison of YAML trees.
 */
public final class TestManifests {
  public static final ObjectMapper YAML =
      new ObjectMapper(
          YAMLFactory.builder()
              .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
              .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
              .disable(YAMLGenerator.Feature.SPLIT_LINES)
              .build());

  private TestManifests() {}

  /** The objects of one (multi-document) YAML file. */
  public record Loaded(List<Cluster> clusters, List<Datacenter> datacenters) {
    public Datacenter datacenter(String name) {
      return datacenters.stream()
          .filter(d -> d.getMetadata().getName().equals(name))
          .findFirst()
          .orElse(null);
    }
  }

  public static Loaded read(Path... files) {
    List<Cluster> clusters = new ArrayList<>();
    List<Datacenter> dcs = new ArrayList<>();
    for (Path file : files) {
      try (var parser = YAML.getFactory().createParser(file.toFile())) {
        Iterator<JsonNode> docs = YAML.readValues(parser, JsonNode.class);
        while (docs.hasNext()) {
          JsonNode doc = docs.next();
          if (doc == null || doc.isNull() || doc.isMissingNode()) {
            continue;
          }
          String kind = doc.path("kind").asText();
          switch (kind) {
            case Cluster.KIND -> clusters.add(YAML.treeToValue(doc, Cluster.class));
            case Datacenter.KIND -> dcs.add(YAML.treeToValue(doc, Datacenter.class));
            default -> throw new IllegalArgumentException(file + ": unexpected kind " + kind);
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(file.toString(), e);
      }
    }
    return new Loaded(clusters, dcs);
  }

  /** {@code value} as a YAML tree, via YAML text so that it compares with a file read back. */
  public static JsonNode tree(Object value) {
    try {
      return YAML.readTree(YAML.writeValueAsString(value));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static JsonNode readTree(Path file) {
    try {
      return YAML.readTree(Files.readString(file));
    } catch (IOException e) {
      throw new UncheckedIOException(file.toString(), e);
    }
  }

  /** Removes {@code lastTransitionTime} from every condition. */
  public static JsonNode withoutTimestamps(JsonNode status) {
    JsonNode copy = status.deepCopy();
    JsonNode conditions = copy.path("conditions");
    if (conditions.isArray()) {
      conditions.forEach(c -> ((ObjectNode) c).remove("lastTransitionTime"));
    }
    return copy;
  }

  /** Every difference between two trees as {@code path: expected X, actual Y}. */
  public static List<String> diff(JsonNode expected, JsonNode actual) {
    List<String> out = new ArrayList<>();
    diff("", expected, actual, out);
    return out;
  }

  private static void diff(String path, JsonNode e, JsonNode a, List<String> out) {
    if (e != null && a != null && e.isObject() && a.isObject()) {
      List<String> names = new ArrayList<>();
      e.fieldNames().forEachRemaining(names::add);
      a.fieldNames()
          .forEachRemaining(
              n -> {
                if (!names.contains(n)) {
                  names.add(n);
                }
              });
      for (String n : names) {
        diff(path.isEmpty() ? n : path + "." + n, e.get(n), a.get(n), out);
      }
    } else if (e != null && a != null && e.isArray() && a.isArray()) {
      ArrayNode ea = (ArrayNode) e;
      ArrayNode aa = (ArrayNode) a;
      for (int i = 0; i < Math.max(ea.size(), aa.size()); i++) {
        diff(path + "[" + i + "]", ea.get(i), aa.get(i), out);
      }
    } else if (!java.util.Objects.equals(e, a)) {
      out.add(path + ": expected " + e + ", actual " + a);
    }
  }
}
