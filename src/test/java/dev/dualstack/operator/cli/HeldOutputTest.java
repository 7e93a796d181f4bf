package dev.dualstack.operator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Held bytes reach the target only on commit, in order; past the limit they are dropped. */
class HeldOutputTest {
  @Test
  void heldUntilCommitThenWrittenInOrderAcrossChunks() throws IOException {
    ByteArrayOutputStream target = new ByteArrayOutputStream();
    HeldOutput held = new HeldOutput(target, 1 << 20);
    byte[] data = new byte[200_000];
    new Random(14).nextBytes(data);
    held.write(data, 0, 70_000);
    held.write(data[70_000]);
    held.write(data, 70_001, 200_000 - 70_001);
    held.flush();

    assertThat(target.size()).isZero();
    held.commit();
    assertThat(target.toByteArray()).isEqualTo(data);

    held.write(new byte[] {1, 2}, 0, 2);
    assertThat(target.size()).as("straight through after the commit").isEqualTo(200_002);
    assertThat(held.dropped()).isFalse();
  }

  @Test
  void discardedBytesNeverReachTheTarget() throws IOException {
    ByteArrayOutputStream target = new ByteArrayOutputStream();
    HeldOutput held = new HeldOutput(target, 1 << 20);
    held.write("withdrawn".getBytes(), 0, 9);
    held.discard();
    held.write("final".getBytes(), 0, 5);
    held.commit();

    assertThat(target.toString()).isEqualTo("final");
  }

  @Test
  void pastTheLimitTheBytesAreDroppedAndSaidSo() throws IOException {
    ByteArrayOutputStream target = new ByteArrayOutputStream();
    HeldOutput held = new HeldOutput(target, 100);
    held.write(new byte[60], 0, 60);
    assertThat(held.dropped()).isFalse();
    held.write(new byte[60], 0, 60);

    assertThat(held.dropped()).isTrue();
    held.discard();
    held.write(new byte[3], 0, 3);
    assertThat(target.size()).isEqualTo(3);
  }

  @Test
  void theLimitIsAnEighthOfTheHeapAtMost64MiB() {
    assertThat(HeldOutput.limitFor(256L << 20)).isEqualTo(32L << 20);
    assertThat(HeldOutput.limitFor(8L << 30)).isEqualTo(64L << 20);
  }
}
