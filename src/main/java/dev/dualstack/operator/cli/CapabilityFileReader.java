package dev.dualstack.operator.cli;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dualstack.operator.cli.BoundedYaml.YamlProblem;
import dev.dualstack.operator.cli.ManifestReader.Problem;
import dev.dualstack.operator.pipeline.capability.CapabilityMatrix;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads a capability matrix file given with {@code --capabilities}: the shape of the built-in
 * {@code capabilities.yaml} (unknown fields are errors), read with the same bounds as manifests.
 */
final class CapabilityFileReader {
  private static final ObjectMapper STRICT =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private CapabilityFileReader() {}

  /** The file's shape, as in the built-in file. */
  record CapabilityFile(
      String defaultCni,
      Map<String, CapabilityMatrix.ProviderCapability> providers,
      Map<String, CapabilityMatrix.CniCapability> cni) {}

  /** Thrown with a problem naming file, line and field. */
  static final class UnreadableException extends Exception {
    private final transient Problem problem;

    UnreadableException(Problem problem) {
      super(problem.toString(), null, false, false);
      this.problem = problem;
    }

    Problem problem() {
      return problem;
    }
  }

  static CapabilityMatrix read(Path file) throws UnreadableException {
    try {
      if (!Files.isRegularFile(file)) {
        throw new UnreadableException(new Problem(file, 0, 0, "no such file"));
      }
      if (Files.size(file) > BoundedYaml.MAX_BYTES) {
        throw new UnreadableException(new Problem(file, 0, 0, "file is too large"));
      }
      List<Node> docs = BoundedYaml.compose(BoundedYaml.decode(Files.readAllBytes(file)), 1);
      if (docs.isEmpty()) {
        throw new UnreadableException(new Problem(file, 0, 0, "the file is empty"));
      }
      Node doc = docs.get(0);
      CapabilityFile f;
      try {
        f = STRICT.treeToValue(BoundedYaml.toTree(doc), CapabilityFile.class);
      } catch (JsonMappingException e) {
        List<Object> path = new ArrayList<>();
        e.getPath()
            .forEach(r -> path.add(r.getFieldName() != null ? r.getFieldName() : r.getIndex()));
        Node at = BoundedYaml.locate(doc, path);
        throw new UnreadableException(
            new Problem(
                file,
                at.getStartMark().getLine() + 1,
                at.getStartMark().getColumn() + 1,
                null,
                ManifestReader.fieldPath(path),
                e.getOriginalMessage()));
      }
      if (f.providers() == null || f.providers().isEmpty() || f.cni() == null) {
        throw new UnreadableException(
            new Problem(file, 1, 1, "a capability matrix needs providers and cni"));
      }
      return new CapabilityMatrix(f.defaultCni(), f.providers(), f.cni(), file.toString());
    } catch (YamlProblem e) {
      throw new UnreadableException(new Problem(file, e.line(), e.column(), e.getMessage()));
    } catch (IOException e) {
      throw new UnreadableException(new Problem(file, 0, 0, "cannot read: " + e));
    }
  }
}
