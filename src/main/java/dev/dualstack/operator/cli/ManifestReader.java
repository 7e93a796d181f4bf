package dev.dualstack.operator.cli;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.dualstack.operator.api.Cluster;
import dev.dualstack.operator.api.Datacenter;
import dev.dualstack.operator.api.TolerantSpecDeserializer;
import dev.dualstack.operator.cli.BoundedYaml.YamlProblem;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads {@code Cluster} and {@code Datacenter} manifests ({@code dualstack.dev/v1}) for {@code
 * check} and {@code local}.
 *
 * <ul>
 *   <li>A path is a file (read whatever its name) or a directory: the {@code *.yaml} / {@code
 *       *.yml} regular files directly in it, sorted by name; subdirectories are not entered.
 *   <li>Files hold any number of YAML documents; a {@code v1 List} is unpacked. Other kinds and API
 *       versions are skipped with a note; so are unknown fields (kubectl's strict validation would
 *       reject them; the API server's pruning would drop them).
 *   <li>Untrusted input is bounded (see {@link BoundedYaml}): UTF-8 only, 16 MiB per file, {@value
 *       #MAX_DOCUMENTS} documents per read, 50 collection aliases, depth 64, 200,000 nodes per
 *       document (when composed, and again after alias expansion); documents are composed and
 *       handled one at a time. Breaking a limit is a problem, never an OutOfMemoryError.
 *   <li>Unreadable input is a {@link Problem} naming file, line and column: a missing file, bad
 *       encoding, malformed YAML (the rest of that file is skipped), or a document that does not
 *       map onto the API classes (a per-object problem naming the field path, e.g. {@code
 *       spec.clusterNetwork.nodeCidrMaskSizeIPv4}: wrong type, out-of-range number, missing name).
 *       Scalars are not coerced between types, like the API server: {@code version: 1.30} is a
 *       number, not the string {@code "1.30"}.
 * </ul>
 *
 * Reading never stops at the first problem: every file is read and every problem is returned.
 */
public final class ManifestReader {
  /** At most this many documents are read in one call, over all files. */
  public static final int MAX_DOCUMENTS = 10_000;

  static final ObjectMapper MAPPER = strictMapper();

  private static final String UNKNOWN_FIELDS = "unknownFields";

  private ManifestReader() {}

  /** Where an object came from: the file and the 1-based line its document starts on. */
  public record Source(Path file, int line) {
    @Override
    public String toString() {
      return file + ":" + line;
    }
  }

  /** An object read from a manifest, with its source. */
  public record Located<T>(T object, Source source) {}

  /**
   * Why (part of) the input is unreadable. {@code line}/{@code column} are 1-based, 0 when unknown;
   * {@code object} names the object ({@code Cluster prod-eu}) and {@code field} the path inside it,
   * both null when the problem is not about one object.
   */
  public record Problem(
      Path file, int line, int column, String object, String field, String message) {
    Problem(Path file, int line, int column, String message) {
      this(file, line, column, null, null, message);
    }

    /** {@code file:line:column: Cluster name: field.path: message}. */
    @Override
    public String toString() {
      StringBuilder sb = new StringBuilder().append(file);
      if (line > 0) {
        sb.append(':').append(line);
        if (column > 0) {
          sb.append(':').append(column);
        }
      }
      sb.append(": ");
      if (object != null) {
        sb.append(object).append(": ");
      }
      if (field != null && !field.isEmpty()) {
        sb.append(field).append(": ");
      }
      return sb.append(message).toString();
    }
  }

  /**
   * Everything read: the objects in input order, notes (skipped documents, unknown fields) and
   * problems (unreadable input).
   */
  public record Manifests(
      List<Located<Cluster>> clusters,
      List<Located<Datacenter>> datacenters,
      List<String> notes,
      List<Problem> problems) {
    public Manifests {
      clusters = List.copyOf(clusters);
      datacenters = List.copyOf(datacenters);
      notes = List.copyOf(notes);
      problems = List.copyOf(problems);
    }

    /** True when no input was unreadable. */
    public boolean readable() {
      return problems.isEmpty();
    }
  }

  /** Reads every path; see the class comment. */
  public static Manifests read(Collection<Path> paths) {
    return new Run().read(paths);
  }

  /** The files a path stands for: itself, or the *.yaml/*.yml files directly in a directory. */
  public static List<Path> files(Path path) throws IOException {
    if (!Files.isDirectory(path)) {
      return List.of(path);
    }
    List<Path> files = new ArrayList<>();
    try (DirectoryStream<Path> dir = Files.newDirectoryStream(path, "*.{yaml,yml}")) {
      for (Path p : dir) {
        if (Files.isRegularFile(p)) {
          files.add(p);
        }
      }
    }
    files.sort(Comparator.comparing(p -> p.getFileName().toString()));
    return files;
  }

  private static byte[] bytes(Path file) throws IOException, YamlProblem {
    long size = Files.size(file);
    if (size > BoundedYaml.MAX_BYTES) {
      throw new YamlProblem(
          "file has " + size + " bytes, more than the limit of " + BoundedYaml.MAX_BYTES, 0, 0);
    }
    return Files.readAllBytes(file);
  }

  private static final class Run {
    final List<Located<Cluster>> clusters = new ArrayList<>();
    final List<Located<Datacenter>> datacenters = new ArrayList<>();
    final List<String> notes = new ArrayList<>();
    final List<Problem> problems = new ArrayList<>();
    int documents;

    Manifests read(Collection<Path> paths) {
      for (Path path : paths) {
        List<Path> files;
        try {
          files = files(path);
        } catch (IOException e) {
          problems.add(new Problem(path, 0, 0, "cannot list directory: " + e));
          continue;
        }
        if (files.isEmpty()) {
          notes.add(path + ": no *.yaml or *.yml files in this directory");
        }
        files.forEach(this::readFile);
      }
      return new Manifests(clusters, datacenters, notes, problems);
    }

    void readFile(Path file) {
      try {
        if (!Files.exists(file)) {
          problems.add(new Problem(file, 0, 0, "no such file or directory"));
          return;
        }
        String text = BoundedYaml.decode(bytes(file));
        documents +=
            BoundedYaml.forEachDocument(
                text, documents, MAX_DOCUMENTS, doc -> readDocument(file, doc));
      } catch (YamlProblem e) {
        problems.add(new Problem(file, e.line(), e.column(), e.getMessage()));
        return;
      } catch (IOException e) {
        problems.add(new Problem(file, 0, 0, "cannot read: " + e));
        return;
      }
    }

    void readDocument(Path file, Node doc) {
      int line = doc.getStartMark().getLine() + 1;
      String apiVersion = BoundedYaml.topLevelScalar(doc, "apiVersion");
      String kind = BoundedYaml.topLevelScalar(doc, "kind");
      if ("v1".equals(apiVersion) && kind != null && kind.endsWith("List")) {
        Node items = value(doc, "items");
        if (items instanceof SequenceNode seq) {
          seq.getValue().forEach(item -> readDocument(file, item));
          return;
        }
      }
      boolean ours = Cluster.API_VERSION.equals(apiVersion);
      if (!(doc instanceof MappingNode) || kind == null) {
        notes.add(file + ":" + line + ": skipped a document that is not a Kubernetes object");
        return;
      }
      if (!ours || !(Cluster.KIND.equals(kind) || Datacenter.KIND.equals(kind))) {
        String name = BoundedYaml.topLevelScalar(value(doc, "metadata"), "name");
        notes.add(
            file
                + ":"
                + line
                + ": skipped "
                + apiVersion
                + " "
                + kind
                + (name == null ? "" : " " + name)
                + " (only "
                + Cluster.API_VERSION
                + " Cluster and Datacenter are read)");
        return;
      }
      Source source = new Source(file, line);
      try {
        JsonNode tree = BoundedYaml.toTree(doc);
        // both are already known and computed by the CR classes, which log when they are set
        ((ObjectNode) tree).remove(List.of("apiVersion", "kind"));
        List<List<Object>> unknown = new ArrayList<>();
        if (Cluster.KIND.equals(kind)) {
          Cluster c = map(tree, Cluster.class, unknown);
          if (checkName(
              file, doc, kind, c.getMetadata() == null ? null : c.getMetadata().getName())) {
            clusters.add(new Located<>(c, source));
          }
        } else {
          Datacenter d = map(tree, Datacenter.class, unknown);
          if (checkName(
              file, doc, kind, d.getMetadata() == null ? null : d.getMetadata().getName())) {
            datacenters.add(new Located<>(d, source));
          }
        }
        for (List<Object> path : unknown) {
          Node at = BoundedYaml.locate(doc, path);
          notes.add(
              position(file, at)
                  + ": "
                  + fieldPath(path)
                  + ": unknown field, ignored (kubectl apply --validate=strict rejects it)");
        }
      } catch (YamlProblem e) {
        problems.add(new Problem(file, e.line(), e.column(), e.getMessage()));
      } catch (JsonMappingException e) {
        List<Object> path = path(e);
        Node at = BoundedYaml.locate(doc, path);
        problems.add(
            new Problem(
                file,
                at.getStartMark().getLine() + 1,
                at.getStartMark().getColumn() + 1,
                kind + " " + nameOf(doc),
                fieldPath(path),
                describe(e, at)));
      } catch (IOException e) {
        problems.add(new Problem(file, line, 0, kind + " " + nameOf(doc), null, e.toString()));
      }
    }

    boolean checkName(Path file, Node doc, String kind, String name) {
      if (name == null || name.isBlank()) {
        Node at = BoundedYaml.locate(doc, List.of("metadata"));
        problems.add(
            new Problem(
                file,
                at.getStartMark().getLine() + 1,
                at.getStartMark().getColumn() + 1,
                kind + " <unnamed>",
                "metadata.name",
                "Required value: every object needs a name"));
        return false;
      }
      return true;
    }
  }

  private static <T> T map(JsonNode tree, Class<T> type, List<List<Object>> unknown)
      throws IOException {
    return MAPPER
        .readerFor(type)
        .withAttribute(UNKNOWN_FIELDS, unknown)
        .withAttribute(TolerantSpecDeserializer.STRICT, Boolean.TRUE)
        .readValue(tree);
  }

  private static Node value(Node mapping, String key) {
    if (mapping instanceof MappingNode m) {
      for (NodeTuple t : m.getValue()) {
        if (t.getKeyNode() instanceof ScalarNode k && key.equals(k.getValue())) {
          return t.getValueNode();
        }
      }
    }
    return null;
  }

  private static String nameOf(Node doc) {
    String name = BoundedYaml.topLevelScalar(value(doc, "metadata"), "name");
    return name == null ? "<unnamed>" : name;
  }

  private static String position(Path file, Node at) {
    return file
        + ":"
        + (at.getStartMark().getLine() + 1)
        + ":"
        + (at.getStartMark().getColumn() + 1);
  }

  private static List<Object> path(JsonMappingException e) {
    List<Object> path = new ArrayList<>();
    for (JsonMappingException.Reference r : e.getPath()) {
      if (r.getFieldName() != null) {
        path.add(r.getFieldName());
      } else if (r.getIndex() >= 0) {
        path.add(r.getIndex());
      }
    }
    return path;
  }

  /** {@code spec.clusterNetwork.pods.cidrBlocks[1]}, like the pipeline's field paths. */
  static String fieldPath(List<Object> path) {
    StringBuilder sb = new StringBuilder();
    for (Object step : path) {
      if (step instanceof Integer i) {
        sb.append('[').append(i).append(']');
      } else {
        if (sb.length() > 0) {
          sb.append('.');
        }
        sb.append(step);
      }
    }
    return sb.toString();
  }

  private static String describe(JsonMappingException e, Node at) {
    String found = found(at);
    Throwable cause = e.getCause();
    if (cause instanceof InputCoercionException) {
      return "Invalid value: " + found + ": out of range for " + expected(e);
    }
    if (e instanceof MismatchedInputException m && m.getTargetType() != null) {
      String hint =
          at instanceof ScalarNode && String.class.equals(m.getTargetType())
              ? " (quote it to make it a string)"
              : "";
      return "Invalid value: " + found + ": expected " + expected(e) + hint;
    }
    return "Invalid value: " + found + ": " + e.getOriginalMessage();
  }

  private static String found(Node at) {
    if (at instanceof ScalarNode s) {
      String v = s.getValue();
      return "\"" + (v.length() > 64 ? v.substring(0, 64) + "..." : v) + "\"";
    }
    return at instanceof SequenceNode ? "a list" : "a mapping";
  }

  private static String expected(JsonMappingException e) {
    Class<?> t = e instanceof MismatchedInputException m ? m.getTargetType() : null;
    if (t == null && e.getCause() instanceof InputCoercionException c) {
      t = c.getTargetType();
    }
    if (t == null) {
      return "this field";
    }
    if (t == String.class) {
      return "a string";
    }
    if (t == Integer.class || t == int.class) {
      return "an integer (32 bits)";
    }
    if (t == Long.class || t == long.class) {
      return "an integer (64 bits)";
    }
    if (t == Boolean.class || t == boolean.class) {
      return "a boolean (true or false)";
    }
    if (Collection.class.isAssignableFrom(t)) {
      return "a list";
    }
    if (Map.class.isAssignableFrom(t) || t.isRecord() || !t.getName().startsWith("java.")) {
      return "a mapping";
    }
    return t.getSimpleName();
  }

  private static ObjectMapper strictMapper() {
    ObjectMapper m = new ObjectMapper(new YAMLFactory());
    m.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
    m.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
    m.coercionConfigFor(LogicalType.Textual)
        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
    m.coercionConfigFor(LogicalType.Integer)
        .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
    m.coercionConfigFor(LogicalType.Boolean)
        .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
    m.addHandler(
        new DeserializationProblemHandler() {
          @Override
          @SuppressWarnings("unchecked")
          public boolean handleUnknownProperty(
              DeserializationContext ctxt,
              JsonParser p,
              JsonDeserializer<?> deserializer,
              Object beanOrClass,
              String propertyName)
              throws IOException {
            Object sink = ctxt.getAttribute(UNKNOWN_FIELDS);
            if (sink instanceof List<?> list) {
              ((List<List<Object>>) list).add(pointerPath(p));
            }
            p.skipChildren();
            return true;
          }
        });
    return m;
  }

  private static List<Object> pointerPath(JsonParser p) {
    List<Object> path = new ArrayList<>();
    for (var ctx = p.getParsingContext(); ctx != null && !ctx.inRoot(); ctx = ctx.getParent()) {
      if (ctx.inArray()) {
        path.add(0, ctx.getCurrentIndex());
      } else if (ctx.getCurrentName() != null) {
        path.add(0, ctx.getCurrentName());
      }
    }
    return path;
  }
}
