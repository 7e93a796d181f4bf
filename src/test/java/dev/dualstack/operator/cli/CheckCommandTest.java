package dev.dualstack.operator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.dualstack.operator.Main;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code check} end to end through {@link Main#execute}: output formats and exit codes. */
class CheckCommandTest {
  static final Path DIR = Path.of("src/test/resources/check");
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;

  /** Exit code, stdout and stderr of one run. */
  record Run(int exit, String out, String err) {
    JsonNode json() throws IOException {
      return JSON.readTree(out);
    }
  }

  static Run check(String... args) {
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    List<String> all = new ArrayList<>(List.of("check"));
    for (String a : args) {
      all.add(Files.exists(DIR.resolve(a)) ? DIR.resolve(a).toString() : a);
    }
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      int exit = Main.execute(all.toArray(String[]::new));
      return new Run(
          exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
  }

  @Test
  void validClusterExitsZeroWithTheJsonContract() throws IOException {
    Run r = check("-o", "json", "datacenter-openstack.yaml", "cluster-dualstack.yaml");

    assertThat(r.exit()).as(r.err()).isZero();
    JsonNode root = r.json();
    assertThat(fieldNames(root)).containsExactly("results", "notes");
    JsonNode result = root.get("results").get(0);
    assertThat(fieldNames(result))
        .containsExactly("name", "valid", "phase", "errors", "warnings", "status");
    assertThat(result.get("name").asText()).isEqualTo("prod-eu");
    assertThat(result.get("valid").isBoolean()).isTrue();
    assertThat(result.get("valid").asBoolean()).isTrue();
    assertThat(result.get("phase").asText()).isEqualTo("Ready");
    assertThat(result.get("errors").isArray()).isTrue();
    assertThat(result.get("warnings").isArray()).isTrue();
    JsonNode status = result.get("status");
    assertThat(status.get("phase").asText()).isEqualTo("Ready");
    assertThat(status.get("observedGeneration").asLong()).isEqualTo(1);
    assertThat(status.at("/network/pods").toString()).contains("172.25.0.0/16", "fd01::/48");
    assertThat(status.get("conditions").findValuesAsText("type")).contains("Ready");
  }

  @Test
  void invalidClusterExitsOneWithErrorsInTheContractShape() throws IOException {
    Run r = check("-o", "json", "datacenter-openstack.yaml", "invalid-two-providers.yaml");

    assertThat(r.exit()).as(r.err()).isEqualTo(1);
    JsonNode result = r.json().get("results").get(0);
    assertThat(result.get("valid").asBoolean()).isFalse();
    assertThat(result.get("phase").asText()).isEqualTo("Invalid");
    JsonNode error = result.get("errors").get(0);
    assertThat(fieldNames(error)).containsExactly("field", "type", "value", "message", "rule");
    assertThat(error.get("field").asText()).isEqualTo("spec.cloud");
    assertThat(error.get("type").asText()).isEqualTo("Forbidden");
    assertThat(error.get("value").isNull()).isTrue();
    assertThat(error.get("rule").asText())
        .as("the CRD's CEL rule; the pipeline's PRV-001 says the same and is not repeated")
        .isEqualTo("CRD-CEL");
    assertThat(result.get("status").isNull())
        .as("the CRD's CEL rule refuses two provider blocks: the operator writes no status")
        .isTrue();
    for (JsonNode w : result.get("warnings")) {
      assertThat(fieldNames(w)).containsExactly("code", "message", "rule");
    }
  }

  @Test
  void missingDatacenterIsPendingWithNotFoundAndExitsOne() throws IOException {
    Run r = check("-o", "json", "cluster-pending.yaml");

    assertThat(r.exit()).isEqualTo(1);
    JsonNode result = r.json().get("results").get(0);
    assertThat(result.get("phase").asText()).isEqualTo("Pending");
    assertThat(result.get("valid").asBoolean()).isFalse();
    assertThat(result.get("errors"))
        .anySatisfy(
            e -> {
              assertThat(e.get("field").asText()).isEqualTo("spec.cloud.dc");
              assertThat(e.get("type").asText()).isEqualTo("NotFound");
              assertThat(e.get("value").asText()).isEqualTo("nowhere");
            });
  }

  @Test
  void oneInvalidAmongValidOnesExitsOne() {
    Run r =
        check(
            "-o",
            "json",
            "datacenter-openstack.yaml",
            "cluster-dualstack.yaml",
            "cluster-pending.yaml");

    assertThat(r.exit()).isEqualTo(1);
  }

  @Test
  void yamlOutputIsTheSameTree() throws IOException {
    Run json = check("-o", "json", "datacenter-openstack.yaml", "invalid-two-providers.yaml");
    Run yaml = check("-o", "yaml", "datacenter-openstack.yaml", "invalid-two-providers.yaml");

    assertThat(yaml.exit()).isEqualTo(json.exit());
    JsonNode fromYaml = new ObjectMapper(new YAMLFactory()).readTree(yaml.out());
    assertThat(withoutTimes(fromYaml)).isEqualTo(withoutTimes(json.json()));
  }

  @Test
  void textReportShowsVerdictErrorsAndEffectiveNetwork() {
    Run ok = check("datacenter-openstack.yaml", "cluster-dualstack.yaml");
    Run bad = check("cluster-pending.yaml");

    assertThat(ok.exit()).isZero();
    assertThat(ok.out())
        .contains("✓ prod-eu  Ready")
        .containsPattern("ipFamily +IPv4\\+IPv6")
        .containsPattern("pods +172\\.25\\.0\\.0/16, fd01::/48")
        .containsPattern("services +10\\.240\\.16\\.0/20, fd02::/108")
        .containsPattern("proxy +\\S+")
        .containsPattern("cni +cilium \\S+")
        .endsWith("1 cluster: 1 valid, 0 not valid\n");
    assertThat(bad.out())
        .contains("✗ orphan  Pending")
        .contains("spec.cloud.dc: Not found: \"nowhere\": ");
  }

  @Test
  void directoryReadsOnlyYamlFilesDirectlyInIt() throws IOException {
    Run r = check("-o", "json", "dir");

    assertThat(r.exit())
        .as("dir/sub/broken.yaml and dir/notes.txt are not read: " + r.err())
        .isZero();
    assertThat(r.json().get("results")).hasSize(1);
  }

  @Test
  void multiDocumentFileWithUnknownKindsNotesThemOnStderr() throws IOException {
    Run r = check("-o", "json", "multi.yaml");

    assertThat(r.exit()).isZero();
    assertThat(r.json().get("results"))
        .singleElement()
        .satisfies(c -> assertThat(c.get("name").asText()).isEqualTo("aws-small"));
    assertThat(r.err())
        .contains("note: " + DIR.resolve("multi.yaml") + ":8: skipped v1 ConfigMap unrelated")
        .contains("dualstack.dev/v2 Cluster future");
  }

  @Test
  void malformedYamlExitsTwoNamingFileAndLine() {
    Run r = check("-o", "json", "malformed.yaml", "cluster-dualstack.yaml");

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).contains("error: " + DIR.resolve("malformed.yaml") + ":7:");
  }

  @Test
  void documentThatDoesNotMapExitsTwoWithFieldPath() {
    Run r = check("bad-type.yaml");

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err())
        .contains(
            DIR.resolve("bad-type.yaml")
                + ":10:27: Cluster typo: spec.clusterNetwork.nodeCidrMaskSizeIPv4: Invalid value:"
                + " \"abc\"")
        .contains(":21:27: Cluster huge: spec.clusterNetwork.nodeCidrMaskSizeIPv6: Invalid value:");
  }

  @Test
  void billionLaughsExitsTwo() {
    Run r = check("billion-laughs.yaml", "alias-doubling.yaml");

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err())
        .contains(DIR.resolve("billion-laughs.yaml") + ":")
        .contains("aliases")
        .contains("nodes after expanding aliases");
  }

  @Test
  void nulAndNonUtf8BytesExitTwo() {
    Run nul = check("nul.yaml");
    Run latin1 = check("latin1.yaml");

    assertThat(nul.exit()).isEqualTo(2);
    assertThat(nul.err()).contains(DIR.resolve("nul.yaml") + ":3:").contains("NUL");
    assertThat(latin1.exit()).isEqualTo(2);
    assertThat(latin1.err()).contains(DIR.resolve("latin1.yaml") + ":3:").contains("UTF-8");
  }

  @Test
  void missingPathExitsTwo() {
    Run r = check(tmp.resolve("absent.yaml").toString());

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("absent.yaml").contains("no such file");
  }

  @Test
  void noClusterExitsTwoSayingSo() {
    Run r = check("-o", "json", "datacenter-openstack.yaml");

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.err())
        .isEqualTo(
            "check: no Cluster found in "
                + DIR.resolve("datacenter-openstack.yaml")
                + "; nothing was checked\n");
  }

  @Test
  void clusterWithStatusIsCheckedAsAnUpdate() throws IOException {
    Run r = check("-o", "json", "cluster-with-status.yaml");

    assertThat(r.exit()).isEqualTo(1);
    JsonNode status = r.json().at("/results/0/status");
    assertThat(status.get("observedGeneration").asLong()).isEqualTo(4);
    assertThat(status.get("acceptedGeneration").asLong()).as("the last accepted").isEqualTo(3);
    assertThat(status.get("datacenter").asText()).isEqualTo("openstack-fra");
    assertThat(status.at("/network/proxyMode").asText()).isEqualTo("ipvs");
    assertThat(status.at("/conditions").findValuesAsText("message"))
        .anySatisfy(m -> assertThat(m).contains("generation 3) stays in effect"));
  }

  @Test
  void capabilitiesFileReplacesTheBuiltinMatrix() throws IOException {
    Path caps = tmp.resolve("caps.yaml");
    try (InputStream in = getClass().getClassLoader().getResourceAsStream("capabilities.yaml")) {
      Files.write(caps, in.readAllBytes());
    }
    Run ok =
        check(
            "-o",
            "json",
            "--capabilities",
            caps.toString(),
            "datacenter-openstack.yaml",
            "cluster-dualstack.yaml");
    assertThat(ok.exit()).as(ok.err()).isZero();

    Files.writeString(caps, "defaultCni: cilium\nproviders:\n  aws:\n    dualStack: sometimes\n");
    Run bad = check("--capabilities", caps.toString(), "cluster-dualstack.yaml");
    assertThat(bad.exit()).isEqualTo(2);
    assertThat(bad.err()).contains(caps + ":4:").contains("providers.aws.dualStack");
  }

  @Test
  void unknownOutputFormatIsAUsageError() {
    Run r = check("-o", "xml", "cluster-dualstack.yaml");

    assertThat(r.exit()).isEqualTo(64);
    assertThat(r.err())
        .isEqualTo(
            "dualstack-operator check: Invalid value for option '--output': expected one of"
                + " [json, yaml, text] (case-sensitive) but was 'xml'"
                + " (see 'dualstack-operator check --help')\n");
  }

  static List<String> fieldNames(JsonNode node) {
    return StreamSupport.stream(((Iterable<String>) node::fieldNames).spliterator(), false)
        .toList();
  }

  static JsonNode withoutTimes(JsonNode node) {
    JsonNode copy = node.deepCopy();
    copy.findParents("lastTransitionTime")
        .forEach(
            p -> ((com.fasterxml.jackson.databind.node.ObjectNode) p).remove("lastTransitionTime"));
    return copy;
  }
}
