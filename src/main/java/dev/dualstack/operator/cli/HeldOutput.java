package dev.dualstack.operator.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code check}'s standard output while its results may still be withdrawn ({@link
 * CheckRunner.Sink#restart()}): the bytes are held in memory, in chunks (no copying as it grows),
 * up to a limit, then {@linkplain #commit() written} or {@linkplain #discard() discarded}. Past the
 * limit the bytes are dropped and {@link #dropped()} says so: the run then evaluates a second time
 * straight to the target. After a commit or a discard everything goes straight to the target.
 */
final class HeldOutput extends OutputStream {
  private static final int CHUNK = 64 * 1024;

  private final OutputStream target;
  private final long limit;
  private List<byte[]> chunks = new ArrayList<>();
  private int used = CHUNK; // of the last chunk: a new chunk is started on the first write
  private long size;
  private boolean direct;
  private boolean dropped;

  HeldOutput(OutputStream target, long limit) {
    this.target = target;
    this.limit = limit;
  }

  /**
   * The limit for a JVM of {@code maxHeap} bytes: an eighth of the heap, at most 64 MiB (the text
   * results of 20,000 Clusters take about 12 MB).
   */
  static long limitFor(long maxHeap) {
    return Math.min(64L << 20, maxHeap / 8);
  }

  /** Whether bytes were dropped because the limit was reached. */
  boolean dropped() {
    return dropped;
  }

  @Override
  public void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    if (direct) {
      target.write(b, off, len);
      return;
    }
    if (dropped) {
      return;
    }
    if (size + len > limit) {
      dropped = true;
      chunks = new ArrayList<>();
      return;
    }
    size += len;
    while (len > 0) {
      if (used == CHUNK) {
        chunks.add(new byte[CHUNK]);
        used = 0;
      }
      int n = Math.min(len, CHUNK - used);
      System.arraycopy(b, off, chunks.get(chunks.size() - 1), used, n);
      used += n;
      off += n;
      len -= n;
    }
  }

  /** Writes what is held to the target; from now on bytes go straight there. */
  void commit() throws IOException {
    if (direct) {
      return;
    }
    for (int i = 0; i < chunks.size(); i++) {
      target.write(chunks.get(i), 0, i == chunks.size() - 1 ? used : CHUNK);
    }
    release();
  }

  /** Forgets what is held; from now on bytes go straight to the target. */
  void discard() {
    release();
  }

  private void release() {
    chunks = List.of();
    direct = true;
  }

  @Override
  public void flush() throws IOException {
    if (direct) {
      target.flush();
    }
  }
}
