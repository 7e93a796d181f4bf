package dev.dualstack.operator.crd;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dualstack.operator.cli.ManifestReader;
import dev.dualstack.operator.crd.Crds.Doc;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Manifests against the generated CRD schemas: every example (also examples/invalid/, which is
 * semantically but not structurally invalid) and our fixtures are schema-valid, and the structural
 * limits that live only in the CRD (enums, maxItems, bounds, patterns, types) are enforced.
 */
class CrdSchemaTest {
  static final Path EXAMPLES = Path.of("examples");

  /** Schema-valid fixtures of this project, also the ones that are semantically invalid. */
  static final List<Path> FIXTURES =
      List.of(
          Path.of("src/test/resources/crd/valid"),
          Path.of("src/test/resources/check/datacenter-openstack.yaml"),
          Path.of("src/test/resources/check/cluster-dualstack.yaml"),
          Path.of("src/test/resources/check/multi.yaml"),
          Path.of("src/test/resources/check/invalid-two-providers.yaml"),
          Path.of("src/test/resources/check/cluster-pending.yaml"),
          Path.of("src/test/resources/check/cluster-with-status.yaml"));

  static List<Doc> manifests() throws IOException {
    List<Doc> docs = new ArrayList<>(Crds.documents(EXAMPLES));
    for (Path f : FIXTURES) {
      docs.addAll(Crds.documents(f));
    }
    return docs.stream().filter(Doc::ours).toList();
  }

  @Test
  void everyExampleAndFixtureIsSchemaValid() throws IOException {
    List<Doc> docs = manifests();

    assertThat(docs).extracting(Doc::kind).contains("Cluster", "Datacenter");
    assertThat(docs).as("fixtures and examples/ (when present)").hasSizeGreaterThanOrEqualTo(14);
    for (Doc d : docs) {
      assertThat(Crds.violations(d.kind(), d.tree())).as(d.toString()).isEmpty();
    }
  }

  @Test
  void examplesIncludingInvalidOnesAreReadableByCheck() throws IOException {
    if (!Files.isDirectory(EXAMPLES)) {
      assertThat(Crds.documents(EXAMPLES)).isEmpty();
      return;
    }
    List<Path> dirs;
    try (Stream<Path> walk = Files.walk(EXAMPLES)) {
      dirs = walk.filter(Files::isDirectory).toList();
    }
    assertThat(ManifestReader.read(dirs).problems()).isEmpty();
  }

  static Stream<Arguments> violations() {
    return Stream.of(
        // kind, pointer, value (YAML), expected instance location, keyword
        Arguments.of(
            "Cluster",
            "/spec/clusterNetwork/pods/cidrBlocks",
            "[10.0.0.0/16, 'fd01::/48', 10.1.0.0/16]",
            "/spec/clusterNetwork/pods/cidrBlocks",
            "maxItems"),
        Arguments.of(
            "Cluster",
            "/spec/clusterNetwork/proxyMode",
            "userspace",
            "/spec/clusterNetwork/proxyMode",
            "enum"),
        Arguments.of(
            "Cluster",
            "/spec/clusterNetwork/ipFamily",
            "IPv6",
            "/spec/clusterNetwork/ipFamily",
            "enum"),
        Arguments.of("Cluster", "/spec/exposeStrategy", "Ingress", "/spec/exposeStrategy", "enum"),
        Arguments.of("Cluster", "/spec/cniPlugin/type", "flannel", "/spec/cniPlugin/type", "enum"),
        Arguments.of(
            "Cluster", "/spec/operatingSystems", "[windows]", "/spec/operatingSystems/0", "enum"),
        Arguments.of(
            "Cluster",
            "/spec/clusterNetwork/nodeCidrMaskSizeIPv4",
            "200",
            "/spec/clusterNetwork/nodeCidrMaskSizeIPv4",
            "maximum"),
        Arguments.of(
            "Cluster",
            "/spec/clusterNetwork/nodeCidrMaskSizeIPv6",
            "0",
            "/spec/clusterNetwork/nodeCidrMaskSizeIPv6",
            "minimum"),
        Arguments.of(
            "Cluster",
            "/spec/componentsOverride/apiserver/nodePortRange",
            "'30000:32767'",
            "/spec/componentsOverride/apiserver/nodePortRange",
            "pattern"),
        Arguments.of("Cluster", "/spec/version", "1.30", "/spec/version", "type"),
        Arguments.of(
            "Cluster",
            "/spec/clusterNetwork/podz",
            "{cidrBlocks: [10.0.0.0/16]}",
            "/spec/clusterNetwork",
            "additionalProperties"),
        Arguments.of(
            "Cluster",
            "/spec/cloud/dc",
            "'" + "x".repeat(254) + "'",
            "/spec/cloud/dc",
            "maxLength"),
        Arguments.of(
            "Datacenter",
            "/spec/reservedNetworks/cidrBlocks",
            "[" + "10.0.0.0/8, ".repeat(64) + "10.0.0.0/8]",
            "/spec/reservedNetworks/cidrBlocks",
            "maxItems"),
        Arguments.of(
            "Datacenter",
            "/spec/openstack/ipv6Enabled",
            "'yes'",
            "/spec/openstack/ipv6Enabled",
            "type"));
  }

  @ParameterizedTest(name = "{0} {1} = {2} → {4}")
  @MethodSource
  void violations(String kind, String pointer, String yaml, String location, String keyword)
      throws IOException {
    JsonNode doc = golden(kind);
    assertThat(Crds.violations(kind, doc)).as("golden %s", kind).isEmpty();

    set(doc, pointer, Crds.YAML.readTree(yaml));

    assertThat(Crds.violations(kind, doc))
        .anySatisfy(v -> assertThat(v).startsWith(location + " " + keyword + ":"));
  }

  /** The golden fixture of a kind: the first document of that kind in crd/valid. */
  static JsonNode golden(String kind) throws IOException {
    return Crds.documents(Path.of("src/test/resources/crd/valid")).stream()
        .filter(d -> d.kind().equals(kind))
        .findFirst()
        .orElseThrow()
        .tree()
        .deepCopy();
  }

  static void set(JsonNode doc, String pointer, JsonNode value) {
    JsonPointer p = JsonPointer.compile(pointer);
    JsonNode parent = doc;
    for (JsonPointer head = p; head.tail() != null && !head.tail().matches(); head = head.tail()) {
      String name = head.getMatchingProperty();
      if (parent.get(name) == null) {
        ((ObjectNode) parent).putObject(name);
      }
      parent = parent.get(name);
    }
    String last = p.last().getMatchingProperty();
    if (parent instanceof ArrayNode a) {
      a.set(Integer.parseInt(last), value);
    } else {
      ((ObjectNode) parent).set(last, value);
    }
  }
}
