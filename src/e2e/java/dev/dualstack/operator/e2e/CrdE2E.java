package dev.dualstack.operator.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The CRDs against a real kube-apiserver, through kubectl as a user would drive it: they install,
 * every example applies, the server refuses each structural violation with the message a user
 * sees, {@code kubectl explain} prints our descriptions and {@code kubectl get} our columns in the
 * declared order. No operator runs here.
 */
@Tag("e2e")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CrdE2E {
  private static ControlPlane cp;

  @BeforeAll
  static void start() {
    cp = ControlPlane.start(CrdE2E.class);
  }

  @AfterAll
  static void stop() {
    if (cp != null) {
      cp.close();
    }
  }

  @Test
  @Order(1)
  void kubectlApplyInstallsTheCrds() {
    ControlPlane.Result r = cp.kubectl().run("apply", "-f", "crds/");
    assertThat(r.exitCode()).as(r.both()).isZero();
    assertThat(r.out())
        .contains("customresourcedefinition.apiextensions.k8s.io/clusters.dualstack.dev created")
        .contains("customresourcedefinition.apiextensions.k8s.io/datacenters.dualstack.dev created");
    cp.awaitEstablished("clusters.dualstack.dev");
    cp.awaitEstablished("datacenters.dualstack.dev");
  }

  @Test
  @Order(2)
  void everyExampleApplies() {
    for (Path file : Examples.files(Examples.DIR)) {
      ControlPlane.Result r = cp.kubectl().run("apply", "--validate=strict", "-f", file.toString());
      assertThat(r.exitCode()).as("kubectl apply -f %s: %s", file, r.both()).isZero();
      assertThat(r.err()).as("kubectl apply -f %s warnings", file).doesNotContain("unknown field");
    }
    ControlPlane.Result get = cp.kubectl().run("get", "clusters.dualstack.dev", "-o", "name");
    List<String> expected =
        Examples.ofKind(Examples.documents(Examples.files(Examples.DIR)), "Cluster").stream()
            .map(d -> "cluster.dualstack.dev/" + Examples.name(d))
            .sorted()
            .toList();
    assertThat(get.out().lines().sorted().toList()).isEqualTo(expected);
  }

  @Test
  @Order(3)
  void kubectlGetPrintsTheColumnsInTheDeclaredOrder() {
    ControlPlane.Result r = cp.kubectl().run("get", "clusters.dualstack.dev");
    assertThat(r.exitCode()).as(r.both()).isZero();
    String header = r.out().lines().findFirst().orElseThrow();
    assertThat(header.trim().split("\\s+"))
        .containsExactly("NAME", "PROVIDER", "DC", "IPFAMILY", "PODS", "SERVICES", "PHASE", "AGE");

    ControlPlane.Result dcs = cp.kubectl().run("get", "dsdc");
    assertThat(dcs.exitCode()).as(dcs.both()).isZero();
    assertThat(dcs.out().lines().findFirst().orElseThrow()).startsWith("NAME");
  }

  @Test
  @Order(4)
  void kubectlExplainPrintsOurDescriptions() {
    ControlPlane.Result r =
        cp.kubectl().run("explain", "clusters.dualstack.dev.spec.clusterNetwork");
    assertThat(r.exitCode()).as(r.both()).isZero();
    assertThat(r.out())
        .contains("GROUP:      dualstack.dev")
        .contains("FIELD: clusterNetwork")
        .contains("pods")
        .contains("services")
        .contains("ipFamily")
        .contains("proxyMode");
    // every field of clusterNetwork has a description (kubectl prints <no description> otherwise)
    assertThat(r.out()).doesNotContain("<no description>");
  }

  /** Structural violations: path (kubectl/API server spelling), value, expected message. */
  static Stream<Arguments> violations() {
    return Stream.of(
        Arguments.of(
            "/spec/clusterNetwork/pods/cidrBlocks",
            "[\"10.0.0.0/16\", \"fd01::/48\", \"10.1.0.0/16\"]",
            "spec.clusterNetwork.pods.cidrBlocks: Too many: 3: must have at most 2 items"),
        Arguments.of(
            "/spec/clusterNetwork/proxyMode",
            "\"userspace\"",
            "spec.clusterNetwork.proxyMode: Unsupported value: \"userspace\": supported values:"),
        Arguments.of(
            "/spec/clusterNetwork/ipFamily",
            "\"IPv6\"",
            "spec.clusterNetwork.ipFamily: Unsupported value: \"IPv6\": supported values:"),
        Arguments.of(
            "/spec/exposeStrategy",
            "\"Ingress\"",
            "spec.exposeStrategy: Unsupported value: \"Ingress\": supported values:"),
        Arguments.of(
            "/spec/cniPlugin/type",
            "\"flannel\"",
            "spec.cniPlugin.type: Unsupported value: \"flannel\": supported values:"),
        Arguments.of(
            "/spec/operatingSystems",
            "[\"windows\"]",
            "spec.operatingSystems[0]: Unsupported value: \"windows\": supported values:"),
        Arguments.of(
            "/spec/clusterNetwork/nodeCidrMaskSizeIPv4",
            "200",
            "spec.clusterNetwork.nodeCidrMaskSizeIPv4: Invalid value: 200: spec.clusterNetwork.nodeCidrMaskSizeIPv4 in body should be less than or equal to"),
        Arguments.of(
            "/spec/clusterNetwork/nodeCidrMaskSizeIPv6",
            "0",
            "spec.clusterNetwork.nodeCidrMaskSizeIPv6: Invalid value: 0: spec.clusterNetwork.nodeCidrMaskSizeIPv6 in body should be greater than or equal to"),
        Arguments.of(
            "/spec/componentsOverride/apiserver/nodePortRange",
            "\"30000:32767\"",
            "spec.componentsOverride.apiserver.nodePortRange: Invalid value: \"30000:32767\": spec.componentsOverride.apiserver.nodePortRange in body should match"),
        Arguments.of(
            "/spec/version",
            "1.30",
            "spec.version: Invalid value: \"number\": spec.version in body must be of type string"));
  }

  @ParameterizedTest(name = "{0} = {1}")
  @MethodSource("violations")
  @Order(5)
  void theServerRefusesStructuralViolations(String pointer, String valueJson, String message)
      throws Exception {
    ObjectNode cluster = validCluster("violation-" + Math.abs(pointer.hashCode()));
    set(cluster, pointer, Examples.YAML.readTree(valueJson));
    ControlPlane.Result r =
        cp.kubectl().runWithInput(Examples.YAML.writeValueAsString(cluster), "create", "-f", "-");
    assertThat(r.exitCode()).as(r.both()).isNotZero();
    assertThat(r.err()).contains("is invalid").contains(message);
    ControlPlane.Result get =
        cp.kubectl().run("get", "clusters.dualstack.dev", Examples.name(cluster), "--ignore-not-found");
    assertThat(get.out()).as("nothing stored").isBlank();
  }

  @Test
  @Order(6)
  void unknownFieldsAreRefusedByKubectlsStrictValidation() throws Exception {
    ObjectNode cluster = validCluster("typo");
    ((ObjectNode) cluster.path("spec").path("clusterNetwork")).put("proxyMod", "iptables");
    ControlPlane.Result r =
        cp.kubectl()
            .runWithInput(
                Examples.YAML.writeValueAsString(cluster),
                "create",
                "--validate=strict",
                "-f",
                "-");
    assertThat(r.exitCode()).as(r.both()).isNotZero();
    assertThat(r.err()).contains("unknown field \"spec.clusterNetwork.proxyMod\"");
  }

  @Test
  @Order(7)
  void aClusterNameTheServerRefusesIsNeverStored() throws Exception {
    ObjectNode cluster = validCluster("Prod_EU");
    ControlPlane.Result r =
        cp.kubectl().runWithInput(Examples.YAML.writeValueAsString(cluster), "create", "-f", "-");
    assertThat(r.exitCode()).as(r.both()).isNotZero();
    assertThat(r.err()).contains("metadata.name: Invalid value: \"Prod_EU\"");
  }

  private static ObjectNode validCluster(String name) throws Exception {
    JsonNode doc =
        Examples.YAML.readTree(
            """
            apiVersion: dualstack.dev/v1
            kind: Cluster
            metadata: {name: %s}
            spec:
              version: "1.31.4"
              cloud: {dc: aws-eu-central-1, aws: {}}
              clusterNetwork:
                pods: {cidrBlocks: [172.25.0.0/16, "fd01::/48"]}
                services: {cidrBlocks: [10.240.16.0/20, "fd02::/108"]}
            """
                .formatted(name));
    return (ObjectNode) doc;
  }

  private static void set(ObjectNode root, String pointer, JsonNode value) {
    String[] parts = pointer.substring(1).split("/");
    ObjectNode node = root;
    for (int i = 0; i < parts.length - 1; i++) {
      node = node.has(parts[i]) ? (ObjectNode) node.get(parts[i]) : node.putObject(parts[i]);
    }
    node.set(parts[parts.length - 1], value);
  }
}
