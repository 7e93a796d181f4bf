package dev.dualstack.operator.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.dualstack.operator.cli.ManifestReader.Located;
import dev.dualstack.operator.cli.ManifestReader.Manifests;
import dev.dualstack.operator.cli.ManifestReader.Problem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestReaderTest {
  static final Path DIR = Path.of("src/test/resources/check");

  @TempDir Path tmp;

  static Manifests read(String... names) {
    return ManifestReader.read(List.of(names).stream().map(DIR::resolve).toList());
  }

  static Manifests readText(Path tmp, String text) throws IOException {
    Path f = tmp.resolve("in.yaml");
    Files.writeString(f, text, StandardCharsets.UTF_8);
    return ManifestReader.read(List.of(f));
  }

  @Test
  void readsClusterAndDatacenterWithTheirSources() {
    Manifests m = read("datacenter-openstack.yaml", "cluster-dualstack.yaml");

    assertThat(m.problems()).isEmpty();
    assertThat(m.datacenters())
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.object().getMetadata().getName()).isEqualTo("openstack-fra");
              assertThat(d.object().getSpec().openstack().ipv6Enabled()).isTrue();
              assertThat(d.source().line()).isEqualTo(1);
            });
    assertThat(m.clusters())
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.object().getSpec().clusterNetwork().pods().cidrBlocks())
                  .containsExactly("172.25.0.0/16", "fd01::/48");
              assertThat(c.object().getSpec().version()).isEqualTo("1.31.4");
            });
  }

  @Test
  void multiDocumentSkipsOtherKindsAndVersionsWithNotes() {
    Manifests m = read("multi.yaml");

    assertThat(m.problems()).isEmpty();
    assertThat(m.datacenters())
        .extracting(d -> d.object().getMetadata().getName())
        .containsExactly("aws-eu");
    assertThat(m.clusters())
        .extracting(c -> c.object().getMetadata().getName(), c -> c.source().line())
        .containsExactly(tuple("aws-small", 19));
    assertThat(m.notes()).hasSize(2);
    assertThat(m.notes().get(0)).contains("multi.yaml:8").contains("v1 ConfigMap unrelated");
    assertThat(m.notes().get(1)).contains("multi.yaml:14").contains("dualstack.dev/v2 Cluster");
  }

  @Test
  void directoryMeansYamlFilesDirectlyInItSortedByName() throws IOException {
    assertThat(ManifestReader.files(DIR.resolve("dir")))
        .extracting(p -> p.getFileName().toString())
        .containsExactly("a-datacenter.yaml", "b-cluster.yml");

    Manifests m = read("dir");
    assertThat(m.problems()).as("dir/sub/broken.yaml must not be read").isEmpty();
    assertThat(m.clusters()).hasSize(1);
    assertThat(m.datacenters()).hasSize(1);
  }

  @Test
  void emptyDirectoryIsANoteAndMissingFileAProblem() throws IOException {
    Files.createDirectory(tmp.resolve("empty"));
    Manifests m = ManifestReader.read(List.of(tmp.resolve("empty"), tmp.resolve("nope.yaml")));

    assertThat(m.notes()).singleElement().asString().contains("no *.yaml or *.yml files");
    assertThat(m.problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.file()).isEqualTo(tmp.resolve("nope.yaml"));
              assertThat(p.message()).contains("no such file");
            });
  }

  @Test
  void malformedYamlNamesFileLineAndColumn() {
    Manifests m = read("malformed.yaml", "cluster-dualstack.yaml");

    assertThat(m.problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.file().getFileName().toString()).isEqualTo("malformed.yaml");
              assertThat(p.line()).isEqualTo(7);
              assertThat(p.column()).isPositive();
              assertThat(p.toString()).startsWith(DIR.resolve("malformed.yaml") + ":7:");
              assertThat(p.message()).startsWith("invalid YAML");
            });
    assertThat(m.clusters()).as("other files are still read").hasSize(1);
  }

  @Test
  void documentsThatDoNotMapAreProblemsWithFieldPathAndLine() {
    Manifests m = read("bad-type.yaml");

    assertThat(m.clusters()).isEmpty();
    assertThat(m.problems())
        .extracting(Problem::line, Problem::field)
        .containsExactly(
            tuple(10, "spec.clusterNetwork.nodeCidrMaskSizeIPv4"),
            tuple(21, "spec.clusterNetwork.nodeCidrMaskSizeIPv6"));
    assertThat(m.problems())
        .extracting(Problem::object)
        .containsExactly("Cluster typo", "Cluster huge");
    assertThat(m.problems().get(0).message()).contains("\"abc\"").contains("integer");
    assertThat(m.problems().get(1).message()).contains("out of range");
    assertThat(m.problems().get(0).column()).isEqualTo(27);
  }

  @Test
  void scalarsAreNotCoercedBetweenTypes() throws IOException {
    Manifests m =
        readText(
            tmp,
            """
            apiVersion: dualstack.dev/v1
            kind: Cluster
            metadata: {name: c}
            spec:
              version: 1.30
              clusterNetwork:
                nodeCidrMaskSizeIPv4: "24"
                konnectivityEnabled: "true"
            """);

    assertThat(m.problems()).extracting(Problem::field).containsExactly("spec.version");
    assertThat(m.problems().get(0).message()).contains("\"1.30\"").contains("quote it");
  }

  @Test
  void everyMappingProblemIsReportedNotOnlyTheFirstObject() throws IOException {
    Manifests m =
        readText(
            tmp,
            """
            apiVersion: dualstack.dev/v1
            kind: Cluster
            metadata: {name: a}
            spec: {clusterNetwork: {nodeCidrMaskSizeIPv4: "24"}}
            ---
            apiVersion: dualstack.dev/v1
            kind: Cluster
            metadata: {name: b}
            spec: {clusterNetwork: {pods: {cidrBlocks: 10.0.0.0/8}}}
            ---
            apiVersion: dualstack.dev/v1
            kind: Cluster
            metadata: {name: ok}
            spec: {}
            """);

    assertThat(m.problems())
        .extracting(Problem::line, Problem::field)
        .containsExactly(
            tuple(4, "spec.clusterNetwork.nodeCidrMaskSizeIPv4"),
            tuple(9, "spec.clusterNetwork.pods.cidrBlocks"));
    assertThat(m.clusters())
        .extracting(c -> c.object().getMetadata().getName())
        .containsExactly("ok");
  }

  @Test
  void aliasesAndMergeKeysAreExpanded() throws IOException {
    Manifests m =
        readText(
            tmp,
            """
            apiVersion: dualstack.dev/v1
            kind: Cluster
            metadata: {name: c}
            spec:
              clusterNetwork:
                pods: &ranges {cidrBlocks: [10.0.0.0/16]}
                services:
                  <<: *ranges
            """);

    assertThat(m.problems()).isEmpty();
    assertThat(m.clusters().get(0).object().getSpec().clusterNetwork().services().cidrBlocks())
        .containsExactly("10.0.0.0/16");
  }

  @Test
  void billionLaughsIsRejectedByTheAliasLimit() {
    Manifests m = read("billion-laughs.yaml");

    assertThat(m.clusters()).isEmpty();
    assertThat(m.problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.message()).contains("aliases");
              assertThat(p.line()).isPositive();
            });
  }

  @Test
  void aliasExpansionUnderTheAliasLimitIsBoundedByTheNodeBudget() {
    Manifests m = read("alias-doubling.yaml");

    assertThat(m.clusters()).isEmpty();
    assertThat(m.problems())
        .singleElement()
        .extracting(Problem::message)
        .asString()
        .contains("more than " + BoundedYaml.MAX_NODES + " nodes");
  }

  @Test
  void hugeDocumentIsRejectedWhileComposing() throws IOException {
    Manifests m = readText(tmp, "a: [" + "1,".repeat(BoundedYaml.MAX_NODES) + "1]\n");

    assertThat(m.problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.message()).contains("more than " + BoundedYaml.MAX_NODES + " nodes");
              assertThat(p.line()).isEqualTo(1);
            });
  }

  @Test
  void recursiveAliasIsBounded() throws IOException {
    Manifests m =
        readText(
            tmp,
            """
            apiVersion: dualstack.dev/v1
            kind: Cluster
            metadata: {name: c}
            spec: &s {x: *s}
            """);

    assertThat(m.clusters()).isEmpty();
    assertThat(m.problems())
        .singleElement()
        .extracting(Problem::message)
        .asString()
        .contains("YAML rejected");
  }

  @Test
  void nestingDepthIsLimited() throws IOException {
    String deep = "[".repeat(200) + "]".repeat(200);
    Manifests m = readText(tmp, "apiVersion: dualstack.dev/v1\nkind: Cluster\nspec: " + deep);

    assertThat(m.problems())
        .singleElement()
        .extracting(Problem::message)
        .asString()
        .containsIgnoringCase("nesting depth");
  }

  @Test
  void documentCountIsLimited() throws IOException {
    Manifests m = readText(tmp, "a: 1\n---\n".repeat(ManifestReader.MAX_DOCUMENTS + 1));

    assertThat(m.problems())
        .singleElement()
        .extracting(Problem::message)
        .asString()
        .contains(
            "more than "
                + ManifestReader.MAX_DOCUMENTS
                + " objects (YAML documents and list items)");
  }

  @Test
  void oversizedFileIsRejectedBeforeReading() throws IOException {
    Path f = tmp.resolve("big.yaml");
    Files.write(f, new byte[BoundedYaml.MAX_BYTES + 1]);

    assertThat(ManifestReader.read(List.of(f)).problems())
        .singleElement()
        .extracting(Problem::message)
        .asString()
        .contains("more than the limit");
  }

  @Test
  void nulAndNonUtf8BytesAreRejectedWithTheirLine() {
    Manifests m = read("nul.yaml", "latin1.yaml");

    assertThat(m.clusters()).isEmpty();
    assertThat(m.problems())
        .extracting(p -> p.file().getFileName().toString(), Problem::line)
        .containsExactly(tuple("nul.yaml", 3), tuple("latin1.yaml", 3));
    assertThat(m.problems().get(0).message()).contains("NUL");
    assertThat(m.problems().get(1).message()).contains("not valid UTF-8").contains("0xE9");
  }

  @Test
  void missingNameIsAProblem() throws IOException {
    Manifests m =
        readText(tmp, "apiVersion: dualstack.dev/v1\nkind: Datacenter\nmetadata: {}\nspec: {}\n");

    assertThat(m.problems()).extracting(Problem::field).containsExactly("metadata.name");
  }

  @Test
  void unknownFieldsAreNotedWithTheirPath() throws IOException {
    Manifests m =
        readText(
            tmp,
            """
            apiVersion: dualstack.dev/v1
            kind: Cluster
            metadata: {name: c}
            spec:
              clusterNetwork:
                podz: {cidrBlocks: [10.0.0.0/16]}
            """);

    assertThat(m.problems()).isEmpty();
    assertThat(m.clusters()).hasSize(1);
    assertThat(m.notes())
        .filteredOn(n -> n.contains("podz"))
        .singleElement()
        .asString()
        .contains("in.yaml:6:")
        .contains("spec.clusterNetwork.podz: Unknown field: did you mean pods?")
        .contains("the in-process one validates nothing");
  }

  @Test
  void kubernetesListsAreUnpacked() throws IOException {
    Manifests m =
        readText(
            tmp,
            """
            apiVersion: v1
            kind: List
            items:
            - {apiVersion: dualstack.dev/v1, kind: Datacenter, metadata: {name: d}, spec: {}}
            - {apiVersion: dualstack.dev/v1, kind: Cluster, metadata: {name: c}, spec: {}}
            """);

    assertThat(m.problems()).isEmpty();
    assertThat(m.clusters())
        .extracting(Located::source)
        .extracting(s -> s.line())
        .containsExactly(5);
    assertThat(m.datacenters()).hasSize(1);
  }

  @Test
  void yaml11ScalarsAreReadAsKubectlReadsThem() throws Exception {
    var doc =
        BoundedYaml.compose(
                "a: yes\nb: off\nc: ~\nd: 1:30\ne: .inf\nf: 2026-01-01T00:00:00Z\ng: 0x1F\n"
                    + "h: 010\ni: '7'\n",
                1)
            .get(0);

    var tree = BoundedYaml.toTree(doc);

    assertThat(tree.get("a").booleanValue()).isTrue();
    assertThat(tree.get("b").isBoolean()).isTrue();
    assertThat(tree.get("b").booleanValue()).isFalse();
    assertThat(tree.get("c").isNull()).isTrue();
    assertThat(tree.get("d").textValue()).as("no sexagesimal").isEqualTo("1:30");
    assertThat(tree.get("e").textValue()).isEqualTo(".inf");
    assertThat(tree.get("f").textValue())
        .as("timestamps stay text")
        .isEqualTo("2026-01-01T00:00:00Z");
    assertThat(tree.get("g").intValue()).isEqualTo(31);
    assertThat(tree.get("h").intValue()).isEqualTo(8);
    assertThat(tree.get("i").textValue()).isEqualTo("7");
  }
}
