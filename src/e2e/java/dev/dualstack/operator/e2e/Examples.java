package dev.dualstack.operator.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The manifests in {@code examples/} (not its subdirectories) and {@code examples/invalid/}. */
final class Examples {
  static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  static final Path DIR = Path.of("examples");
  static final Path INVALID = DIR.resolve("invalid");

  private Examples() {}

  static List<Path> files(Path dir) {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(Files::isRegularFile)
          .filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every document of the files, as trees. */
  static List<JsonNode> documents(List<Path> files) {
    List<JsonNode> docs = new ArrayList<>();
    for (Path f : files) {
      try (var parser = YAML.getFactory().createParser(f.toFile())) {
        var it = YAML.readValues(parser, JsonNode.class);
        while (it.hasNext()) {
          JsonNode n = it.next();
          if (n != null && n.isObject()) {
            docs.add(n);
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return docs;
  }

  static List<JsonNode> ofKind(List<JsonNode> docs, String kind) {
    return docs.stream().filter(d -> kind.equals(d.path("kind").asText())).toList();
  }

  static String name(JsonNode doc) {
    return doc.path("metadata").path("name").asText();
  }
}
