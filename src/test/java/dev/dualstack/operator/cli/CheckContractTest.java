package dev.dualstack.operator.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.dualstack.operator.cli.CheckCommandTest.Run;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The contract of {@code check} as a CI gate, one behaviour per test: exit code, the shape of
 * stdout (JSON), the line on stderr.
 */
class CheckContractTest {
  static final Path DIR = CheckCommandTest.DIR;
  static final Path DC = DIR.resolve("datacenter-openstack.yaml");
  static final Path KKP = DIR.resolve("kkp/seed-export.yaml");
  static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  @TempDir Path tmp;

  @AfterEach
  void restoreStdin() {
    Inputs.resetStdin();
  }

  private Path write(String name, String text) throws IOException {
    Path f = tmp.resolve(name);
    Files.writeString(f, text, StandardCharsets.UTF_8);
    return f;
  }

  static Run check(String... args) {
    return CheckCommandTest.check(args);
  }

  static String cluster(String name, String spec) {
    return "apiVersion: dualstack.dev/v1\nkind: Cluster\nmetadata: {name: "
        + name
        + "}\nspec:\n  version: \"1.31.4\"\n  cloud: {dc: openstack-fra, openstack: {network: n}}\n"
        + spec;
  }

  static List<String> names(JsonNode results) {
    List<String> out = new ArrayList<>();
    results.forEach(r -> out.add(r.get("name").asText()));
    return out;
  }

  static List<JsonNode> errors(JsonNode result) {
    List<JsonNode> out = new ArrayList<>();
    result.get("errors").forEach(out::add);
    return out;
  }

  @Test
  void typosAtThreeDepthsAreErrorsAtTheirPathWithAHint() throws IOException {
    Path f =
        write(
            "typos.yaml",
            cluster(
                "typos",
                "  versoin: \"1.31.4\"\n"
                    + "  clusterNetwork:\n"
                    + "    proxyMod: iptables\n"
                    + "    pods: {cidrBlock: [172.25.0.0/16]}\n"));

    Run r = check("-o", "json", DC.toString(), f.toString());

    assertThat(r.exit()).as(r.err()).isEqualTo(1);
    JsonNode result = r.json().at("/results/0");
    assertThat(result.get("valid").asBoolean()).isFalse();
    assertThat(result.get("phase").asText()).isEqualTo("Invalid");
    assertThat(result.get("status").isNull()).as("the API server would refuse it").isTrue();
    assertThat(errors(result))
        .filteredOn(e -> e.get("type").asText().equals("UnknownField"))
        .extracting(e -> e.get("field").asText() + " | " + e.get("message").asText())
        .containsExactly(
            "spec.versoin | did you mean version?",
            "spec.clusterNetwork.proxyMod | did you mean proxyMode?",
            "spec.clusterNetwork.pods.cidrBlock | did you mean cidrBlocks?");
    assertThat(r.err()).isEmpty();
  }

  @Test
  void anUnknownFieldWithoutANearNameHasNoHintAndListItemsHaveExactPaths() throws IOException {
    Path f =
        write(
            "byo.yaml",
            "apiVersion: dualstack.dev/v1\nkind: Cluster\nmetadata: {name: byo}\nspec:\n"
                + "  cloud:\n    dc: byo\n    bringyourown:\n      nodes:\n"
                + "      - {name: n1, ipv4: 192.168.1.10}\n"
                + "      - {name: n2, ipv4: 192.168.1.11, completelyDifferent: 1}\n");

    Run r = check("-o", "text", f.toString());

    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.out())
        .contains(
            "spec.cloud.bringyourown.nodes[1].completelyDifferent: Unknown field: field not"
                + " declared in the schema of Cluster");
  }

  @ParameterizedTest(name = "--unknown-fields={0}")
  @CsvSource({"warn, 1", "ignore, 0"})
  void unknownFieldsCanBeRelaxed(String mode, int warnings) throws IOException {
    Path f = write("typo.yaml", cluster("relaxed", "  clusterNetwork: {proxyMod: iptables}\n"));

    Run r = check("-o", "json", "--unknown-fields=" + mode, DC.toString(), f.toString());

    assertThat(r.exit()).as(r.out()).isZero();
    assertThat(r.json().at("/results/0/warnings").findValuesAsText("code"))
        .filteredOn("UnknownField"::equals)
        .hasSize(warnings);
  }

  @Test
  void enumsAndListLimitsAreWordedAsTheApiServerDoes() throws IOException {
    Path f =
        write(
            "enums.yaml",
            cluster(
                "enums",
                "  operatingSystems: [windows]\n"
                    + "  cniPlugin: {type: x}\n"
                    + "  clusterNetwork:\n"
                    + "    pods: {cidrBlocks: [10.0.0.0/16, 'fd01::/48', 10.1.0.0/16]}\n"
                    + "  componentsOverride: {apiserver: {nodePortRange: '30000:32767'}}\n"));

    Run r = check(DC.toString(), f.toString());

    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.out())
        .contains(
            "spec.operatingSystems[0]: Unsupported value: \"windows\": supported values:"
                + " \"flatcar\", \"rhel\", \"rockylinux\", \"ubuntu\"")
        .contains(
            "spec.cniPlugin.type: Unsupported value: \"x\": supported values: \"canal\","
                + " \"cilium\", \"none\"")
        .contains("spec.clusterNetwork.pods.cidrBlocks: Too many: 3: must have at most 2 items")
        .contains(
            "spec.componentsOverride.apiserver.nodePortRange: Invalid value: \"30000:32767\":"
                + " spec.componentsOverride.apiserver.nodePortRange in body should match"
                + " '^[0-9]{1,5}-[0-9]{1,5}$'");
  }

  @Test
  void theSameClusterTwiceIsADuplicateOnTheLaterOne() throws IOException {
    Path f = write("twice.yaml", cluster("twice", "") + "---\n" + cluster("twice", ""));

    Run r = check("-o", "json", DC.toString(), f.toString());

    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.json().at("/results/0/valid").asBoolean()).isTrue();
    JsonNode later = r.json().at("/results/1");
    assertThat(errors(later))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.get("field").asText()).isEqualTo("metadata.name");
              assertThat(e.get("type").asText()).isEqualTo("Duplicate");
              assertThat(e.get("value").asText()).isEqualTo("twice");
              assertThat(e.get("message").asText()).contains(f + ":1");
            });
  }

  @Test
  void aRefusedDatacenterIsAResultOfItsOwn() throws IOException {
    Path f =
        write(
            "dc.yaml",
            "apiVersion: dualstack.dev/v1\nkind: Datacenter\nmetadata: {name: openstack-fra}\n"
                + "spec: {country: "
                + "x".repeat(65)
                + ", openstack: {region: fra, ipv6Enabled: true}}\n");

    Run r = check("-o", "json", f.toString(), DIR.resolve("cluster-dualstack.yaml").toString());

    assertThat(r.exit()).isEqualTo(1);
    JsonNode dc = r.json().at("/results/0");
    assertThat(dc.get("kind").asText()).isEqualTo("Datacenter");
    assertThat(dc.get("valid").asBoolean()).isFalse();
    assertThat(errors(dc))
        .extracting(e -> e.get("field").asText() + " " + e.get("message").asText())
        .containsExactly("spec.country may not be more than 64 bytes");
    assertThat(r.json().at("/results/1").has("kind")).as("Clusters carry no kind").isFalse();
  }

  @Test
  void aKkpSeedExportIsCheckedWithDatacentersFromTheSeed() throws IOException {
    Run r = check("-o", "json", KKP.toString());

    assertThat(r.exit()).as(r.err()).isEqualTo(1);
    JsonNode results = r.json().get("results");
    assertThat(names(results)).containsExactly("x4k9mt2p7d", "q8w2n5v1lz", "m3c7r9t0bx");
    assertThat(results.get(0).get("valid").asBoolean()).as(results.get(0).toString()).isTrue();
    assertThat(results.get(0).at("/status/provider/name").asText()).isEqualTo("openstack");
    assertThat(results.get(0).at("/status/datacenter").asText()).isEqualTo("openstack-fra");
    assertThat(results.get(1).get("valid").asBoolean()).isTrue();
    assertThat(results.get(1).at("/status/provider/name").asText()).isEqualTo("aws");
    assertThat(errors(results.get(2)))
        .extracting(e -> e.get("field").asText())
        .containsExactly("spec.cniPlugin.version");
    assertThat(results.findValuesAsText("type")).doesNotContain("UnknownField");
    assertThat(r.json().get("notes")).isEmpty();
  }

  @Test
  void kkpJsonOnStandardInputGivesTheSameVerdicts() throws IOException {
    String json = new ObjectMapper().writeValueAsString(YAML.readTree(KKP.toFile()));
    Inputs.stdin(() -> new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));

    Run stdin = check("-o", "json", "-");
    Run file = check("-o", "json", KKP.toString());

    assertThat(stdin.exit()).isEqualTo(file.exit());
    assertThat(stdin.json().get("results").findValuesAsText("valid"))
        .isEqualTo(file.json().get("results").findValuesAsText("valid"));
    assertThat(names(stdin.json().get("results")))
        .containsExactly("x4k9mt2p7d", "q8w2n5v1lz", "m3c7r9t0bx");
  }

  @Test
  void noPathReadsStandardInputWhenItIsNotATerminal() throws IOException {
    byte[] input = Files.readAllBytes(DIR.resolve("multi.yaml"));
    Inputs.stdin(() -> new ByteArrayInputStream(input));
    assumeThat(Terminal.stdinIsTerminal()).as("the test JVM's stdin is not a terminal").isFalse();

    Run r = check("-o", "json");

    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.json().at("/results/0/name").asText()).isEqualTo("aws-small");
    assertThat(r.json().get("notes").toString()).contains("<stdin>:8: skipped v1 ConfigMap");
  }

  @Test
  void notesArePartOfEveryOutputFormat() throws IOException {
    Path multi = DIR.resolve("multi.yaml");

    Run json = check("-o", "json", multi.toString());
    Run yaml = check("-o", "yaml", multi.toString());
    Run text = check("-o", "text", multi.toString());

    assertThat(json.json().get("notes").toString()).contains("skipped v1 ConfigMap unrelated");
    assertThat(YAML.readTree(yaml.out()).get("notes").toString())
        .contains("skipped v1 ConfigMap unrelated");
    assertThat(text.out()).contains("note: " + multi + ":8: skipped v1 ConfigMap unrelated");
  }

  @Test
  void devZeroEndsAtTheSizeLimit() {
    assumeThat(Path.of("/dev/zero")).exists();

    Run r = check("/dev/zero");

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.err())
        .contains(
            "error: /dev/zero: more than the limit of 16777216 bytes (16 MiB) per file or stream");
  }

  @Test
  void aSymbolicLinkLoopIsNamedAsSuch() throws IOException {
    Path a = tmp.resolve("a.yaml");
    Path b = tmp.resolve("b.yaml");
    Files.createSymbolicLink(a, b);
    Files.createSymbolicLink(b, a);

    Run r = check(a.toString());

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err())
        .contains(a + ": a symbolic link loop (too many levels of symbolic links)")
        .doesNotContain("no such file");
  }

  @Test
  void aDanglingSymbolicLinkIsNamedAsSuch() throws IOException {
    Path a = tmp.resolve("a.yaml");
    Files.createSymbolicLink(a, tmp.resolve("gone.yaml"));

    Run r = check(a.toString());

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains(a + ": a symbolic link to a file that does not exist");
  }

  @Test
  void anUnreadableFileIsPermissionDenied() throws IOException {
    Path f = write("secret.yaml", cluster("secret", ""));
    Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("---------"));
    assumeThat(Files.isReadable(f)).as("not running as root").isFalse();

    Run r = check(f.toString());

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains(f + ": permission denied");
  }

  @Test
  void permissionDeniedIsWordedAsSuch() {
    assertThat(
            Inputs.reason(
                tmp, new java.nio.file.AccessDeniedException(tmp.toString(), null, "denied")))
        .isEqualTo("permission denied");
  }

  @Test
  void anEmptyDirectoryHasNoClusterAndExitsTwo() {
    Run r = check("-o", "json", tmp.toString());

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.err())
        .contains("note: " + tmp + ": no *.yaml or *.yml files in this directory")
        .contains("check: no Cluster found in " + tmp + " (directory); nothing was checked");
  }

  @Test
  void limitsAndExitCodesAreInTheHelp() {
    Run r = check("--help");

    assertThat(r.exit()).isZero();
    assertThat(r.out())
        .contains("16 MiB per file or stream")
        .contains("100,000 objects")
        .contains("64   usage error")
        .contains("kubectl get clusters.kubermatic.k8c.io,seeds -A -o yaml");
  }
}
