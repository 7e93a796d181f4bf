package dev.dualstack.operator.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.cel.runtime.CelEvaluationException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Validates an object against its generated CRD's {@code openAPIV3Schema} the way the API server
 * does on {@code kubectl apply}, with the API server's field paths and wording:
 *
 * <ul>
 *   <li>{@code type}, {@code enum}, {@code pattern}, {@code maxLength}/{@code minLength}, {@code
 *       maxItems}/{@code minItems}, {@code maximum}/{@code minimum}, {@code required}, {@code
 *       x-kubernetes-list-type: set|map} (duplicates), {@code x-kubernetes-int-or-string};
 *   <li>{@code x-kubernetes-validations} (CEL) at every schema node whose subtree passed the
 *       structural checks, on the pruned value (see {@link CelRules}; a value that passes one of
 *       the CRDs' own rules is recognised by its Java form, {@link RuleShortcuts}); transition
 *       rules ({@code oldSelf}) are not evaluated: {@code check} has no old object;
 *   <li>unknown fields (what kubectl's default {@code --validate=strict} refuses), reported
 *       separately at their exact path with a "did you mean" hint (edit distance at most 2 to a
 *       known field of the same level); {@code metadata} is checked against ObjectMeta's fields.
 * </ul>
 *
 * Null values are dropped first, as the API server prunes nulls of non-nullable fields. {@code
 * status} is not validated (the status subresource ignores it on apply; {@code check} reads it as
 * the previous state).
 *
 * <p>Written here rather than through a JSON Schema library: the OpenAPI dialect of CRDs differs
 * (nullable, x-kubernetes-*), and the messages must be the API server's, not a library's.
 */
final class CrdSchema {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final Set<String> OBJECT_META =
      Set.of(
          "name",
          "generateName",
          "namespace",
          "selfLink",
          "uid",
          "resourceVersion",
          "generation",
          "creationTimestamp",
          "deletionTimestamp",
          "deletionGracePeriodSeconds",
          "labels",
          "annotations",
          "ownerReferences",
          "finalizers",
          "managedFields");

  private static final Map<String, CrdSchema> LOADED =
      new java.util.concurrent.ConcurrentHashMap<>();
  private static final CelRules CEL = new CelRules();

  private final String kind;
  private final JsonNode root;
  private final Map<String, Pattern> patterns = new java.util.concurrent.ConcurrentHashMap<>();
  private final Set<String> celProblems = java.util.concurrent.ConcurrentHashMap.newKeySet();

  private CrdSchema(String kind, JsonNode root) {
    this.kind = kind;
    this.root = root;
  }

  /** The schema of a kind of ours ({@code Cluster}, {@code Datacenter}), from the jar's CRDs. */
  static CrdSchema of(String kind) {
    return LOADED.computeIfAbsent(kind, CrdSchema::load);
  }

  /** A schema of a kind given as an openAPIV3Schema tree (tests). */
  static CrdSchema of(String kind, JsonNode openApiV3Schema) {
    return new CrdSchema(kind, openApiV3Schema);
  }

  /** Whether the schema of a kind was used already. */
  static boolean loaded(String kind) {
    return LOADED.containsKey(kind);
  }

  private static CrdSchema load(String kind) {
    String file =
        "META-INF/fabric8/" + kind.toLowerCase(java.util.Locale.ROOT) + "s.dualstack.dev-v1.yml";
    try (InputStream in = CrdSchema.class.getClassLoader().getResourceAsStream(file)) {
      if (in == null) {
        throw new IllegalStateException("the CRD " + file + " is not on the class path");
      }
      JsonNode crd = YAML.readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      return new CrdSchema(kind, crd.at("/spec/versions/0/schema/openAPIV3Schema"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** What validation found: errors, unknown fields (the caller decides), and rule notes. */
  record Outcome(List<Finding> errors, List<Finding> unknown) {}

  /** Rules that could not be evaluated (compile errors), once each, for a note. */
  Set<String> celProblems() {
    return celProblems;
  }

  /** Validates {@code object} (a whole manifest); unknown fields are not collected if ignored. */
  Outcome validate(JsonNode object, boolean collectUnknown) {
    return validate(object, collectUnknown, true);
  }

  /**
   * The same; with {@code shortcuts} false every rule is evaluated with CEL, none through its Java
   * form ({@link RuleShortcuts}; tests compare the two).
   */
  Outcome validate(JsonNode object, boolean collectUnknown, boolean shortcuts) {
    Walk w = new Walk(collectUnknown, shortcuts);
    Iterator<Map.Entry<String, JsonNode>> it = object.fields();
    Map<String, JsonNode> props = properties(root);
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      String key = e.getKey();
      switch (key) {
        case "apiVersion", "kind", "status" -> {}
        case "metadata" -> w.metadata(e.getValue());
        default -> {
          JsonNode schema = props.get(key);
          if (schema == null) {
            w.unknown(key, key, props.keySet());
          } else {
            w.value(e.getValue(), schema, key);
          }
        }
      }
    }
    return new Outcome(w.errors, w.unknown);
  }

  private static Map<String, JsonNode> properties(JsonNode schema) {
    Map<String, JsonNode> out = new LinkedHashMap<>();
    schema.path("properties").fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue()));
    return out;
  }

  /**
   * A rule of a schema node's {@code x-kubernetes-validations}, read once: its text, whether it is
   * evaluated (not empty, not a transition rule), and its Java form if it has one.
   */
  private record Rule(
      JsonNode node, String expression, boolean evaluated, Predicate<Object> passes) {}

  private final Map<JsonNode, List<Rule>> rules =
      java.util.Collections.synchronizedMap(new java.util.IdentityHashMap<>());

  private List<Rule> rules(JsonNode schema) {
    return rules.computeIfAbsent(
        schema,
        s -> {
          List<Rule> list = new ArrayList<>();
          for (JsonNode rule : s.get("x-kubernetes-validations")) {
            String expression = rule.path("rule").asText("");
            list.add(
                new Rule(
                    rule,
                    expression,
                    !expression.isEmpty() && !expression.contains("oldSelf"),
                    RuleShortcuts.of(expression)));
          }
          return List.copyOf(list);
        });
  }

  private final class Walk {
    final boolean collectUnknown;
    final boolean shortcuts;
    final List<Finding> errors = new ArrayList<>();
    final List<Finding> unknown = new ArrayList<>();
    int celErrors;

    Walk(boolean collectUnknown, boolean shortcuts) {
      this.collectUnknown = collectUnknown;
      this.shortcuts = shortcuts;
    }

    /** Structural (not CEL) errors so far: CEL rules of a subtree with one are not evaluated. */
    int structural() {
      return errors.size() - celErrors;
    }

    void metadata(JsonNode meta) {
      if (!meta.isObject()) {
        typeError("metadata", meta, "object");
        return;
      }
      meta.fieldNames()
          .forEachRemaining(
              k -> {
                if (!OBJECT_META.contains(k)) {
                  unknown("metadata." + k, k, OBJECT_META);
                }
              });
    }

    void unknown(String path, String key, Set<String> known) {
      if (!collectUnknown) {
        return;
      }
      String hint = suggestion(key, known);
      unknown.add(
          Finding.of(
              path,
              "UnknownField",
              null,
              false,
              hint == null
                  ? "field not declared in the schema of " + kind
                  : "did you mean " + hint + "?",
              Finding.UNKNOWN));
    }

    /** Validates one value; returns true when it (and its subtree) had no structural error. */
    boolean value(JsonNode v, JsonNode schema, String path) {
      if (v == null || v.isNull() || v.isMissingNode()) {
        return true;
      }
      int before = structural();
      String type = schema.path("type").asText("");
      boolean intOrString = schema.path("x-kubernetes-int-or-string").asBoolean(false);
      if (intOrString) {
        if (!(v.isIntegralNumber() || v.isTextual())) {
          errors.add(
              Finding.of(
                  path,
                  "Invalid",
                  jsonType(v),
                  true,
                  path + " in body must be of type integer or string: \"" + jsonType(v) + "\"",
                  Finding.SCHEMA));
          return false;
        }
      } else if (!type.isEmpty() && !hasType(v, type)) {
        typeError(path, v, type);
        return false;
      }
      if (v.isObject()) {
        object(v, schema, path);
      } else if (v.isArray()) {
        array(v, schema, path);
      } else if (v.isTextual()) {
        string(v.textValue(), schema, path);
      } else if (v.isNumber()) {
        number(v, schema, path);
      }
      enumeration(v, schema, path);
      boolean ok = structural() == before;
      if (ok && schema.has("x-kubernetes-validations")) {
        cel(v, schema, path);
      }
      return ok;
    }

    void typeError(String path, JsonNode v, String type) {
      errors.add(
          Finding.of(
              path,
              "Invalid",
              jsonType(v),
              true,
              path + " in body must be of type " + type + ": \"" + jsonType(v) + "\"",
              Finding.SCHEMA));
    }

    void object(JsonNode v, JsonNode schema, String path) {
      JsonNode props = schema.path("properties");
      JsonNode additional = schema.get("additionalProperties");
      boolean preserve = schema.path("x-kubernetes-preserve-unknown-fields").asBoolean(false);
      Iterator<Map.Entry<String, JsonNode>> it = v.fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        JsonNode child = props.get(e.getKey());
        if (child != null) {
          value(e.getValue(), child, path + "." + e.getKey());
        } else if (additional != null && additional.isObject()) {
          value(e.getValue(), additional, path + "[" + e.getKey() + "]");
        } else if (!preserve && !(additional != null && additional.asBoolean(false))) {
          unknown(path + "." + e.getKey(), e.getKey(), properties(schema).keySet());
        }
      }
      for (JsonNode r : schema.path("required")) {
        JsonNode present = v.get(r.asText());
        if (present == null || present.isNull()) {
          errors.add(
              Finding.of(path + "." + r.asText(), "Required", null, false, "", Finding.SCHEMA));
        }
      }
    }

    void array(JsonNode v, JsonNode schema, String path) {
      int size = v.size();
      if (schema.has("maxItems") && size > schema.get("maxItems").asLong()) {
        errors.add(
            Finding.of(
                path,
                "TooMany",
                String.valueOf(size),
                false,
                "must have at most " + schema.get("maxItems").asLong() + " items",
                Finding.SCHEMA));
      }
      if (schema.has("minItems") && size < schema.get("minItems").asLong()) {
        errors.add(
            Finding.of(
                path,
                "Invalid",
                String.valueOf(size),
                false,
                path
                    + " in body should have at least "
                    + schema.get("minItems").asLong()
                    + " items",
                Finding.SCHEMA));
      }
      JsonNode items = schema.get("items");
      if (items != null) {
        for (int i = 0; i < size; i++) {
          value(v.get(i), items, path + "[" + i + "]");
        }
      }
      String listType = schema.path("x-kubernetes-list-type").asText("");
      if (listType.equals("set")) {
        Set<JsonNode> seen = new HashSet<>();
        for (int i = 0; i < size; i++) {
          if (!seen.add(v.get(i))) {
            errors.add(
                Finding.of(
                    path + "[" + i + "]",
                    "Duplicate",
                    v.get(i).isTextual() ? v.get(i).textValue() : v.get(i).toString(),
                    v.get(i).isTextual(),
                    "",
                    Finding.SCHEMA));
          }
        }
      } else if (listType.equals("map")) {
        List<String> keys = new ArrayList<>();
        schema.path("x-kubernetes-list-map-keys").forEach(k -> keys.add(k.asText()));
        Set<List<JsonNode>> seen = new HashSet<>();
        for (int i = 0; i < size; i++) {
          List<JsonNode> key = new ArrayList<>();
          for (String k : keys) {
            key.add(v.get(i).path(k));
          }
          if (!seen.add(key)) {
            errors.add(
                Finding.of(
                    path + "[" + i + "]",
                    "Duplicate",
                    v.get(i).toString(),
                    false,
                    "",
                    Finding.SCHEMA));
          }
        }
      }
    }

    void string(String s, JsonNode schema, String path) {
      int length = s.codePointCount(0, s.length());
      if (schema.has("maxLength") && length > schema.get("maxLength").asLong()) {
        errors.add(
            Finding.of(
                path,
                "TooLong",
                null,
                false,
                "may not be more than " + schema.get("maxLength").asLong() + " bytes",
                Finding.SCHEMA));
      }
      if (schema.has("minLength") && length < schema.get("minLength").asLong()) {
        errors.add(
            Finding.of(
                path,
                "Invalid",
                shorten(s),
                true,
                path
                    + " in body should be at least "
                    + schema.get("minLength").asLong()
                    + " chars long",
                Finding.SCHEMA));
      }
      if (schema.has("pattern")) {
        String regex = schema.get("pattern").asText();
        Pattern p = patterns.computeIfAbsent(regex, Pattern::compile);
        if (!p.matcher(s).find()) {
          errors.add(
              Finding.of(
                  path,
                  "Invalid",
                  shorten(s),
                  true,
                  path + " in body should match '" + regex + "'",
                  Finding.SCHEMA));
        }
      }
    }

    void number(JsonNode v, JsonNode schema, String path) {
      bound(v, schema, path, "maximum", "exclusiveMaximum", 1, "less than ");
      bound(v, schema, path, "minimum", "exclusiveMinimum", -1, "greater than ");
    }

    /**
     * The schema's {@code key} bound ({@code maximum} or {@code minimum}, exclusive when {@code
     * exclusiveKey} says so): {@code side} is the sign of a comparison that breaks it.
     */
    private void bound(
        JsonNode v,
        JsonNode schema,
        String path,
        String key,
        String exclusiveKey,
        int side,
        String wording) {
      if (!schema.has(key)) {
        return;
      }
      int c = Integer.signum(v.decimalValue().compareTo(schema.get(key).decimalValue()));
      boolean exclusive = schema.path(exclusiveKey).asBoolean(false);
      if (c == side || (exclusive && c == 0)) {
        errors.add(
            Finding.of(
                path,
                "Invalid",
                shorten(v.asText()),
                false,
                path
                    + " in body should be "
                    + wording
                    + (exclusive ? "" : "or equal to ")
                    + schema.get(key).asText(),
                Finding.SCHEMA));
      }
    }

    void enumeration(JsonNode v, JsonNode schema, String path) {
      JsonNode values = schema.get("enum");
      if (values == null || !values.isArray()) {
        return;
      }
      for (JsonNode allowed : values) {
        if (allowed.equals(v)) {
          return;
        }
      }
      List<String> supported = new ArrayList<>();
      values.forEach(
          a -> supported.add(a.isTextual() ? "\"" + a.textValue() + "\"" : a.toString()));
      errors.add(
          Finding.of(
              path,
              "NotSupported",
              v.isTextual() ? shorten(v.textValue()) : v.toString(),
              v.isTextual(),
              "supported values: " + String.join(", ", supported),
              Finding.SCHEMA));
    }

    void cel(JsonNode v, JsonNode schema, String path) {
      Object self = toCel(v, schema);
      for (Rule r : rules(schema)) {
        if (!r.evaluated() || (shortcuts && r.passes() != null && r.passes().test(self))) {
          continue;
        }
        JsonNode rule = r.node();
        String expression = r.expression();
        CelRules.Compiled compiled = CEL.compile(expression);
        if (compiled.program() == null) {
          celProblems.add("rule " + expression + " at " + path + ": " + compiled.error());
          continue;
        }
        Object result;
        try {
          result = CelRules.eval(compiled.program(), self);
        } catch (CelEvaluationException | RuntimeException e) {
          // the API server reports a rule that fails to evaluate as an invalid value, too
          errors.add(celError(rule, v, path, "failed rule: " + expression + ": " + e.getMessage()));
          celErrors++;
          continue;
        }
        if (!Boolean.TRUE.equals(result)) {
          errors.add(celError(rule, v, path, message(rule, self, expression)));
          celErrors++;
        }
      }
    }

    private String message(JsonNode rule, Object self, String expression) {
      if (rule.hasNonNull("messageExpression")) {
        CelRules.Compiled m = CEL.compile(rule.get("messageExpression").asText());
        if (m.program() != null) {
          try {
            Object text = CelRules.eval(m.program(), self);
            if (text instanceof String s && !s.isBlank()) {
              return s;
            }
          } catch (CelEvaluationException | RuntimeException e) {
            // fall back to message, as the API server does
          }
        }
      }
      if (rule.hasNonNull("message") && !rule.get("message").asText().isBlank()) {
        return rule.get("message").asText();
      }
      return "failed rule: " + expression;
    }

    private Finding celError(JsonNode rule, JsonNode v, String path, String message) {
      String at = path;
      String fieldPath = rule.path("fieldPath").asText("");
      if (!fieldPath.isEmpty()) {
        at = path + (fieldPath.startsWith(".") || fieldPath.startsWith("[") ? "" : ".") + fieldPath;
      }
      String reason = rule.path("reason").asText("FieldValueInvalid");
      return switch (reason) {
        case "FieldValueRequired" -> Finding.of(at, "Required", null, false, message, Finding.CEL);
        case "FieldValueForbidden" ->
            Finding.of(at, "Forbidden", null, false, message, Finding.CEL);
        case "FieldValueDuplicate" ->
            Finding.of(at, "Duplicate", jsonType(v), true, message, Finding.CEL);
        default -> Finding.of(at, "Invalid", jsonType(v), true, message, Finding.CEL);
      };
    }
  }

  /** The pruned value as CEL sees it: known fields only, nulls dropped, integers as long. */
  static Object toCel(JsonNode v, JsonNode schema) {
    if (v.isObject()) {
      Map<String, Object> map = new LinkedHashMap<>();
      JsonNode props = schema.path("properties");
      JsonNode additional = schema.get("additionalProperties");
      boolean preserve = schema.path("x-kubernetes-preserve-unknown-fields").asBoolean(false);
      v.fields()
          .forEachRemaining(
              e -> {
                if (e.getValue().isNull()) {
                  return;
                }
                JsonNode child = props.get(e.getKey());
                if (child == null && additional != null && additional.isObject()) {
                  child = additional;
                }
                if (child != null) {
                  map.put(e.getKey(), toCel(e.getValue(), child));
                } else if (preserve) {
                  map.put(e.getKey(), toCel(e.getValue(), YAML.createObjectNode()));
                }
              });
      return map;
    }
    if (v.isArray()) {
      List<Object> list = new ArrayList<>();
      JsonNode items = schema.path("items");
      v.forEach(i -> list.add(toCel(i, items)));
      return list;
    }
    if (v.isIntegralNumber()) {
      return v.canConvertToLong() ? v.longValue() : v.doubleValue();
    }
    if (v.isNumber()) {
      return v.doubleValue();
    }
    if (v.isBoolean()) {
      return v.booleanValue();
    }
    return v.asText();
  }

  static boolean hasType(JsonNode v, String type) {
    return switch (type) {
      case "object" -> v.isObject();
      case "array" -> v.isArray();
      case "string" -> v.isTextual();
      case "integer" -> v.isIntegralNumber();
      case "number" -> v.isNumber();
      case "boolean" -> v.isBoolean();
      default -> true;
    };
  }

  /** The JSON type name of a value, as the API server's messages use it. */
  static String jsonType(JsonNode v) {
    if (v.isObject()) {
      return "object";
    }
    if (v.isArray()) {
      return "array";
    }
    if (v.isTextual()) {
      return "string";
    }
    if (v.isIntegralNumber()) {
      return "integer";
    }
    if (v.isNumber()) {
      return "number";
    }
    if (v.isBoolean()) {
      return "boolean";
    }
    return "null";
  }

  private static String shorten(String s) {
    return s.length() > 64 ? s.substring(0, 64) + "..." : s;
  }

  /** The known field closest to {@code key} within edit distance 2, or null. */
  static String suggestion(String key, Set<String> known) {
    String best = null;
    int bestDistance = 3;
    for (String k : new TreeSet<>(known)) {
      int d = distance(key, k, bestDistance);
      if (d < bestDistance) {
        best = k;
        bestDistance = d;
      }
    }
    return best;
  }

  /** Levenshtein distance, case-insensitive steps costing 0; stops early above {@code limit}. */
  static int distance(String a, String b, int limit) {
    if (Math.abs(a.length() - b.length()) >= limit) {
      return limit;
    }
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      int rowMin = cur[0];
      for (int j = 1; j <= b.length(); j++) {
        char x = a.charAt(i - 1);
        char y = b.charAt(j - 1);
        int cost = x == y ? 0 : Character.toLowerCase(x) == Character.toLowerCase(y) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
        rowMin = Math.min(rowMin, cur[j]);
      }
      if (rowMin >= limit) {
        return limit;
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
