package dev.dualstack.operator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The CEL rules of a CRD ({@code x-kubernetes-validations}) are evaluated generically, with the
 * Kubernetes IP/CIDR functions, reasons, field paths and messages as the API server reports them.
 * The schema here has the shape of the generated Cluster CRD with rules like the admission issue's.
 */
class CrdSchemaCelTest {
  static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  static final String SCHEMA =
      """
      type: object
      properties:
        spec:
          type: object
          x-kubernetes-validations:
          - rule: has(self.cloud) && has(self.cloud.dc)
            message: spec.cloud.dc is required
            reason: FieldValueRequired
            fieldPath: .cloud.dc
          properties:
            cloud:
              type: object
              properties:
                dc: {type: string}
                aws: {type: object}
                gcp: {type: object}
              x-kubernetes-validations:
              - rule: "[has(self.aws), has(self.gcp)].filter(x, x).size() <= 1"
                message: at most one provider block
                reason: FieldValueForbidden
            clusterNetwork:
              type: object
              properties:
                pods:
                  type: object
                  properties:
                    cidrBlocks:
                      type: array
                      maxItems: 2
                      x-kubernetes-validations:
                      - rule: size(self) < 1 || cidr(self[0]).ip().family() == 4
                        message: the first block must be IPv4
                      - rule: size(self) < 2 || cidr(self[1]).ip().family() == 6
                        messageExpression: "'the second block must be IPv6, not ' + self[1]"
                      items:
                        type: string
                        x-kubernetes-validations:
                        - rule: isCIDR(self)
                          message: must be a CIDR
            componentsOverride:
              type: object
              properties:
                apiserver:
                  type: object
                  properties:
                    nodePortRange: {type: string}
                  x-kubernetes-validations:
                  - rule: "!has(self.nodePortRange) || int(self.nodePortRange.split('-')[0]) <= int(self.nodePortRange.split('-')[1])"
                    message: low must not exceed high
                    fieldPath: .nodePortRange
                  - rule: self.unknownFunction()
      """;

  static CrdSchema.Outcome validate(String spec) throws IOException {
    JsonNode schema = YAML.readTree(SCHEMA);
    JsonNode doc = YAML.readTree("apiVersion: dualstack.dev/v1\nkind: Cluster\nspec:\n" + spec);
    return CrdSchema.of("Cluster", schema).validate(doc, true);
  }

  @Test
  void aValidObjectPassesEveryRule() throws IOException {
    CrdSchema.Outcome o =
        validate(
            "  cloud: {dc: fra, aws: {}}\n"
                + "  clusterNetwork: {pods: {cidrBlocks: [10.0.0.1/8, 'fd01::/48']}}\n"
                + "  componentsOverride: {apiserver: {nodePortRange: 30000-32767}}\n");

    assertThat(o.errors()).isEmpty();
  }

  @Test
  void failedRulesAreReportedWithReasonFieldPathAndMessage() throws IOException {
    CrdSchema.Outcome o =
        validate(
            "  cloud: {aws: {}, gcp: {}}\n"
                + "  clusterNetwork: {pods: {cidrBlocks: ['fd01::/48', 10.0.0.0/8]}}\n"
                + "  componentsOverride: {apiserver: {nodePortRange: 32767-30000}}\n");

    assertThat(o.errors())
        .extracting(Finding::toString)
        .containsExactlyInAnyOrder(
            "spec.cloud: Forbidden: at most one provider block",
            "spec.clusterNetwork.pods.cidrBlocks: Invalid value: \"array\": the first block must"
                + " be IPv4",
            "spec.clusterNetwork.pods.cidrBlocks: Invalid value: \"array\": the second block must"
                + " be IPv6, not 10.0.0.0/8",
            "spec.componentsOverride.apiserver.nodePortRange: Invalid value: \"object\": low must"
                + " not exceed high",
            "spec.cloud.dc: Required value: spec.cloud.dc is required");
    assertThat(o.errors()).extracting(Finding::rule).containsOnly(Finding.CEL);
  }

  @ParameterizedTest(name = "isCIDR({0}) = {1}")
  @CsvSource({
    "10.0.0.0/8, true",
    "10.0.0.1/8, true",
    "fd01::/48, true",
    "010.0.0.0/8, false",
    "10.0.0.0/08, false",
    "'::ffff:10.0.0.0/104', false",
    "'fe80::1%eth0/64', false",
    "10.0.0.0, false",
    "10.0.0.0/33, false"
  })
  void isCidrHasNetipSemantics(String cidr, boolean valid) throws IOException {
    CrdSchema.Outcome o =
        validate("  cloud: {dc: fra}\n  clusterNetwork: {pods: {cidrBlocks: ['" + cidr + "']}}\n");

    assertThat(o.errors())
        .filteredOn(e -> e.message().equals("must be a CIDR"))
        .extracting(Finding::field)
        .isEqualTo(
            valid
                ? java.util.List.of()
                : java.util.List.of("spec.clusterNetwork.pods.cidrBlocks[0]"));
  }

  @Test
  void aRuleThatDoesNotCompileIsNotedOnceNotFailed() throws IOException {
    JsonNode schema = YAML.readTree(SCHEMA);
    CrdSchema s = CrdSchema.of("Cluster", schema);
    JsonNode doc =
        YAML.readTree(
            "spec: {cloud: {dc: fra}, componentsOverride: {apiserver: {nodePortRange: 1-2}}}");

    s.validate(doc, true);
    s.validate(doc, true);

    assertThat(s.celProblems())
        .singleElement()
        .asString()
        .contains("self.unknownFunction()")
        .contains("spec.componentsOverride.apiserver");
  }

  @Test
  void structuralErrorsComeFirstAndRulesOfABrokenSubtreeAreNotEvaluated() throws IOException {
    CrdSchema.Outcome o =
        validate("  cloud: {dc: fra}\n  clusterNetwork: {pods: {cidrBlocks: [a, b, c]}}\n");

    assertThat(o.errors())
        .extracting(Finding::toString)
        .contains("spec.clusterNetwork.pods.cidrBlocks: Too many: 3: must have at most 2 items")
        .noneMatch(e -> e.contains("first block"));
  }
}
