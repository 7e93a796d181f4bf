package dev.dualstack.operator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dualstack.operator.cli.ManifestReader.Manifests;
import dev.dualstack.operator.cli.ManifestReader.Problem;
import dev.dualstack.operator.pipeline.Pipeline;
import dev.dualstack.operator.pipeline.capability.CapabilityMatrixLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeded byte-level mutations of the golden manifests (flip, insert, delete, duplicate and splice
 * chunks, YAML punctuation): reading them never throws, every problem names its file, and what is
 * read goes through the checker without an exception escaping.
 */
class ManifestFuzzTest {
  static final List<String> SEEDS =
      List.of(
          "cluster-dualstack.yaml",
          "datacenter-openstack.yaml",
          "cluster-with-status.yaml",
          "multi.yaml",
          "alias-doubling.yaml");
  private static final byte[] PUNCTUATION = ":-[]{}&*!|>'\"%@`#,?\n \t".getBytes();

  @TempDir Path tmp;

  @Test
  void mutatedManifestsNeverThrow() throws IOException {
    fuzz(1, 2_000);
  }

  @Test
  @Tag("slow")
  void aHundredThousandMutatedManifests() throws IOException {
    long start = System.nanoTime();
    fuzz(1_000, 100_000);
    System.out.printf(
        "manifest fuzz: 100,000 files in %,d ms%n", (System.nanoTime() - start) / 1_000_000);
  }

  private void fuzz(long seed, int count) throws IOException {
    Random random = new Random(seed);
    byte[][] inputs = new byte[SEEDS.size()][];
    for (int i = 0; i < inputs.length; i++) {
      inputs[i] = Files.readAllBytes(CheckCommandTest.DIR.resolve(SEEDS.get(i)));
    }
    Path file = tmp.resolve("fuzz.yaml");
    CheckRunner runner =
        new CheckRunner(new Pipeline(CapabilityMatrixLoader.builtin()), Clock.systemUTC());
    int unreadable = 0;
    for (int n = 0; n < count; n++) {
      byte[] input = inputs[random.nextInt(inputs.length)];
      byte[] mutated = mutate(random, input, inputs[random.nextInt(inputs.length)]);
      Files.write(file, mutated);
      Manifests m;
      try {
        m = ManifestReader.read(List.of(file));
        runner.collect(List.of(file));
      } catch (RuntimeException | StackOverflowError e) {
        throw new AssertionError(
            "seed " + seed + " case " + n + " threw on:\n" + new String(mutated), e);
      }
      for (Problem p : m.problems()) {
        assertThat(p.file()).isEqualTo(file);
        assertThat(p.message()).isNotBlank();
      }
      unreadable += m.readable() ? 0 : 1;
    }
    assertThat(unreadable).as("some mutations are unreadable").isPositive();
    assertThat(unreadable).as("some mutations are readable").isLessThan(count);
  }

  static byte[] mutate(Random random, byte[] input, byte[] other) {
    byte[] out = input.clone();
    int rounds = 1 + random.nextInt(4);
    for (int r = 0; r < rounds; r++) {
      if (out.length == 0) {
        return out;
      }
      int at = random.nextInt(out.length);
      switch (random.nextInt(6)) {
        case 0 -> out[at] = (byte) random.nextInt(256);
        case 1 -> out[at] = PUNCTUATION[random.nextInt(PUNCTUATION.length)];
        case 2 -> out = splice(out, at, Math.min(out.length, at + random.nextInt(16)), new byte[0]);
        case 3 -> {
          int len = Math.min(out.length - at, 1 + random.nextInt(64));
          byte[] chunk = java.util.Arrays.copyOfRange(out, at, at + len);
          out = splice(out, at, at, chunk);
        }
        case 4 -> {
          int from = random.nextInt(other.length);
          int len = Math.min(other.length - from, 1 + random.nextInt(128));
          out = splice(out, at, at, java.util.Arrays.copyOfRange(other, from, from + len));
        }
        default -> {
          byte[] digits = ("9".repeat(1 + random.nextInt(40))).getBytes();
          out = splice(out, at, at, digits);
        }
      }
    }
    return out;
  }

  private static byte[] splice(byte[] in, int from, int to, byte[] insert) {
    byte[] out = new byte[in.length - (to - from) + insert.length];
    System.arraycopy(in, 0, out, 0, from);
    System.arraycopy(insert, 0, out, from, insert.length);
    System.arraycopy(in, to, out, from + insert.length, in.length - to);
    return out;
  }
}
