package dev.dualstack.operator.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.dualstack.operator.api.ClusterSpec;
import dev.dualstack.operator.api.ClusterStatus;
import dev.dualstack.operator.api.DatacenterSpec;
import dev.dualstack.operator.pipeline.capability.CapabilityMatrix;
import dev.dualstack.operator.pipeline.capability.CapabilityMatrixLoader;
import dev.dualstack.operator.pipeline.model.ClusterInput;
import dev.dualstack.operator.pipeline.model.DatacenterInput;
import dev.dualstack.operator.pipeline.status.ClusterStatusFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A test fixture: a YAML tree with {@code datacenter: {name, spec}} and {@code cluster: {name,
 * labels, spec, status}}, loaded from {@code src/test/resources/fixtures/<name>.yaml}, changed by
 * one-line modifiers ({@code set("cluster.spec.clusterNetwork.pods.cidrBlocks[1]", "x")}) and
 * converted to pipeline inputs.
 */
public final class Fixture {
  public static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  public static final CapabilityMatrix MATRIX = CapabilityMatrixLoader.builtin();
  public static final Pipeline PIPELINE = new Pipeline(MATRIX);
  public static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);

  private static final Pattern SEGMENT = Pattern.compile("([^\\[\\]]+)((?:\\[[0-9]+\\])*)");
  private static final Pattern INDEX = Pattern.compile("\\[([0-9]+)\\]");

  private final String name;
  private final ObjectNode root;

  private Fixture(String name, ObjectNode root) {
    this.name = name;
    this.root = root;
  }

  public static Fixture load(String name) {
    try (InputStream in = Fixture.class.getResourceAsStream("/fixtures/" + name + ".yaml")) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + name);
      }
      return new Fixture(name, (ObjectNode) YAML.readTree(in));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public Fixture copy() {
    return new Fixture(name, root.deepCopy());
  }

  /** Sets {@code value} (any Jackson-convertible value, null for YAML null) at {@code path}. */
  public Fixture set(String path, Object value) {
    JsonNode v = value == null ? NullNode.getInstance() : YAML.valueToTree(value);
    String[] parts = path.split("\\.");
    JsonNode node = root;
    for (int i = 0; i < parts.length; i++) {
      boolean last = i == parts.length - 1;
      Matcher m = SEGMENT.matcher(parts[i]);
      if (!m.matches()) {
        throw new IllegalArgumentException("bad path segment " + parts[i]);
      }
      String field = m.group(1);
      java.util.List<Integer> idx = new java.util.ArrayList<>();
      Matcher im = INDEX.matcher(m.group(2));
      while (im.find()) {
        idx.add(Integer.parseInt(im.group(1)));
      }
      ObjectNode obj = (ObjectNode) node;
      if (idx.isEmpty()) {
        if (last) {
          obj.set(field, v);
          return this;
        }
        if (!(obj.get(field) instanceof ObjectNode)) {
          obj.set(field, YAML.createObjectNode());
        }
        node = obj.get(field);
        continue;
      }
      if (!(obj.get(field) instanceof ArrayNode)) {
        obj.set(field, YAML.createArrayNode());
      }
      ArrayNode arr = (ArrayNode) obj.get(field);
      for (int k = 0; k < idx.size(); k++) {
        int at = idx.get(k);
        while (arr.size() <= at) {
          arr.addNull();
        }
        boolean lastIndex = k == idx.size() - 1;
        if (last && lastIndex) {
          arr.set(at, v);
          return this;
        }
        if (lastIndex) {
          if (!(arr.get(at) instanceof ObjectNode)) {
            arr.set(at, YAML.createObjectNode());
          }
          node = arr.get(at);
        } else {
          if (!(arr.get(at) instanceof ArrayNode)) {
            arr.set(at, YAML.createArrayNode());
          }
          arr = (ArrayNode) arr.get(at);
        }
      }
    }
    return this;
  }

  /** Removes the object field at {@code path} (no-op when absent). */
  public Fixture remove(String path) {
    int dot = path.lastIndexOf('.');
    JsonNode parent =
        dot < 0
            ? root
            : root.at(
                "/" + path.substring(0, dot).replace('.', '/').replaceAll("\\[([0-9]+)\\]", "/$1"));
    if (parent instanceof ObjectNode o) {
      o.remove(path.substring(dot + 1));
    }
    return this;
  }

  /** Adds a label (the value does not matter, only the key). */
  public Fixture label(String key) {
    return set("cluster.labels." + key, "true");
  }

  public Fixture previous(ClusterStatus status) {
    return set("cluster.status", status);
  }

  public ClusterSpec spec() {
    return convert(root.path("cluster").get("spec"), ClusterSpec.class);
  }

  public ClusterInput input() {
    JsonNode c = root.path("cluster");
    Map<String, String> labels = new LinkedHashMap<>();
    Iterator<Map.Entry<String, JsonNode>> it = c.path("labels").fields();
    while (it.hasNext()) {
      var e = it.next();
      labels.put(e.getKey(), e.getValue().asText());
    }
    return new ClusterInput(
        c.path("name").asText(null),
        labels,
        1L,
        spec(),
        convert(c.get("status"), ClusterStatus.class));
  }

  public DatacenterInput datacenter() {
    JsonNode d = root.get("datacenter");
    if (d == null || d.isNull()) {
      return null;
    }
    return new DatacenterInput(
        d.path("name").asText(null), convert(d.get("spec"), DatacenterSpec.class));
  }

  public PipelineResult evaluate() {
    return PIPELINE.evaluate(input(), datacenter());
  }

  /** The status the operator would write for this fixture's current evaluation. */
  public ClusterStatus status() {
    ClusterInput in = input();
    return new ClusterStatusFactory(CLOCK).build(in.previous(), evaluate(), in.generation());
  }

  private static <T> T convert(JsonNode n, Class<T> type) {
    if (n == null || n.isNull() || n.isMissingNode()) {
      return null;
    }
    try {
      return YAML.treeToValue(n, type);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public String toString() {
    return name;
  }
}
