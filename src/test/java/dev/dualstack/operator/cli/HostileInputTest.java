package dev.dualstack.operator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dualstack.operator.cli.CheckCommandTest.Run;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code check} given hostile input: every case ends in exit 2 with a message naming the file and
 * the limit, in bounded time and memory (the limits are in {@link BoundedYaml} and {@link
 * ManifestReader}). The datacenter file rides along to show a bad file does not hide good ones.
 */
class HostileInputTest {
  static final Path DC = CheckCommandTest.DIR.resolve("datacenter-openstack.yaml");
  static final int TEN_MB = 10 * 1024 * 1024;

  @TempDir Path tmp;

  private Path write(String name, String text) throws IOException {
    Path f = tmp.resolve(name);
    Files.writeString(f, text, StandardCharsets.UTF_8);
    return f;
  }

  private static Run check(Path... files) {
    String[] args = new String[files.length + 3];
    args[0] = "-o";
    args[1] = "json";
    args[2] = DC.toString();
    for (int i = 0; i < files.length; i++) {
      args[i + 3] = files[i].toString();
    }
    return CheckCommandTest.check(args);
  }

  static String cluster(String name, String version, String mask) {
    return """
        apiVersion: dualstack.dev/v1
        kind: Cluster
        metadata:
          name: %s
        spec:
          version: %s
          cloud:
            dc: openstack-fra
            openstack:
              network: n
          clusterNetwork:
            nodeCidrMaskSizeIPv4: %s
        """
        .formatted(name, version, mask);
  }

  @Test
  void aTenMegabyteValueExitsTwoAtTheLineLimitBeforeParsing() throws IOException {
    Path f = write("big-value.yaml", cluster("big", "\"" + "1".repeat(TEN_MB) + "\"", "24"));

    Run r = check(f);

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.err())
        .contains(f + ":6:1: line 6 has ")
        .contains("more than the limit of " + BoundedYaml.MAX_SCALAR + " characters");
    assertThat(r.err().length()).as("the value is not echoed").isLessThan(4096);
  }

  @Test
  void aValueOverTheLimitInShortLinesExitsTwoAtTheScalarLimit() throws IOException {
    String block = ("      " + "x".repeat(70) + "\n").repeat(BoundedYaml.MAX_SCALAR / 70 + 1);
    Path f = write("block.yaml", cluster("block", "|\n" + block, "24"));

    Run r = check(f);

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err())
        .contains(f + ":6:")
        .contains("more than the limit of " + BoundedYaml.MAX_SCALAR + " characters");
  }

  @Test
  void tenMegabytesOfDocumentsExitTwoAtTheDocumentLimit() throws IOException {
    String doc = "a: 1\n---\n";
    Path f = write("many.yaml", doc.repeat(TEN_MB / doc.length() + 1));
    assertThat(Files.size(f)).isGreaterThan(TEN_MB);

    Run r = check(f);

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err())
        .contains(f.toString())
        .contains(
            "more than "
                + ManifestReader.MAX_DOCUMENTS
                + " objects (YAML documents and list items) in all inputs");
  }

  /** The same with Clusters: every one up to the limit is mapped before the limit stops it. */
  @Test
  @Tag("slow")
  void tenMegabytesOfClustersExitTwoAtTheDocumentLimit() throws IOException {
    String doc = cluster("c", "\"1.31.4\"", "24") + "---\n";
    Path f = write("many-clusters.yaml", doc.repeat(TEN_MB / doc.length() + 1));
    assertThat(Files.size(f)).isGreaterThan(TEN_MB);

    Run r = check(f);

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err())
        .contains(f.toString())
        .contains(
            "more than "
                + ManifestReader.MAX_DOCUMENTS
                + " objects (YAML documents and list items) in all inputs");
  }

  @Test
  void aFileOverTheSizeLimitExitsTwoWithoutBeingRead() throws IOException {
    Path f = tmp.resolve("huge.yaml");
    try (RandomAccessFile raf = new RandomAccessFile(f.toFile(), "rw")) {
      raf.setLength(BoundedYaml.MAX_BYTES + 1L); // sparse: nothing to write
    }

    Run r = check(f);

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains(f.toString()).contains("more than the limit");
  }

  @Test
  void deepNestingExitsTwo() throws IOException {
    int depth = 100_000;
    Path f =
        write(
            "deep.yaml",
            "apiVersion: dualstack.dev/v1\nkind: Cluster\nmetadata: {name: d}\nspec: "
                + "[".repeat(depth)
                + "]".repeat(depth)
                + "\n");
    Path g = write("deep-block.yaml", deepBlockMapping(5_000));

    Run r = check(f, g);

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains(f + ":").contains(g + ":").containsIgnoringCase("nesting depth");
  }

  private static String deepBlockMapping(int depth) {
    StringBuilder sb = new StringBuilder("apiVersion: dualstack.dev/v1\nkind: Cluster\nspec:\n");
    for (int i = 1; i <= depth; i++) {
      sb.append("  ".repeat(i)).append("k:\n");
    }
    return sb.toString();
  }

  @Test
  void hugeIntegersExitTwoNamingTheField() throws IOException {
    Path f =
        write(
            "huge-ints.yaml",
            cluster("forty", "\"1.31.4\"", "1" + "0".repeat(40))
                + "---\n"
                + cluster("negative", "\"1.31.4\"", "-" + "9".repeat(400))
                + "---\n"
                + cluster("hex", "\"1.31.4\"", "0x" + "f".repeat(300))
                + "---\n"
                + cluster("long-digits", "\"1.31.4\"", "7".repeat(BoundedYaml.MAX_SCALAR - 64))
                + "---\n"
                + cluster("as-version", "1" + "0".repeat(100), "24"));

    Run r = check(f);

    assertThat(r.exit()).isEqualTo(2);
    String mask = "spec.clusterNetwork.nodeCidrMaskSizeIPv4: Invalid value: ";
    assertThat(r.err())
        .contains("Cluster forty: " + mask)
        .contains("Cluster negative: " + mask)
        .contains("Cluster hex: " + mask)
        .contains("Cluster long-digits: " + mask)
        .contains("Cluster as-version: spec.version: Invalid value: ")
        .contains("out of range for an integer (32 bits)");
    assertThat(r.err().length()).as("values are shortened").isLessThan(8192);
  }

  @Test
  void binaryInputExitsTwo() throws IOException {
    Path f = tmp.resolve("random.yaml");
    byte[] bytes = new byte[1 << 20];
    new java.util.Random(7).nextBytes(bytes);
    Files.write(f, bytes);

    Run r = check(f);

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains(f.toString());
  }

  /** Ten thousand real Clusters (the document limit) are all checked. */
  @Test
  @Tag("slow")
  void tenThousandClustersAreAllChecked() throws IOException {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < ManifestReader.MAX_DOCUMENTS - 1; i++) {
      sb.append(cluster("c-" + i, "\"1.31.4\"", "24")).append("---\n");
    }
    Path f = write("ten-thousand.yaml", sb.toString());

    long start = System.nanoTime();
    Run r = check(f);
    long millis = (System.nanoTime() - start) / 1_000_000;
    System.out.println("check of 9,999 clusters + 1 datacenter: " + millis + " ms");

    assertThat(r.exit()).isZero();
    assertThat(r.json().get("results")).hasSize(ManifestReader.MAX_DOCUMENTS - 1);
  }
}
