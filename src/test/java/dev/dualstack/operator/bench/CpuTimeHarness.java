package dev.dualstack.operator.bench;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The pipeline benchmarks of {@link PipelineBenchmark}, timed by the CPU time of the measuring
 * thread instead of the wall clock: on a machine shared with other builds (load far above the core
 * count) a single-threaded JMH score mostly measures how often the thread got a core, while its CPU
 * time per operation stays comparable from run to run. Reports per benchmark the median, min and
 * max of the CPU µs per operation over the batches, allocated bytes per operation and the wall µs
 * per operation (which the load inflates), beside the goals of issue 14.
 *
 * <p>{@code --warmup-seconds=20 --batches=15 --batch-millis=500} (CPU seconds and milliseconds of
 * the measuring thread; the defaults).
 */
public final class CpuTimeHarness {
  private CpuTimeHarness() {}

  record Result(
      String name,
      double medianMicros,
      double minMicros,
      double maxMicros,
      double wallMicros,
      double bytesPerOp) {}

  public static void main(String[] args) {
    double warmupSeconds = 20;
    int batches = 15;
    long batchMillis = 500;
    for (String a : args) {
      String[] kv = a.split("=", 2);
      switch (kv[0]) {
        case "--warmup-seconds" -> warmupSeconds = Double.parseDouble(kv[1]);
        case "--batches" -> batches = Integer.parseInt(kv[1]);
        case "--batch-millis" -> batchMillis = Long.parseLong(kv[1]);
        default -> throw new IllegalArgumentException("unknown option " + kv[0]);
      }
    }
    System.out.println("cpu-time: load average " + ThroughputHarness.loadAverage());
    PipelineBenchmark b = new PipelineBenchmark();
    b.setUp();
    Map<String, Supplier<Object>> ops = new LinkedHashMap<>();
    ops.put("PipelineBenchmark.ipv4", b::ipv4);
    ops.put("PipelineBenchmark.dualStack", b::dualStack);
    ops.put("PipelineBenchmark.dualStackDistinct", b::dualStackDistinct);
    ops.put("PipelineBenchmark.invalid", b::invalid);
    ops.put("PipelineBenchmark.byo50Nodes", b::byo50Nodes);
    List<Result> results = new ArrayList<>();
    for (var e : ops.entrySet()) {
      results.add(measure(e.getKey(), e.getValue(), warmupSeconds, batches, batchMillis));
    }
    System.out.println("cpu-time: load average after " + ThroughputHarness.loadAverage());
    System.out.println();
    System.out.println(
        "| benchmark | CPU µs/op median | min | max | wall µs/op | allocated B/op | goal | met |");
    System.out.println("|---|---:|---:|---:|---:|---:|---|---|");
    for (Result r : results) {
      JmhMain.Goal g =
          JmhMain.GOALS.stream()
              .filter(x -> x.benchmark().equals(r.name()))
              .findFirst()
              .orElse(null);
      String goal = "";
      String met = "";
      if (g != null) {
        goal =
            String.format(Locale.ROOT, "≤ %.0f µs", g.maxMicros())
                + (Double.isNaN(g.maxBytes())
                    ? ""
                    : String.format(Locale.ROOT, ", ≤ %,.0f B", g.maxBytes()));
        met = r.medianMicros() <= g.maxMicros() && !(r.bytesPerOp() > g.maxBytes()) ? "yes" : "NO";
      }
      System.out.printf(
          Locale.ROOT,
          "| %s | %.2f | %.2f | %.2f | %.2f | %,.0f | %s | %s |%n",
          r.name(),
          r.medianMicros(),
          r.minMicros(),
          r.maxMicros(),
          r.wallMicros(),
          r.bytesPerOp(),
          goal,
          met);
    }
  }

  static Result measure(
      String name, Supplier<Object> op, double warmupSeconds, int batches, long batchMillis) {
    var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long self = Thread.currentThread().getId();
    Object sink = null;
    long warmEnd = threads.getCurrentThreadCpuTime() + (long) (warmupSeconds * 1e9);
    while (threads.getCurrentThreadCpuTime() < warmEnd) {
      for (int i = 0; i < 100; i++) {
        sink = op.get();
      }
    }
    double[] micros = new double[batches];
    long totalOps = 0;
    long totalBytes = 0;
    long totalWall = 0;
    for (int b = 0; b < batches; b++) {
      long cpu0 = threads.getCurrentThreadCpuTime();
      long bytes0 = threads.getThreadAllocatedBytes(self);
      long wall0 = System.nanoTime();
      long end = cpu0 + batchMillis * 1_000_000;
      long n = 0;
      long cpu;
      do {
        for (int i = 0; i < 50; i++) {
          sink = op.get();
        }
        n += 50;
        cpu = threads.getCurrentThreadCpuTime();
      } while (cpu < end);
      totalWall += System.nanoTime() - wall0;
      totalBytes += threads.getThreadAllocatedBytes(self) - bytes0;
      totalOps += n;
      micros[b] = (cpu - cpu0) / 1e3 / n;
    }
    if (sink == null) {
      throw new IllegalStateException(name + " returned null");
    }
    double[] sorted = micros.clone();
    Arrays.sort(sorted);
    System.out.printf(Locale.ROOT, "%s: CPU µs/op per batch %s%n", name, Arrays.toString(micros));
    return new Result(
        name,
        sorted[sorted.length / 2],
        sorted[0],
        sorted[sorted.length - 1],
        totalWall / 1e3 / totalOps,
        totalBytes / (double) totalOps);
  }
}
