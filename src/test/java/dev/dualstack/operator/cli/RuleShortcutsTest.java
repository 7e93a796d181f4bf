package dev.dualstack.operator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.dualstack.operator.api.CelRules;
import dev.dualstack.operator.api.ProviderBlock;
import dev.dualstack.operator.pipeline.SpecGenerator;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The Java forms of the CRDs' rules ({@link RuleShortcuts}) say "passes" exactly when CEL does:
 * rule by rule on edge values and seeded random ones, and object by object (every finding the same,
 * with and without them) on the examples and the fuzz corpus.
 */
class RuleShortcutsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final CrdSchemaCelAccess CEL = new CrdSchemaCelAccess();

  /** CEL's verdict: TRUE, FALSE, or null when the rule fails to evaluate (an error). */
  static final class CrdSchemaCelAccess {
    private final dev.dualstack.operator.cli.CelRules rules =
        new dev.dualstack.operator.cli.CelRules();

    Boolean verdict(String expression, Object self) {
      try {
        Object r =
            dev.dualstack.operator.cli.CelRules.eval(rules.compile(expression).program(), self);
        return r instanceof Boolean b ? b : null;
      } catch (Exception e) {
        return null;
      }
    }
  }

  /**
   * Values of another type than the schema's: a shortcut may leave them to CEL, never pass them.
   */
  private static void safe(String expression, Object self) {
    if (RuleShortcuts.passes(expression, self)) {
      assertThat(CEL.verdict(expression, self)).as("%s on %s", expression, self).isTrue();
    }
  }

  /** Values of the schema's types: the same verdict. */
  private static void same(String expression, Object self) {
    Boolean cel = CEL.verdict(expression, self);
    assertThat(RuleShortcuts.passes(expression, self))
        .as("%s on %s (CEL: %s)", expression, self, cel)
        .isEqualTo(Boolean.TRUE.equals(cel));
  }

  @Test
  void everyRuleOfBothCrdsHasAShortcut() throws IOException {
    Set<String> rules = new LinkedHashSet<>();
    for (String file : List.of("clusters", "datacenters")) {
      try (InputStream in =
          getClass()
              .getClassLoader()
              .getResourceAsStream("META-INF/fabric8/" + file + ".dualstack.dev-v1.yml")) {
        collect(YAML.readTree(in), rules);
      }
    }
    assertThat(rules).hasSizeGreaterThanOrEqualTo(10);
    assertThat(rules).allSatisfy(r -> assertThat(RuleShortcuts.covers(r)).as(r).isTrue());
  }

  private static void collect(JsonNode node, Set<String> rules) {
    if (node.has("x-kubernetes-validations")) {
      node.get("x-kubernetes-validations").forEach(r -> rules.add(r.path("rule").asText()));
    }
    node.forEach(child -> collect(child, rules));
  }

  static final List<String> CIDRS =
      List.of(
          "10.0.0.0/8",
          "10.244.0.0/16",
          "192.168.1.0/24",
          "0.0.0.0/0",
          "1.2.3.4/32",
          "1.2.3.4/33",
          "10.0.0.0/08",
          "010.0.0.0/8",
          "10.0.0.0",
          "10.0.0.0/",
          "/8",
          "10.0.0/8",
          "10.0.0.256/8",
          " 10.0.0.0/8",
          "10.0.0.0/8 ",
          "10.0.0.0/8\n",
          "fd00::/48",
          "fd01:0::/56",
          "fd02::/108",
          "::/0",
          "::/128",
          "::1/129",
          "2001:db8::/32",
          "2001:DB8::/32",
          "fe80::1%eth0/64",
          "::ffff:10.0.0.0/104",
          "::FFFF:10.0.0.0/104",
          "0:0:0:0:0:ffff:10.0.0.0/104",
          "fd00:0010::/56",
          "fd00::01/64",
          "2001:db8::/-1",
          "example.com/24",
          "",
          "/",
          "10.0.0.0/8/8",
          "१०.0.0.0/8");

  @Test
  void cidrRulesAgreeWithCel() {
    List<Object> values = new ArrayList<>(CIDRS);
    for (Object v : values) {
      same(CelRules.IS_CIDR, v);
    }
    safe(CelRules.IS_CIDR, 7L);
    safe(CelRules.IS_CIDR, true);
    for (List<Object> l : List.of(List.<Object>of(7L), List.<Object>of("fd00::/48", 7L))) {
      safe(CelRules.FIRST_IPV4, l);
      safe(CelRules.SECOND_IPV6, l);
    }
    Random random = new Random(14);
    List<List<Object>> lists = new ArrayList<>();
    lists.add(List.of());
    for (Object a : values) {
      lists.add(List.of(a));
      lists.add(List.of(a, CIDRS.get(random.nextInt(CIDRS.size()))));
      lists.add(List.of(CIDRS.get(random.nextInt(CIDRS.size())), a));
      lists.add(List.of(a, a, a));
    }
    for (List<Object> l : lists) {
      same(CelRules.FIRST_IPV4, l);
      same(CelRules.SECOND_IPV6, l);
    }
  }

  @Test
  void providerRulesAgreeWithCel() {
    Random random = new Random(14);
    List<Object> names = new ArrayList<>(ProviderBlock.NAMES);
    names.addAll(List.of("", "AWS", "openstack ", "bogus"));
    for (int i = 0; i < 2000; i++) {
      Map<String, Object> cloud = new LinkedHashMap<>();
      int blocks = random.nextInt(4);
      for (int b = 0; b < blocks; b++) {
        cloud.put(
            ProviderBlock.NAMES.get(random.nextInt(ProviderBlock.NAMES.size())),
            new LinkedHashMap<>());
      }
      if (random.nextInt(3) > 0) {
        cloud.put("providerName", names.get(random.nextInt(names.size())));
      }
      cloud.put("dc", "dc-1");
      Map<String, Object> mistyped = new LinkedHashMap<>(cloud);
      mistyped.put("providerName", 3L);
      for (String rule :
          List.of(
              CelRules.ONE_PROVIDER_REQUIRED,
              CelRules.ONE_PROVIDER_ALLOWED,
              CelRules.PROVIDER_NAME_KNOWN,
              CelRules.PROVIDER_NAME_MATCHES)) {
        same(rule, cloud);
        safe(rule, mistyped);
      }
    }
  }

  @Test
  void specAndNetworkRulesAgreeWithCel() {
    List<Object> dcs = List.of("dc-1", "", " ", "\t\n", "\u000b", "\u00a0", "\r\f ", " a ", "a\n");
    for (Object dc : dcs) {
      same(CelRules.DC_REQUIRED, Map.of("cloud", Map.of("dc", dc)));
    }
    same(CelRules.DC_REQUIRED, Map.of("cloud", Map.of("aws", Map.of())));
    same(CelRules.DC_REQUIRED, Map.of("version", "1.33.5"));
    safe(CelRules.DC_REQUIRED, Map.of("cloud", Map.of("dc", 5L)));
    safe(CelRules.DC_REQUIRED, Map.of("cloud", "dc-1"));

    List<Object> blockLists =
        List.of(
            List.of(),
            List.of("10.0.0.0/8"),
            List.of("10.0.0.0/8", "fd00::/48"),
            List.of("a", "b", "c"),
            "not a list");
    List<Object> sides = new ArrayList<>();
    sides.add(null);
    sides.add(Map.of());
    sides.add("not a map");
    blockLists.forEach(b -> sides.add(Map.of("cidrBlocks", b)));
    for (Object pods : sides) {
      for (Object services : sides) {
        boolean typed = typed(pods) && typed(services);
        Map<String, Object> network = new LinkedHashMap<>();
        if (pods != null) {
          network.put("pods", pods);
        }
        if (services != null) {
          network.put("services", services);
        }
        network.put("proxyMode", "ipvs");
        if (typed) {
          same(CelRules.SAME_LENGTH, network);
        } else {
          safe(CelRules.SAME_LENGTH, network);
        }
      }
    }

    List<Object> ranges =
        List.of(
            "30000-32767",
            "1-65535",
            "0-1",
            "1-65536",
            "00001-65535",
            "123456-1",
            "1-123456",
            "1-2-3",
            "-1",
            "1-",
            "-",
            "a-b",
            "1-2\n",
            "65535-1",
            " 1-2",
            "1 -2",
            "99999-99999",
            "7-7",
            "");
    for (Object r : ranges) {
      same(CelRules.NODE_PORT_RANGE, Map.of("nodePortRange", r));
    }
    safe(CelRules.NODE_PORT_RANGE, Map.of("nodePortRange", 30000L));
    same(CelRules.NODE_PORT_RANGE, Map.of("serviceAccountIssuer", "x"));
  }

  /** A side of the schema's shape: absent, or a map whose cidrBlocks is absent or a list. */
  private static boolean typed(Object side) {
    return side == null
        || (side instanceof Map<?, ?> m && !(m.get("cidrBlocks") instanceof String));
  }

  @Test
  void everyFindingIsTheSameWithAndWithoutShortcutsOnTheExamplesAndTheFuzzCorpus()
      throws IOException {
    List<JsonNode> objects = new ArrayList<>();
    for (Path dir : List.of(Path.of("examples"), Path.of("examples/invalid"))) {
      try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.yaml")) {
        for (Path f : files) {
          try (MappingIterator<JsonNode> docs =
              YAML.readerFor(JsonNode.class).readValues(f.toFile())) {
            while (docs.hasNext()) {
              JsonNode doc = docs.next();
              if (doc != null && doc.isObject()) {
                objects.add(doc);
              }
            }
          }
        }
      }
    }
    int examples = objects.size();
    for (long seed = 1; seed <= 4; seed++) {
      SpecGenerator gen = new SpecGenerator(seed);
      for (int i = 0; i < 1500; i++) {
        SpecGenerator.Case c = gen.next();
        if (c.input().spec() != null) {
          ObjectNode doc = JSON.createObjectNode().put("kind", "Cluster");
          doc.putObject("metadata").put("name", "c-" + i);
          doc.set("spec", JSON.valueToTree(c.input().spec()));
          objects.add(doc);
        }
        if (c.datacenter() != null && c.datacenter().spec() != null) {
          ObjectNode doc = JSON.createObjectNode().put("kind", "Datacenter");
          doc.putObject("metadata").put("name", "dc-" + i);
          doc.set("spec", JSON.valueToTree(c.datacenter().spec()));
          objects.add(doc);
        }
      }
    }
    int refused = 0;
    for (JsonNode doc : objects) {
      String kind = doc.path("kind").asText();
      if (!kind.equals("Cluster") && !kind.equals("Datacenter")) {
        continue;
      }
      CrdSchema schema = CrdSchema.of(kind);
      CrdSchema.Outcome fast = schema.validate(doc, true, true);
      CrdSchema.Outcome cel = schema.validate(doc, true, false);
      assertThat(fast).as("%s", doc).isEqualTo(cel);
      if (fast.errors().stream().anyMatch(f -> f.rule() != null && f.rule().equals(Finding.CEL))) {
        refused++;
      }
    }
    assertThat(examples).isGreaterThan(20);
    assertThat(refused).as("objects some CEL rule refuses").isGreaterThan(100);
  }
}
