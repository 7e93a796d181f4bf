package dev.dualstack.operator.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Prints a Cluster or Datacenter the way {@code kubectl describe} prints a custom resource: name,
 * labels, spec and status as indented "Title Case: value" blocks, conditions and events as tables.
 */
public final class DescribePrinter {
  private static final ObjectMapper JSON =
      new ObjectMapper().setSerializationInclusion(JsonInclude.Include.NON_NULL);

  private DescribePrinter() {}

  /**
   * @param spec the object's spec, {@code status} its status (either may be null)
   * @param events the events whose involved object is this one
   */
  public static String describe(
      HasMetadata object, Object spec, Object status, List<Event> events, Instant now) {
    return describe(object, spec, status, List.of(), events, now);
  }

  /**
   * As {@link #describe(HasMetadata, Object, Object, List, Instant)}, with the ConfigMaps the
   * operator owns for the object (the BYO join ConfigMap) and their content.
   */
  public static String describe(
      HasMetadata object,
      Object spec,
      Object status,
      List<io.fabric8.kubernetes.api.model.ConfigMap> owned,
      List<Event> events,
      Instant now) {
    StringBuilder out = new StringBuilder();
    var md = object.getMetadata();
    field(out, 0, "Name", md.getName(), 13);
    field(out, 0, "Labels", labels(md.getLabels()), 13);
    field(out, 0, "API Version", object.getApiVersion(), 13);
    field(out, 0, "Kind", object.getKind(), 13);
    field(out, 0, "Generation", String.valueOf(md.getGeneration()), 13);
    out.append("Spec:\n");
    block(out, 1, JSON.valueToTree(spec));
    out.append("Status:\n");
    if (status == null) {
      out.append("  <none>\n");
    } else {
      block(out, 1, JSON.valueToTree(status));
    }
    for (var cm : owned) {
      configMap(out, cm);
    }
    events(out, events, now);
    return out.toString();
  }

  /** A ConfigMap's name and data, each value's lines indented under its key. */
  private static void configMap(StringBuilder out, io.fabric8.kubernetes.api.model.ConfigMap cm) {
    field(
        out,
        0,
        "ConfigMap",
        cm.getMetadata().getNamespace() + "/" + cm.getMetadata().getName(),
        13);
    Map<String, String> data = cm.getData() == null ? Map.of() : new TreeMap<>(cm.getData());
    if (data.isEmpty()) {
      out.append("  <no data>\n");
    }
    for (var e : data.entrySet()) {
      out.append("  ").append(e.getKey()).append(":\n");
      for (String line : e.getValue().split("\n", -1)) {
        if (!line.isEmpty()) {
          out.append("    ").append(line).append('\n');
        }
      }
    }
  }

  private static String labels(Map<String, String> labels) {
    if (labels == null || labels.isEmpty()) {
      return "<none>";
    }
    return new TreeMap<>(labels)
        .entrySet().stream()
            .map(e -> e.getKey() + "=" + e.getValue())
            .collect(Collectors.joining("\n" + " ".repeat(14)));
  }

  private static void field(StringBuilder out, int depth, String key, String value, int width) {
    out.append("  ".repeat(depth)).append(pad(key + ":", width + 1)).append(value).append('\n');
  }

  private static void block(StringBuilder out, int depth, JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return;
    }
    if (!node.isObject()) {
      out.append("  ".repeat(depth)).append(scalar(node)).append('\n');
      return;
    }
    int width = 0;
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      width = Math.max(width, title(it.next()).length() + 1);
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode v = e.getValue();
      String key = title(e.getKey());
      if (e.getKey().equals("conditions") && v.isArray()) {
        conditions(out, depth, v);
      } else if (v.isObject()) {
        out.append("  ".repeat(depth)).append(key).append(":\n");
        block(out, depth + 1, v);
      } else if (v.isArray()) {
        out.append("  ".repeat(depth)).append(key).append(":\n");
        for (JsonNode item : v) {
          if (item.isObject()) {
            block(out, depth + 1, item);
          } else {
            out.append("  ".repeat(depth + 1)).append(scalar(item)).append('\n');
          }
        }
      } else {
        field(out, depth, key, scalar(v), width);
      }
    }
  }

  private static void conditions(StringBuilder out, int depth, JsonNode conditions) {
    String indent = "  ".repeat(depth);
    out.append(indent).append("Conditions:\n");
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"Type", "Status", "Reason", "Last Transition Time", "Message"});
    rows.add(new String[] {"----", "------", "------", "--------------------", "-------"});
    for (JsonNode c : conditions) {
      rows.add(
          new String[] {
            c.path("type").asText(),
            c.path("status").asText(),
            c.path("reason").asText(),
            c.path("lastTransitionTime").asText(),
            c.path("message").asText()
          });
    }
    table(out, indent + "  ", rows);
  }

  private static void events(StringBuilder out, List<Event> events, Instant now) {
    if (events == null || events.isEmpty()) {
      out.append("Events:        <none>\n");
      return;
    }
    out.append("Events:\n");
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"Type", "Reason", "Age", "From", "Message"});
    rows.add(new String[] {"----", "------", "----", "----", "-------"});
    events.stream()
        .sorted(Comparator.comparing(e -> String.valueOf(e.getLastTimestamp())))
        .forEach(
            e ->
                rows.add(
                    new String[] {
                      e.getType(),
                      e.getReason(),
                      age(e.getLastTimestamp(), now),
                      e.getSource() == null ? "" : String.valueOf(e.getSource().getComponent()),
                      e.getMessage()
                    }));
    table(out, "  ", rows);
  }

  private static void table(StringBuilder out, String indent, List<String[]> rows) {
    int columns = rows.get(0).length;
    int[] widths = new int[columns];
    for (String[] row : rows) {
      for (int i = 0; i < columns - 1; i++) {
        widths[i] = Math.max(widths[i], row[i] == null ? 0 : row[i].length());
      }
    }
    for (String[] row : rows) {
      StringBuilder line = new StringBuilder(indent);
      for (int i = 0; i < columns; i++) {
        String cell = row[i] == null ? "" : row[i];
        line.append(i < columns - 1 ? pad(cell, widths[i] + 2) : cell);
      }
      out.append(line.toString().stripTrailing()).append('\n');
    }
  }

  static String age(String timestamp, Instant now) {
    try {
      Duration d = Duration.between(Instant.parse(timestamp), now);
      if (d.isNegative() || d.toSeconds() < 120) {
        return Math.max(0, d.toSeconds()) + "s";
      }
      return d.toMinutes() < 120 ? d.toMinutes() + "m" : d.toHours() + "h";
    } catch (DateTimeParseException | NullPointerException e) {
      return "<unknown>";
    }
  }

  private static String scalar(JsonNode v) {
    return v.isTextual() ? v.asText() : v.toString();
  }

  private static String pad(String s, int width) {
    return s.length() >= width ? s + " " : s + " ".repeat(width - s.length());
  }

  /**
   * {@code nodeCidrMaskSizeIPv4} → {@code Node Cidr Mask Size IPv4}, {@code ipv6Enabled} → {@code
   * Ipv6 Enabled}, as kubectl titles keys.
   */
  static String title(String key) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      if (i == 0) {
        sb.append(Character.toUpperCase(c));
      } else {
        char before = key.charAt(i - 1);
        if (Character.isUpperCase(c)
            && (Character.isLowerCase(before) || Character.isDigit(before))) {
          sb.append(' ');
        }
        sb.append(c);
      }
    }
    return sb.toString();
  }
}
