package dev.dualstack.operator.bench;

import static org.awaitility.Awaitility.await;

import dev.dualstack.operator.reconciler.OperatorHarness;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Locale;

/**
 * The operator's heap with N Clusters in its caches, measured in one JVM next to the in-process API
 * server by difference: heap in use after a full GC with the operator running and every Cluster
 * reconciled, minus the heap after the operator is stopped (the server and its objects stay). The
 * same difference with an empty server gives the fixed cost; per Cluster = (with N − empty) / N.
 * Also times the start-up: {@code start()} returning (informer caches synced) and the first Cluster
 * status write, with N Clusters waiting.
 *
 * <p>{@code --clusters=N --concurrency=C}
 */
public final class MemoryHarness {
  private MemoryHarness() {}

  record Result(
      int clusters,
      double emptyOperatorMb,
      double operatorMb,
      double perClusterKb,
      double serverMb,
      double totalMb,
      double startSeconds,
      double firstReconcileSeconds,
      double allReadySeconds) {}

  public static void main(String[] args) {
    int n = 10_000;
    int c = 4;
    for (String a : args) {
      String[] kv = a.split("=", 2);
      switch (kv[0]) {
        case "--clusters" -> n = Integer.parseInt(kv[1]);
        case "--concurrency" -> c = Integer.parseInt(kv[1]);
        default -> throw new IllegalArgumentException("unknown option " + kv[0]);
      }
    }
    System.out.printf(
        Locale.ROOT,
        "memory: %d Clusters, concurrency %d; max heap %d MB, load average %s%n",
        n,
        c,
        Runtime.getRuntime().maxMemory() >> 20,
        ThroughputHarness.loadAverage());
    Result r = run(n, c);
    System.out.println(r);
    System.out.println();
    System.out.println(
        "| Clusters | operator heap, empty (MB) | operator heap with the Clusters cached (MB)"
            + " | per Cluster (KB) | server heap (MB) | whole JVM heap (MB) | start() returned (s)"
            + " | first Cluster reconciled (s) | all Ready (s) |");
    System.out.println("|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    System.out.printf(
        Locale.ROOT,
        "| %d | %.1f | %.1f | %.2f | %.1f | %.1f | %.2f | %.2f | %.1f |%n",
        r.clusters(),
        r.emptyOperatorMb(),
        r.operatorMb(),
        r.perClusterKb(),
        r.serverMb(),
        r.totalMb(),
        r.startSeconds(),
        r.firstReconcileSeconds(),
        r.allReadySeconds());
    System.out.println("load average after: " + ThroughputHarness.loadAverage());
  }

  static Result run(int n, int concurrency) {
    ServerCounters counters = new ServerCounters();
    try (OperatorHarness h = new OperatorHarness()) {
      h.listener(counters);
      h.client.resource(BenchClusters.openstackDc()).create();

      // fixed cost: the operator with no Cluster
      h.startOperator(ThroughputHarness.settings(concurrency));
      ThroughputHarness.quiesce(counters);
      long emptyWith = usedHeapAfterGc();
      h.stopOperator();
      long emptyWithout = usedHeapAfterGc();

      ThroughputHarness.parallel(
          concurrency, n, i -> h.client.resource(ThroughputHarness.cluster(i)).create());
      counters.resetFirstWrites();

      long t0 = System.nanoTime();
      h.startOperator(ThroughputHarness.settings(concurrency));
      long started = System.nanoTime();
      await()
          .atMost(Duration.ofMinutes(30))
          .pollInterval(Duration.ofMillis(50))
          .until(() -> counters.firstStatusWrite.size() >= n);
      long first = counters.firstStatusWrite.values().stream().mapToLong(v -> v).min().orElse(t0);
      long last = counters.firstStatusWrite.values().stream().mapToLong(v -> v).max().orElse(t0);
      h.runtime.flushEvents(Duration.ofMinutes(5));
      ThroughputHarness.quiesce(counters);
      long with = usedHeapAfterGc();
      h.stopOperator();
      long without = usedHeapAfterGc();

      double emptyMb = (emptyWith - emptyWithout) / 1048576.0;
      double operatorMb = (with - without) / 1048576.0;
      return new Result(
          n,
          emptyMb,
          operatorMb,
          (operatorMb - emptyMb) * 1024 / n,
          without / 1048576.0,
          with / 1048576.0,
          (started - t0) / 1e9,
          (first - t0) / 1e9,
          (last - t0) / 1e9);
    }
  }

  /** Heap in use after full collections (System.gc() is a full, stop-the-world GC with G1). */
  static long usedHeapAfterGc() {
    var memory = ManagementFactory.getMemoryMXBean();
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 3; i++) {
      System.gc();
      used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
    }
    return used;
  }
}
