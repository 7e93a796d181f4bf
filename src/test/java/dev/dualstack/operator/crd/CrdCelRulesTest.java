package dev.dualstack.operator.crd;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dualstack.operator.api.ClusterSpec;
import dev.dualstack.operator.api.DatacenterSpec;
import dev.dualstack.operator.api.ProviderBlock;
import dev.dualstack.operator.crd.CelRuleEvaluator.Violation;
import dev.dualstack.operator.pipeline.Fixture;
import dev.dualstack.operator.pipeline.PipelineResult;
import dev.dualstack.operator.pipeline.SpecGenerator;
import dev.dualstack.operator.pipeline.field.FieldError;
import dev.dualstack.operator.pipeline.model.ClusterInput;
import dev.dualstack.operator.pipeline.status.DatacenterStatusFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The CRDs' CEL rules (SPEC §7), evaluated with dev.cel in an environment like kube-apiserver's:
 * they compile with only what Kubernetes 1.31 offers, every example satisfies them, each refuses
 * its bad input with a message naming the field, and whatever they refuse the pipeline refuses too
 * at the same field (on the examples and on the seeded fuzz corpus), so that the API server never
 * refuses what {@code check}, the webhook and the reconciler would accept.
 */
class CrdCelRulesTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonNode CLUSTER = schema("Cluster");
  private static final JsonNode DATACENTER = schema("Datacenter");

  private static JsonNode schema(String kind) {
    return Crds.version(kind).at("/schema/openAPIV3Schema");
  }

  static List<Violation> cluster(ClusterSpec spec) {
    ObjectNode doc = JSON.createObjectNode();
    doc.set("spec", JSON.valueToTree(spec));
    return CelRuleEvaluator.violations(CLUSTER, doc);
  }

  static List<Violation> datacenter(DatacenterSpec spec) {
    ObjectNode doc = JSON.createObjectNode();
    doc.set("spec", JSON.valueToTree(spec));
    return CelRuleEvaluator.violations(DATACENTER, doc);
  }

  @Test
  void everyRuleAndMessageExpressionCompiles() {
    List<CelRuleEvaluator.Rule> rules = new ArrayList<>(CelRuleEvaluator.rules(CLUSTER));
    rules.addAll(CelRuleEvaluator.rules(DATACENTER));
    assertThat(rules)
        .extracting(CelRuleEvaluator.Rule::location)
        .contains(
            "spec",
            "spec.cloud",
            "spec.clusterNetwork",
            "spec.clusterNetwork.pods.cidrBlocks",
            "spec.clusterNetwork.pods.cidrBlocks[*]",
            "spec.clusterNetwork.services.cidrBlocks",
            "spec.clusterNetwork.services.cidrBlocks[*]",
            "spec.componentsOverride.apiserver");
    for (CelRuleEvaluator.Rule r : rules) {
      CelRuleEvaluator.program(r.rule());
      if (r.messageExpression() != null) {
        CelRuleEvaluator.program(r.messageExpression());
      }
    }
  }

  @Test
  void listTypes() {
    JsonNode spec = CLUSTER.at("/properties/spec/properties");
    assertThat(spec.at("/operatingSystems/x-kubernetes-list-type").asText()).isEqualTo("set");
    JsonNode pods = spec.at("/clusterNetwork/properties/pods/properties/cidrBlocks");
    assertThat(pods.path("x-kubernetes-list-type").asText()).isEqualTo("atomic");
    assertThat(pods.path("maxItems").asInt()).isEqualTo(2);
    assertThat(pods.at("/items/maxLength").asInt()).isEqualTo(64);
    assertThat(
            spec.at("/componentsOverride/properties/apiserver/properties/nodePortRange/maxLength")
                .asInt())
        .as("bounded, so that the rule's cost estimate is small")
        .isEqualTo(11);
  }

  @Test
  void providerNamesInTheRulesAreThePipelines() {
    String required =
        CLUSTER.at("/properties/spec/properties/cloud/x-kubernetes-validations/0/message").asText();
    assertThat(required)
        .isEqualTo("exactly one provider block is required, one of " + ProviderBlock.NAMES);
    for (String p : ProviderBlock.NAMES) {
      assertThat(CLUSTER.at("/properties/spec/properties/cloud/properties/" + p).isObject())
          .isTrue();
      assertThat(DATACENTER.at("/properties/spec/properties/" + p).isObject()).isTrue();
    }
  }

  @Test
  void everyExampleSatisfiesEveryRule() throws IOException {
    List<Crds.Doc> docs = Crds.documents(Path.of("examples"));
    docs.removeIf(d -> d.file().toString().contains("invalid"));
    assertThat(docs).hasSizeGreaterThan(20);
    for (Crds.Doc d : docs) {
      JsonNode schema = d.kind().equals("Cluster") ? CLUSTER : DATACENTER;
      assertThat(CelRuleEvaluator.violations(schema, d.tree())).as(d.toString()).isEmpty();
    }
  }

  @Test
  void theIpv6FirstExampleIsRefusedByTheCrdItself() throws IOException {
    Crds.Doc cluster =
        Crds.documents(Path.of("examples/invalid/ipv6-first.yaml")).stream()
            .filter(d -> d.kind().equals("Cluster"))
            .findFirst()
            .orElseThrow();
    assertThat(CelRuleEvaluator.violations(CLUSTER, cluster.tree()))
        .extracting(Violation::field)
        .containsExactlyInAnyOrder(
            "spec.clusterNetwork.pods.cidrBlocks",
            "spec.clusterNetwork.pods.cidrBlocks",
            "spec.clusterNetwork.services.cidrBlocks",
            "spec.clusterNetwork.services.cidrBlocks");
  }

  static Stream<Arguments> badInputs() {
    String net = "cluster.spec.clusterNetwork.";
    return Stream.of(
        Arguments.of(
            "no provider block",
            f().remove("cluster.spec.cloud.gcp"),
            "spec.cloud",
            "FieldValueRequired",
            "exactly one provider block is required"),
        Arguments.of(
            "two provider blocks",
            f().set("cluster.spec.cloud.aws", Map.of()),
            "spec.cloud",
            "FieldValueForbidden",
            "exactly one provider block is allowed, found [aws, gcp]"),
        Arguments.of(
            "unknown providerName",
            f().set("cluster.spec.cloud.providerName", "gce"),
            "spec.cloud.providerName",
            "FieldValueInvalid",
            "supported values: [aws, azure"),
        Arguments.of(
            "providerName of another block",
            f().set("cluster.spec.cloud.providerName", "aws"),
            "spec.cloud.providerName",
            "FieldValueInvalid",
            "must match the provider block spec.cloud.gcp"),
        Arguments.of(
            "no dc",
            f().remove("cluster.spec.cloud.dc"),
            "spec.cloud.dc",
            "FieldValueRequired",
            "the name of a Datacenter is required"),
        Arguments.of(
            "blank dc",
            f().set("cluster.spec.cloud.dc", "  "),
            "spec.cloud.dc",
            "FieldValueRequired",
            "the name of a Datacenter is required"),
        Arguments.of(
            "not a CIDR",
            f().set(net + "pods.cidrBlocks[1]", "fd01::"),
            "spec.clusterNetwork.pods.cidrBlocks[1]",
            "FieldValueInvalid",
            "must be a CIDR (address/prefix length)"),
        Arguments.of(
            "zone",
            f().set(net + "services.cidrBlocks[1]", "fe80::%eth0/108"),
            "spec.clusterNetwork.services.cidrBlocks[1]",
            "FieldValueInvalid",
            "zone ids are not allowed in a CIDR"),
        Arguments.of(
            "IPv4-mapped",
            f().set(net + "pods.cidrBlocks[1]", "::ffff:10.0.0.0/104"),
            "spec.clusterNetwork.pods.cidrBlocks[1]",
            "FieldValueInvalid",
            "IPv4-mapped IPv6 blocks are not allowed"),
        Arguments.of(
            "leading zeros",
            f().set(net + "pods.cidrBlocks[0]", "172.025.0.0/16"),
            "spec.clusterNetwork.pods.cidrBlocks[0]",
            "FieldValueInvalid",
            "must be a CIDR: an IPv4 address without leading zeros"),
        Arguments.of(
            "IPv6 first",
            f().set(net + "pods.cidrBlocks", List.of("fd01::/48")),
            "spec.clusterNetwork.pods.cidrBlocks",
            "FieldValueInvalid",
            "the first block must be IPv4 (IPv4 is the only primary family), not fd01::/48"),
        Arguments.of(
            "IPv4 second",
            f().set(net + "services.cidrBlocks[1]", "10.96.0.0/16"),
            "spec.clusterNetwork.services.cidrBlocks",
            "FieldValueInvalid",
            "the second block must be IPv6, not 10.96.0.0/16"),
        Arguments.of(
            "services shorter than pods",
            f().set(net + "services.cidrBlocks", List.of("10.240.16.0/20")),
            "spec.clusterNetwork.services.cidrBlocks",
            "FieldValueInvalid",
            "must hold as many blocks as spec.clusterNetwork.pods.cidrBlocks (2)"),
        Arguments.of(
            "nodePortRange low > high",
            f().set("cluster.spec.componentsOverride.apiserver.nodePortRange", "32767-30000"),
            "spec.componentsOverride.apiserver.nodePortRange",
            "FieldValueInvalid",
            "ports must lie within 1-65535 with low <= high"),
        Arguments.of(
            "nodePortRange beyond 65535",
            f().set("cluster.spec.componentsOverride.apiserver.nodePortRange", "30000-70000"),
            "spec.componentsOverride.apiserver.nodePortRange",
            "FieldValueInvalid",
            "ports must lie within 1-65535 with low <= high"));
  }

  /** A valid explicit dual-stack GCP cluster with both pod and service CIDR pairs. */
  private static Fixture f() {
    return Fixture.load("gcp-dualstack")
        .set("cluster.spec.clusterNetwork.pods.cidrBlocks", List.of("172.25.0.0/16", "fd01::/48"))
        .set(
            "cluster.spec.clusterNetwork.services.cidrBlocks",
            List.of("10.240.16.0/20", "fd02::/108"));
  }

  @Test
  void theBaseFixtureSatisfiesTheRulesAndThePipeline() {
    assertThat(cluster(f().spec())).isEmpty();
    assertThat(f().evaluate().errors()).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badInputs")
  void eachRuleRefusesItsBadInputAndSoDoesThePipeline(
      String name, Fixture bad, String field, String reason, String message) {
    List<Violation> violations = cluster(bad.spec());
    assertThat(violations)
        .as(name)
        .anySatisfy(
            v -> {
              assertThat(v.field()).isEqualTo(field);
              assertThat(v.reason()).isEqualTo(reason);
              assertThat(v.message()).contains(message);
            });
    PipelineResult r = bad.evaluate();
    for (Violation v : violations) {
      assertThat(r.errors()).as(name + ": the pipeline refuses " + v).anyMatch(e -> at(e, v));
    }
  }

  /** A pipeline error at the violation's field or an element or child of it. */
  static boolean at(FieldError e, Violation v) {
    return e.field().equals(v.field())
        || e.field().startsWith(v.field() + "[")
        || e.field().startsWith(v.field() + ".");
  }

  @Test
  void whatTheRulesRefuseThePipelineRefusesOnTheFuzzCorpus() {
    DatacenterStatusFactory dcs = new DatacenterStatusFactory(Fixture.MATRIX, Fixture.CLOCK);
    int refusedByCel = 0;
    for (long seed = 1; seed <= 4; seed++) {
      SpecGenerator gen = new SpecGenerator(seed);
      for (int i = 0; i < 1500; i++) {
        SpecGenerator.Case c = gen.next();
        ClusterInput in = c.input();
        if (in.spec() != null) {
          List<Violation> violations = cluster(in.spec());
          if (!violations.isEmpty()) {
            refusedByCel++;
            PipelineResult r = Fixture.PIPELINE.evaluate(in, c.datacenter());
            for (Violation v : violations) {
              assertThat(r.errors())
                  .as("seed %d case %d: the pipeline refuses %s in %s", seed, i, v, in.spec())
                  .anyMatch(e -> at(e, v));
            }
          }
        }
        if (c.datacenter() != null && c.datacenter().spec() != null) {
          List<Violation> violations = datacenter(c.datacenter().spec());
          if (!violations.isEmpty()) {
            var status = dcs.build(null, c.datacenter().spec(), 1L);
            assertThat(status.errors())
                .as("seed %d case %d: the Datacenter status refuses %s", seed, i, violations)
                .isNotEmpty();
          }
        }
      }
    }
    assertThat(refusedByCel).as("the corpus exercises the rules").isGreaterThan(100);
  }
}
