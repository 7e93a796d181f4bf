package dev.dualstack.operator.bench;

import static org.awaitility.Awaitility.await;

import dev.dualstack.operator.api.Cluster;
import dev.dualstack.operator.api.ClusterStatus;
import dev.dualstack.operator.api.Conditions;
import dev.dualstack.operator.pipeline.Pipeline;
import dev.dualstack.operator.pipeline.capability.CapabilityMatrixLoader;
import dev.dualstack.operator.pipeline.model.ClusterInput;
import dev.dualstack.operator.pipeline.model.DatacenterInput;
import dev.dualstack.operator.pipeline.status.ClusterStatusFactory;
import dev.dualstack.operator.reconciler.OperatorHarness;
import dev.dualstack.operator.runtime.OperatorSettings;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntConsumer;
import java.util.function.ToDoubleFunction;

/**
 * End-to-end throughput of the operator against the in-process API server, next to the server's own
 * limit measured in the same run: a raw loop of GET + status PATCH with the same concurrency.
 *
 * <p>One run: N dual-stack Clusters (and their Datacenter) are created, the operator is started and
 * timed until every Cluster's status has been written (Ready); M more Clusters are then created one
 * after the other while the operator runs (create→Ready latency); the operator is restarted (a
 * resync of every Cluster with nothing changed: status writes must be 0); finally, with the
 * operator stopped, the raw loop runs over the first N Clusters against the same server. Status and
 * Event writes are counted at the server.
 *
 * <p>{@code --clusters=N --latency-clusters=M --concurrency=C --repeats=R --warmups=W} (defaults
 * 1000, 200, 4, 3, 3); prints one row per run and the medians, warm-up runs apart.
 */
public final class ThroughputHarness {
  static final Duration TIMEOUT = Duration.ofMinutes(10);

  record Options(int clusters, int latencyClusters, int concurrency, int repeats, int warmups) {
    static Options parse(String[] args) {
      int n = 1000;
      int m = 200;
      int c = 4;
      int r = 3;
      int w = 3;
      for (String a : args) {
        String[] kv = a.split("=", 2);
        int v = Integer.parseInt(kv[1]);
        switch (kv[0]) {
          case "--clusters" -> n = v;
          case "--latency-clusters" -> m = v;
          case "--concurrency" -> c = v;
          case "--repeats" -> r = v;
          case "--warmups" -> w = v;
          default -> throw new IllegalArgumentException("unknown option " + kv[0]);
        }
      }
      return new Options(n, m, c, r, w);
    }
  }

  /** What one run measured. */
  record Run(
      double startSeconds,
      double firstWriteSeconds,
      double operatorSeconds,
      double operatorRate,
      double rawRate,
      double rawWatchedRate,
      double operatorServerMsPerCluster,
      double rawServerMsPerCluster,
      double rawWatchedServerMsPerCluster,
      double latencyP50Ms,
      double latencyP99Ms,
      double statusWritesPerCluster,
      long resyncStatusWrites,
      long resyncEventWrites,
      double resyncSeconds,
      double eventsPerCluster,
      double getsPerCluster,
      long notReady,
      long serverErrors) {
    double ratio() {
      return operatorRate / rawRate;
    }
  }

  private ThroughputHarness() {}

  public static void main(String[] args) {
    Options o = Options.parse(args);
    System.out.printf(
        Locale.ROOT,
        "throughput: %d Clusters pre-created, %d created while running, concurrency %d, %d"
            + " run(s) after %d warm-up run(s); %d cores, max heap %d MB, load average %s%n",
        o.clusters(),
        o.latencyClusters(),
        o.concurrency(),
        o.repeats(),
        o.warmups(),
        Runtime.getRuntime().availableProcessors(),
        Runtime.getRuntime().maxMemory() >> 20,
        loadAverage());
    // the first run in a JVM pays class loading and JIT compilation (of the server too): it is
    // printed, not counted
    List<Run> warmups = new ArrayList<>();
    for (int i = 0; i < o.warmups(); i++) {
      Run r = run(o);
      warmups.add(r);
      System.out.println("warm-up " + (i + 1) + ": " + r);
    }
    List<Run> runs = new ArrayList<>();
    for (int i = 0; i < o.repeats(); i++) {
      Run r = run(o);
      runs.add(r);
      System.out.println("run " + (i + 1) + ": " + r);
    }
    if (!warmups.isEmpty()) {
      System.out.println();
      System.out.println("warm-up (cold JVM):");
      System.out.println(table(warmups));
    }
    System.out.println();
    System.out.println(table(runs));
    System.out.println("load average after: " + loadAverage());
  }

  static Run run(Options o) {
    ServerCounters counters = new ServerCounters();
    try (OperatorHarness h = new OperatorHarness()) {
      h.listener(counters);
      KubernetesClient client = h.client;
      client.resource(BenchClusters.openstackDc()).create();
      parallel(o.concurrency(), o.clusters(), i -> client.resource(cluster(i)).create());

      // 1. operator started with N Clusters waiting: time until all are Ready
      long statusBefore = counters.statusWrites.sum();
      long eventsBefore = counters.eventWrites.sum();
      long getsBefore = counters.gets.sum();
      long busyBefore = counters.busyNanos.sum();
      long t0 = System.nanoTime();
      h.startOperator(settings(o.concurrency()));
      long tStarted = System.nanoTime();
      await()
          .atMost(TIMEOUT)
          .pollInterval(Duration.ofMillis(20))
          .until(() -> counters.firstStatusWrite.size() >= o.clusters());
      long tReady = counters.firstStatusWrite.values().stream().mapToLong(v -> v).max().orElse(t0);
      long tFirst = counters.firstStatusWrite.values().stream().mapToLong(v -> v).min().orElse(t0);
      double operatorBusy = (counters.busyNanos.sum() - busyBefore) / 1e9;
      quiesce(counters);
      double operatorSeconds = (tReady - t0) / 1e9;
      double writesPerCluster =
          (counters.statusWrites.sum() - statusBefore) / (double) o.clusters();
      double eventsPerCluster = (counters.eventWrites.sum() - eventsBefore) / (double) o.clusters();
      double getsPerCluster = (counters.gets.sum() - getsBefore) / (double) o.clusters();

      // 2. Clusters created one after the other while the operator runs: create→Ready latency
      long[] created = new long[o.latencyClusters()];
      for (int i = 0; i < o.latencyClusters(); i++) {
        created[i] = System.nanoTime();
        client.resource(cluster(o.clusters() + i)).create();
      }
      await()
          .atMost(TIMEOUT)
          .pollInterval(Duration.ofMillis(20))
          .until(() -> counters.firstStatusWrite.size() >= o.clusters() + o.latencyClusters());
      double[] latencies = new double[o.latencyClusters()];
      for (int i = 0; i < o.latencyClusters(); i++) {
        latencies[i] = (counters.firstStatusWrite.get(name(o.clusters() + i)) - created[i]) / 1e6;
      }
      Arrays.sort(latencies);
      quiesce(counters);

      // 3. restart: every Cluster is reconciled again with nothing changed
      int total = o.clusters() + o.latencyClusters();
      h.stopOperator();
      long resyncStatusBefore = counters.statusWrites.sum();
      long resyncEventsBefore = counters.eventWrites.sum();
      long r0 = System.nanoTime();
      h.startOperator(settings(o.concurrency()));
      AtomicLong rDone = new AtomicLong();
      await()
          .atMost(TIMEOUT)
          .pollInterval(Duration.ofMillis(20))
          .until(() -> h.reconciliations() >= total);
      rDone.set(System.nanoTime());
      quiesce(counters);
      long resyncWrites = counters.statusWrites.sum() - resyncStatusBefore;
      long resyncEvents = counters.eventWrites.sum() - resyncEventsBefore;
      long notReady =
          client.resources(Cluster.class).list().getItems().stream()
              .filter(
                  c ->
                      c.getStatus() == null
                          || !Conditions.PHASE_READY.equals(c.getStatus().phase()))
              .count();
      // 4. the raw loop against the same server: GET + the same status PATCH, same concurrency;
      // first while the idle operator still watches (the server also sends each change to its
      // informer), then with the operator stopped (the server's bare limit)
      ClusterStatus status = readyStatus();
      long busy0 = counters.busyNanos.sum();
      double rawWatchedSeconds = rawLoop(client, o, status);
      double rawWatchedBusy = (counters.busyNanos.sum() - busy0) / 1e9;
      h.stopOperator();
      busy0 = counters.busyNanos.sum();
      double rawSeconds = rawLoop(client, o, status);
      double rawBusy = (counters.busyNanos.sum() - busy0) / 1e9;

      return new Run(
          (tStarted - t0) / 1e9,
          (tFirst - t0) / 1e9,
          operatorSeconds,
          o.clusters() / operatorSeconds,
          o.clusters() / rawSeconds,
          o.clusters() / rawWatchedSeconds,
          operatorBusy * 1000 / o.clusters(),
          rawBusy * 1000 / o.clusters(),
          rawWatchedBusy * 1000 / o.clusters(),
          percentile(latencies, 0.50),
          percentile(latencies, 0.99),
          writesPerCluster,
          resyncWrites,
          resyncEvents,
          (rDone.get() - r0) / 1e9,
          eventsPerCluster,
          getsPerCluster,
          notReady,
          counters.errors.sum());
    }
  }

  /** GET + status PATCH of the first N Clusters on {@code concurrency} threads; seconds taken. */
  static double rawLoop(KubernetesClient client, Options o, ClusterStatus status) {
    long w0 = System.nanoTime();
    parallel(
        o.concurrency(),
        o.clusters(),
        i -> {
          Cluster got = client.resources(Cluster.class).withName(name(i)).get();
          got.setStatus(null);
          Cluster modified = client.getKubernetesSerialization().clone(got);
          modified.setStatus(status);
          client.resource(got).editStatus(c -> modified);
        });
    return (System.nanoTime() - w0) / 1e9;
  }

  static OperatorSettings settings(int concurrency) {
    return new OperatorSettings(
        OperatorHarness.NAMESPACE, concurrency, null, null, Duration.ofSeconds(2), 5);
  }

  static String name(int i) {
    return String.format(Locale.ROOT, "c-%05d", i);
  }

  static Cluster cluster(int i) {
    return BenchClusters.dualStack(name(i));
  }

  /** The status the operator writes for a harness Cluster (the raw loop writes the same). */
  static ClusterStatus readyStatus() {
    Cluster c = cluster(0);
    c.getMetadata().setGeneration(1L);
    return new ClusterStatusFactory(Clock.systemUTC())
        .build(
            null,
            new Pipeline(CapabilityMatrixLoader.builtin())
                .evaluate(ClusterInput.of(c), DatacenterInput.of(BenchClusters.openstackDc())),
            1L);
  }

  /** Runs {@code task(0..count-1)} on {@code threads} threads and waits for all. */
  static void parallel(int threads, int count, IntConsumer task) {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        int n = i;
        futures.add(pool.submit(() -> task.accept(n)));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    } catch (Exception e) {
      throw new IllegalStateException(e);
    } finally {
      pool.shutdownNow();
    }
  }

  /** Waits until the server has seen no request for one second. */
  static void quiesce(ServerCounters counters) {
    AtomicLong last = new AtomicLong(-1);
    await()
        .atMost(TIMEOUT)
        .pollInterval(Duration.ofMillis(100))
        .during(Duration.ofSeconds(1))
        .until(() -> last.getAndSet(counters.requests.sum()) == counters.requests.sum());
  }

  static double percentile(double[] sorted, double p) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int i = (int) Math.ceil(p * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
  }

  static double median(List<Run> runs, ToDoubleFunction<Run> f) {
    double[] v = runs.stream().mapToDouble(f).sorted().toArray();
    int n = v.length;
    return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
  }

  private record Column(String header, String format, ToDoubleFunction<Run> value) {}

  private static final List<Column> COLUMNS =
      List.of(
          new Column("operator start (s)", "%.2f", Run::startSeconds),
          new Column("all Ready after start (s)", "%.1f", Run::operatorSeconds),
          new Column("operator Clusters/s", "%.1f", Run::operatorRate),
          new Column("raw get+patch/s", "%.1f", Run::rawRate),
          new Column("operator/raw", "%.2f", Run::ratio),
          new Column("raw, operator watching (/s)", "%.1f", Run::rawWatchedRate),
          new Column("operator/raw watching", "%.2f", r -> r.operatorRate() / r.rawWatchedRate()),
          new Column("server ms/Cluster: operator", "%.2f", Run::operatorServerMsPerCluster),
          new Column("raw", "%.2f", Run::rawServerMsPerCluster),
          new Column("raw watching", "%.2f", Run::rawWatchedServerMsPerCluster),
          new Column("p50 create→Ready (ms)", "%.0f", Run::latencyP50Ms),
          new Column("p99 (ms)", "%.0f", Run::latencyP99Ms),
          new Column("status writes/Cluster", "%.3f", Run::statusWritesPerCluster),
          new Column("resync status writes", "%.0f", Run::resyncStatusWrites),
          new Column("resync events", "%.0f", Run::resyncEventWrites),
          new Column("resync (s)", "%.1f", Run::resyncSeconds),
          new Column("events/Cluster", "%.2f", Run::eventsPerCluster),
          new Column("GETs/Cluster", "%.3f", Run::getsPerCluster),
          new Column("not Ready", "%.0f", Run::notReady));

  /** A Markdown table: one row per run and the medians. */
  static String table(List<Run> runs) {
    StringBuilder sb = new StringBuilder("| run |");
    COLUMNS.forEach(c -> sb.append(' ').append(c.header()).append(" |"));
    sb.append("\n|---|");
    COLUMNS.forEach(c -> sb.append("---:|"));
    sb.append('\n');
    for (int i = 0; i < runs.size(); i++) {
      Run r = runs.get(i);
      sb.append("| ").append(i + 1).append(" |");
      COLUMNS.forEach(
          c ->
              sb.append(' ')
                  .append(String.format(Locale.ROOT, c.format(), c.value().applyAsDouble(r)))
                  .append(" |"));
      sb.append('\n');
    }
    sb.append("| median |");
    COLUMNS.forEach(
        c ->
            sb.append(' ')
                .append(String.format(Locale.ROOT, c.format(), median(runs, c.value())))
                .append(" |"));
    return sb.append('\n').toString();
  }

  static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).trim();
    } catch (IOException e) {
      return "unknown";
    }
  }
}
