package dev.dualstack.operator.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.dualstack.operator.Main;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code local}: the real operator on the in-process API server, from manifests to describe. */
class LocalCommandIT {

  record Run(int code, String out, String err) {}

  private static Run local(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        Main.commandLine()
            .setOut(new PrintWriter(out, true))
            .setErr(new PrintWriter(err, true))
            .execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  private static String resource(String dir) {
    return Paths.get("src/test/resources/local", dir).toString();
  }

  @Test
  void readyClustersExitZeroAndAreDescribed() {
    Run r = local("local", resource("ready"));

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.err())
        .as("says plainly that nothing is refused at apply")
        .contains("has no admission");
    assertThat(r.out())
        .contains("Name:         openstack-fra")
        .contains("Kind:         Datacenter")
        .contains("Name:         prod-eu")
        .contains("Labels:       env=prod")
        .contains("Phase:")
        .contains("Ready")
        .contains("Conditions:")
        .contains("DatacenterResolved")
        .contains("Events:")
        .contains("NetworkAccepted")
        .contains("fd01::/48");
  }

  @Test
  void endsWithASummaryLineAndSaysTheServerHasNoAdmission() {
    Run r = local("local", resource("ready"));

    assertThat(r.out().strip().lines().reduce((a, b) -> b)).hasValue("1 Cluster: 1 Ready");
    assertThat(r.err()).contains("note: the in-process API server has no admission");
  }

  @Test
  void summaryOutputPrintsOnlyTheSummaryLine() {
    Run r = local("local", "--output=summary", resource("ready"));

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).isEqualTo("1 Cluster: 1 Ready\n");
  }

  @Test
  void yamlOutputPrintsTheObjectsWithTheirStatus() throws IOException {
    Run r = local("local", "-o", "yaml", resource("ready"));

    assertThat(r.code()).as(r.err()).isZero();
    List<com.fasterxml.jackson.databind.JsonNode> docs = new java.util.ArrayList<>();
    var yaml =
        new com.fasterxml.jackson.databind.ObjectMapper(
            new com.fasterxml.jackson.dataformat.yaml.YAMLFactory());
    try (var it =
        yaml.readerFor(com.fasterxml.jackson.databind.JsonNode.class)
            .<com.fasterxml.jackson.databind.JsonNode>readValues(
                r.out().substring(0, r.out().lastIndexOf("1 Cluster:")))) {
      it.forEachRemaining(docs::add);
    }
    assertThat(docs).extracting(d -> d.path("kind").asText()).contains("Datacenter", "Cluster");
    assertThat(docs)
        .filteredOn(d -> d.path("kind").asText().equals("Cluster"))
        .singleElement()
        .satisfies(c -> assertThat(c.at("/status/phase").asText()).isEqualTo("Ready"));
  }

  @Test
  void describeShowsTheByoJoinConfigMapContent() {
    Run r = local("local", Paths.get("examples", "bringyourown.yaml").toString());

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out())
        .contains("ConfigMap:    dualstack-system/byo-dualstack-kubeadm-join")
        .contains("  worker-1.yaml:\n    apiVersion: kubeadm.k8s.io/v1beta4")
        .contains("- name: node-ip\n        value: \"192.168.50.11,2001:db8:50::11\"");
  }

  @Test
  void aRefusedClusterExitsOneAndShowsWhy() {
    Run r = local("local", resource("invalid"));

    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out())
        .contains("Name:         wrong-provider")
        .contains("Invalid")
        .contains("spec.cloud.providerName")
        .contains("NetworkRefused");
  }

  @Test
  void unreadableInputExitsTwo(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("broken.yaml"), "kind: [unclosed\n");

    Run r = local("local", dir.toString());

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("broken.yaml");
  }

  @Test
  void watchReappliesAChangedFileAndPrintsTheClusterAgain(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("cluster.yaml");
    Files.copy(Paths.get(resource("ready"), "openstack.yaml"), file);
    StringWriter out = new StringWriter();
    AtomicInteger code = new AtomicInteger(-1);
    Thread t =
        new Thread(
            () ->
                code.set(
                    Main.commandLine()
                        .setOut(new PrintWriter(out, true))
                        .setErr(new PrintWriter(new StringWriter(), true))
                        .execute("local", "--watch", dir.toString())));
    t.start();
    try {
      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> out.toString().contains("Name:         prod-eu"));

      Files.writeString(
          file,
          Files.readString(file)
              .replace("ipFamily: IPv4+IPv6", "ipFamily: IPv4+IPv6\n    nodeCidrMaskSizeIPv4: 26"));

      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> out.toString().matches("(?s).*Node Cidr Mask Size IPv4:\\s+26\\n.*"));
      assertThat(out.toString().split("Name:         prod-eu", -1)).hasSizeGreaterThan(2);
      assertThat(out.toString())
          .containsPattern(
              "--- \\d{4}-\\d\\d-\\d\\dT[0-9:]+Z "
                  + java.util.regex.Pattern.quote(file.toString())
                  + ": Cluster prod-eu changed");

      Files.writeString(
          file,
          Files.readString(file)
              .replaceAll("(?s)---\\s*apiVersion: dualstack.dev/v1\\s*kind: Cluster.*", ""));

      await().atMost(Duration.ofSeconds(60)).until(() -> out.toString().endsWith("0 Clusters\n"));
      assertThat(out.toString())
          .contains(": Cluster prod-eu deleted (its document is no longer in the file)");
    } finally {
      t.interrupt();
      t.join(Duration.ofSeconds(30).toMillis());
    }
    assertThat(code.get()).isZero();
  }
}
