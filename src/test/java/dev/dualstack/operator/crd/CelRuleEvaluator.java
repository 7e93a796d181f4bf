package dev.dualstack.operator.crd;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cel.runtime.CelRuntime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Evaluates every {@code x-kubernetes-validations} rule of a CRD schema on a document, as the API
 * server does: each rule at each schema location the document reaches, {@code self} the value
 * there; a false result or an evaluation error is a violation at the rule's location plus its
 * {@code fieldPath}, with its {@code message}, the result of its {@code messageExpression}, or the
 * server's default text.
 */
final class CelRuleEvaluator {
  /** One refusal, as the API server would report it. */
  record Violation(String field, String reason, String message) {
    @Override
    public String toString() {
      return field + " (" + reason + "): " + message;
    }
  }

  /** One rule and where it sits. */
  record Rule(String location, String rule, String messageExpression) {}

  private static final Map<String, CelRuntime.Program> PROGRAMS = new ConcurrentHashMap<>();

  private CelRuleEvaluator() {}

  static List<Violation> violations(JsonNode schema, JsonNode document) {
    List<Violation> out = new ArrayList<>();
    walk(schema, document, "", out);
    return out;
  }

  /** Every rule of a schema with its location ({@code spec.cloud}, {@code x.cidrBlocks[*]}). */
  static List<Rule> rules(JsonNode schema) {
    List<Rule> out = new ArrayList<>();
    collect(schema, "", out);
    return out;
  }

  private static void collect(JsonNode schema, String path, List<Rule> out) {
    for (JsonNode r : schema.path("x-kubernetes-validations")) {
      out.add(new Rule(path, r.path("rule").asText(), r.path("messageExpression").asText(null)));
    }
    schema
        .path("properties")
        .properties()
        .forEach(e -> collect(e.getValue(), join(path, e.getKey()), out));
    if (schema.has("items")) {
      collect(schema.get("items"), path + "[*]", out);
    }
  }

  private static void walk(JsonNode schema, JsonNode value, String path, List<Violation> out) {
    if (value == null || value.isNull() || value.isMissingNode()) {
      return;
    }
    for (JsonNode r : schema.path("x-kubernetes-validations")) {
      check(r, value, path, out);
    }
    if (value.isObject()) {
      schema
          .path("properties")
          .properties()
          .forEach(e -> walk(e.getValue(), value.get(e.getKey()), join(path, e.getKey()), out));
    } else if (value.isArray() && schema.has("items")) {
      for (int i = 0; i < value.size(); i++) {
        walk(schema.get("items"), value.get(i), path + "[" + i + "]", out);
      }
    }
  }

  private static void check(JsonNode rule, JsonNode value, String path, List<Violation> out) {
    Object self = toCel(value);
    String expression = rule.path("rule").asText();
    boolean ok;
    try {
      ok = Boolean.TRUE.equals(KubeCel.eval(program(expression), self));
    } catch (Exception e) {
      ok = false; // the API server refuses an object whose rule fails to evaluate
    }
    if (ok) {
      return;
    }
    String field = path;
    if (rule.hasNonNull("fieldPath")) {
      field = path + rule.get("fieldPath").asText();
    }
    String message = rule.path("message").asText("failed rule: " + expression);
    if (rule.hasNonNull("messageExpression")) {
      try {
        message =
            String.valueOf(KubeCel.eval(program(rule.get("messageExpression").asText()), self));
      } catch (Exception e) {
        message = "failed rule: " + expression;
      }
    }
    out.add(new Violation(field, rule.path("reason").asText("FieldValueInvalid"), message));
  }

  static CelRuntime.Program program(String expression) {
    return PROGRAMS.computeIfAbsent(expression, KubeCel::compile);
  }

  private static String join(String path, String name) {
    return path.isEmpty() ? name : path + "." + name;
  }

  /** JSON as CEL values: objects as maps (null fields absent), integers as long. */
  static Object toCel(JsonNode n) {
    if (n == null || n.isNull()) {
      return dev.cel.common.values.NullValue.NULL_VALUE;
    }
    if (n.isObject()) {
      Map<String, Object> m = new LinkedHashMap<>();
      n.properties()
          .forEach(
              e -> {
                if (!e.getValue().isNull()) {
                  m.put(e.getKey(), toCel(e.getValue()));
                }
              });
      return m;
    }
    if (n.isArray()) {
      List<Object> l = new ArrayList<>();
      n.forEach(x -> l.add(toCel(x)));
      return l;
    }
    if (n.isIntegralNumber()) {
      return n.asLong();
    }
    if (n.isNumber()) {
      return n.asDouble();
    }
    if (n.isBoolean()) {
      return n.asBoolean();
    }
    return n.asText();
  }
}
