package dev.dualstack.operator.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dualstack.operator.Main;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code check} as its own process, as CI runs it: a real pipe on standard input, {@code /dev/zero}
 * under a small heap, and 20,000 Clusters with {@code -Xmx256m} (slow).
 */
class CheckProcessTest {
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;

  record Result(int exit, String out, String err) {}

  /** Runs {@code check} in a new JVM with {@code heap}, feeding {@code stdin} through a pipe. */
  static Result check(String heap, byte[] stdin, Path stdout, String... args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx" + heap);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(Main.class.getName());
    command.add("check");
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command);
    Path err = Files.createTempFile("check", ".err");
    pb.redirectError(err.toFile());
    pb.redirectOutput(stdout.toFile());
    Process p = pb.start();
    try (OutputStream in = p.getOutputStream()) {
      if (stdin != null) {
        in.write(stdin);
      }
    }
    assertThat(p.waitFor(10, TimeUnit.MINUTES)).as("check ends").isTrue();
    String errText = Files.readString(err);
    Files.delete(err);
    return new Result(p.exitValue(), Files.readString(stdout), errText);
  }

  @Test
  void aPipeOnStandardInputIsRead() throws Exception {
    byte[] input =
        (Files.readString(CheckCommandTest.DIR.resolve("datacenter-openstack.yaml"))
                + "---\n"
                + Files.readString(CheckCommandTest.DIR.resolve("cluster-dualstack.yaml")))
            .getBytes(StandardCharsets.UTF_8);

    Result r = check("128m", input, tmp.resolve("out.json"), "-o", "json", "-");

    assertThat(r.exit()).as(r.err()).isZero();
    JsonNode root = JSON.readTree(r.out());
    assertThat(root.at("/results/0/name").asText()).isEqualTo("prod-eu");
    assertThat(root.at("/results/0/valid").asBoolean()).isTrue();
  }

  @Test
  void devZeroEndsInExitTwoUnderASmallHeap() throws Exception {
    assumeThat(Path.of("/dev/zero")).exists();

    Result r = check("64m", null, tmp.resolve("out"), "/dev/zero");

    assertThat(r.exit()).as(r.err()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).contains("/dev/zero: more than the limit of 16777216 bytes (16 MiB)");
    assertThat(r.err()).doesNotContain("OutOfMemoryError");
  }

  /** 20,000 Clusters (and their Datacenter) in one file, checked with a 256 MiB heap. */
  @Test
  @Tag("slow")
  void twentyThousandClustersUnderA256MegabyteHeap() throws Exception {
    Path f = tmp.resolve("clusters.yaml");
    StringBuilder sb = new StringBuilder(Files.readString(HostileInputTest.DC)).append("---\n");
    for (int i = 0; i < 20_000; i++) {
      sb.append(HostileInputTest.cluster("c-" + i, "\"1.31.4\"", "24")).append("---\n");
    }
    Files.writeString(f, sb);

    long start = System.nanoTime();
    Result r = check("256m", null, tmp.resolve("out.json"), "-o", "json", f.toString());
    System.out.printf(
        "check of 20,000 clusters with -Xmx256m: %,d ms%n",
        (System.nanoTime() - start) / 1_000_000);

    assertThat(r.exit()).as(r.err()).isZero();
    JsonNode results = JSON.readTree(r.out()).get("results");
    assertThat(results).hasSize(20_000);
    assertThat(results.get(19_999).get("name").asText()).isEqualTo("c-19999");
  }
}
