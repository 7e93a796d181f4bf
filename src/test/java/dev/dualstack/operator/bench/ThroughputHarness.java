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
import dev.dualstack.operator.reconciler.AsyncEventRecorder;
import dev.dualstack.operator.reconciler.ClusterEvent;
import dev.dualstack.operator.reconciler.ClusterEvents;
import dev.dualstack.operator.reconciler.ClusterObjectCounter;
import dev.dualstack.operator.reconciler.KubernetesEventRecorder;
import dev.dualstack.operator.reconciler.OperatorHarness;
import dev.dualstack.operator.runtime.OperatorSettings;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
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
 * End-to-end throughput of the operator against the in-process API server, next to the fair limit
 * measured in the same run: a loop that sends exactly the requests the operator must send per
 * Cluster and nothing else (STYLE.md, "Fair baselines").
 *
 * <p>Per Cluster the operator reads from its informer cache and sends one status PATCH (a JSON
 * Patch of {@code /status}, no resourceVersion: JOSDK without server-side apply) and one Event
 * create (NetworkAccepted, written by {@code AsyncEventRecorder} on one background thread). The
 * limit loop does the same with the same kind of client (built like the operator's): one LIST of
 * the Clusters (its "cache"), then on {@code concurrency} threads the same JSON Patch body per
 * Cluster, each handing the same Event to the same background event writer; it ends when every
 * status and every Event is written, as the operator's phase does. Nothing else: no GET, no
 * client-side diff, no pipeline.
 *
 * <p>One run has three phases, each on a fresh in-process server holding the same objects (a
 * Datacenter and N Clusters without status), so that no phase pays for the objects of another (the
 * mock scans its whole store on every request):
 *
 * <ol>
 *   <li>limit: the loop above, nothing watching;
 *   <li>limit, informer ("watched"): the same, but the Clusters are listed and watched by an
 *       informer of the loop's client started inside the window, as the operator's informer is (its
 *       start is inside the operator's window), and the loop works from the informer's cache; the
 *       server then also sends every change to the watch, as it does while the operator runs. These
 *       are exactly the requests the operator must make for the Clusters; the plain limit makes
 *       fewer (no watch) and is the stricter comparison;
 *   <li>operator: started with the N Clusters waiting, timed until every status and Event is
 *       written; then M Clusters are created one after the other (create→Ready latency); then the
 *       operator is restarted (a resync with nothing changed: status writes must be 0).
 * </ol>
 *
 * The limit runs just before and just after the operator, and their mean counts (the machine's load
 * drifts); the watched limit runs before the operator in even runs, after it in odd runs. Status
 * and Event writes are counted and timed at the server.
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

  /**
   * One phase that writes every Cluster's status and Event: seconds from its start to the last
   * write, seconds from the first status write to the last write (steady state, without the start),
   * the server's time per Cluster, writes per Cluster and the first status write's request.
   */
  record Phase(
      double seconds,
      double steadySeconds,
      double serverMsPerCluster,
      double statusWritesPerCluster,
      double eventsPerCluster,
      double statusBytesPerWrite,
      double getsPerCluster,
      long serverErrors,
      String firstStatusWrite,
      double cpuMsPerCluster) {

    /** The mean of two measurements of the same phase. */
    static Phase mean(Phase a, Phase b) {
      return new Phase(
          (a.seconds + b.seconds) / 2,
          (a.steadySeconds + b.steadySeconds) / 2,
          (a.serverMsPerCluster + b.serverMsPerCluster) / 2,
          (a.statusWritesPerCluster + b.statusWritesPerCluster) / 2,
          (a.eventsPerCluster + b.eventsPerCluster) / 2,
          (a.statusBytesPerWrite + b.statusBytesPerWrite) / 2,
          (a.getsPerCluster + b.getsPerCluster) / 2,
          a.serverErrors + b.serverErrors,
          a.firstStatusWrite,
          (a.cpuMsPerCluster + b.cpuMsPerCluster) / 2);
    }
  }

  /** What one run measured. */
  record Run(
      double loadAverage,
      double startSeconds,
      Phase operator,
      Phase limit,
      Phase limitWatched,
      double latencyP50Ms,
      double latencyP99Ms,
      long resyncStatusWrites,
      long resyncEventWrites,
      double resyncSeconds,
      long notReady,
      long serverErrors,
      int clusters,
      double reconcilesPerCluster,
      double objectsReadPerReconcile,
      double objectsWrittenPerReconcile,
      double sharedCopiesPerReconcile,
      Phase limitBefore,
      Phase limitAfter) {
    double operatorRate() {
      return clusters / operator.seconds();
    }

    double limitRate() {
      return clusters / limit.seconds();
    }

    double limitWatchedRate() {
      return clusters / limitWatched.seconds();
    }

    /** Operator / limit, both from their start to their last write. */
    double ratio() {
      return operatorRate() / limitRate();
    }

    /** The same, both from their first status write to their last write. */
    double steadyRatio() {
      return limit.steadySeconds() / operator.steadySeconds();
    }

    double statusWritesPerCluster() {
      return operator.statusWritesPerCluster();
    }

    double eventsPerCluster() {
      return operator.eventsPerCluster();
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
      Run r = run(o, i);
      warmups.add(r);
      System.out.println("warm-up " + (i + 1) + ": " + r);
    }
    List<Run> runs = new ArrayList<>();
    for (int i = 0; i < o.repeats(); i++) {
      Run r = run(o, i);
      runs.add(r);
      System.out.println("run " + (i + 1) + ": " + r);
    }
    if (!runs.isEmpty()) {
      System.out.println();
      System.out.println(
          "first status write, operator: " + runs.get(0).operator().firstStatusWrite());
      System.out.println("first status write, limit:    " + runs.get(0).limit().firstStatusWrite());
    }
    if (!warmups.isEmpty()) {
      System.out.println();
      System.out.println("warm-up (the first in a cold JVM):");
      System.out.println(table(warmups));
    }
    System.out.println();
    System.out.println(table(runs));
    System.out.println("load average after: " + loadAverage());
  }

  /**
   * One run: the limit just before and just after the operator (their mean counts, so that a load
   * that drifts during the run weighs on both sides alike), the watched limit before the operator
   * in even runs and after it in odd ones.
   */
  static Run run(Options o, int index) {
    double load = loadAverage1();
    Phase before = limit(o, false);
    Phase watchedBefore = index % 2 == 0 ? limit(o, true) : null;
    OperatorRun op = operator(o);
    Phase after = limit(o, false);
    Phase limitWatched = watchedBefore != null ? watchedBefore : limit(o, true);
    Phase limit = Phase.mean(before, after);
    return new Run(
        load,
        op.startSeconds,
        op.phase,
        limit,
        limitWatched,
        op.latencyP50Ms,
        op.latencyP99Ms,
        op.resyncStatusWrites,
        op.resyncEventWrites,
        op.resyncSeconds,
        op.notReady,
        op.serverErrors + limit.serverErrors() + limitWatched.serverErrors(),
        o.clusters(),
        op.reconcilesPerCluster,
        op.objectsReadPerReconcile,
        op.objectsWrittenPerReconcile,
        op.sharedCopiesPerReconcile,
        before,
        after);
  }

  private record OperatorRun(
      double startSeconds,
      Phase phase,
      double latencyP50Ms,
      double latencyP99Ms,
      long resyncStatusWrites,
      long resyncEventWrites,
      double resyncSeconds,
      long notReady,
      long serverErrors,
      double reconcilesPerCluster,
      double objectsReadPerReconcile,
      double objectsWrittenPerReconcile,
      double sharedCopiesPerReconcile) {}

  /** A fresh server with the Datacenter and N Clusters (no status) created. */
  private static OperatorHarness populated(Options o, ServerCounters counters) {
    OperatorHarness h = new OperatorHarness();
    h.listener(counters);
    h.client.resource(BenchClusters.openstackDc()).create();
    parallel(o.concurrency(), o.clusters(), i -> h.client.resource(cluster(i)).create());
    quiesce(counters);
    System.gc();
    return h;
  }

  private static OperatorRun operator(Options o) {
    ServerCounters counters = new ServerCounters();
    try (OperatorHarness h = populated(o, counters)) {
      KubernetesClient client = h.client;

      // what an informer of the Clusters reads to start (its list, and on the in-process server
      // a replay of every object when the watch opens): not counted as the operator's copies
      long informerStartReads = informerStartReads(h, counters);

      // 1. operator started with N Clusters waiting: time until every status and Event is written
      Snapshot before = new Snapshot(counters);
      long t0 = System.nanoTime();
      h.startOperator(settings(o.concurrency()));
      long tStarted = System.nanoTime();
      await()
          .atMost(TIMEOUT)
          .pollInterval(Duration.ofMillis(20))
          .until(() -> counters.firstStatusWrite.size() >= o.clusters());
      quiesce(counters);
      Phase phase = before.phase(counters, t0, o.clusters());
      long reconciles = h.reconciliations();
      // Cluster objects the operator's client read beyond its initial list (its cache), and wrote
      double read = (h.operatorClusters.read.sum() - informerStartReads) / (double) reconciles;
      double written = h.operatorClusters.written.sum() / (double) reconciles;
      double shared = sharedCopies(h) / (double) reconciles;

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
      await()
          .atMost(TIMEOUT)
          .pollInterval(Duration.ofMillis(20))
          .until(() -> h.reconciliations() >= total);
      long rDone = System.nanoTime();
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
      return new OperatorRun(
          (tStarted - t0) / 1e9,
          phase,
          percentile(latencies, 0.50),
          percentile(latencies, 0.99),
          resyncWrites,
          resyncEvents,
          (rDone - r0) / 1e9,
          notReady,
          counters.errors.sum(),
          reconciles / (double) o.clusters(),
          read,
          written,
          shared);
    }
  }

  /** Cluster objects a fresh informer of the Clusters reads until it is synced and quiet. */
  private static long informerStartReads(OperatorHarness h, ServerCounters counters) {
    ClusterObjectCounter c = new ClusterObjectCounter();
    try (KubernetesClient client = h.newClient(c)) {
      SharedIndexInformer<Cluster> informer = client.resources(Cluster.class).inform();
      await().atMost(TIMEOUT).until(informer::hasSynced);
      quiesce(counters);
      long reads = c.read.sum();
      informer.close();
      return reads;
    }
  }

  /** Copies of cached Clusters made without serialization, when the operator counts them. */
  private static long sharedCopies(OperatorHarness h) {
    try {
      Object copies = h.runtime.getClass().getMethod("resourceCopies").invoke(h.runtime);
      return ((long[]) copies)[0];
    } catch (ReflectiveOperationException e) {
      return 0; // an operator without the record-sharing cloner: every copy is a serialization
    }
  }

  /**
   * The fair limit: with a client built like the operator's, one LIST, then per Cluster the
   * operator's status PATCH (the same JSON Patch body) on {@code concurrency} threads and the
   * operator's Event handed to the operator's background event writer; timed to the last write.
   *
   * @param watched the Clusters are listed and watched by an informer of the same client, started
   *     inside the window, instead of one plain LIST
   */
  static Phase limit(Options o, boolean watched) {
    ServerCounters counters = new ServerCounters();
    ClusterStatus status = readyStatus();
    ClusterEvent event = ClusterEvents.between(null, status).get(0);
    try (OperatorHarness h = populated(o, counters);
        KubernetesClient client = h.newClient();
        AsyncEventRecorder events =
            new AsyncEventRecorder(
                new KubernetesEventRecorder(
                    client, Clock.systemUTC(), KubernetesEventRecorder.COMPONENT),
                AsyncEventRecorder.DEFAULT_CAPACITY)) {
      SharedIndexInformer<Cluster> informer = null;
      String body = statusPatch(client.getKubernetesSerialization(), status);
      Snapshot before = new Snapshot(counters);
      long t0 = System.nanoTime();
      List<Cluster> cache;
      if (watched) {
        // as the operator: an informer lists and watches the Clusters (inside the window, as the
        // operator's start is inside its window), and the loop works from the informer's cache
        informer = client.resources(Cluster.class).inform();
        SharedIndexInformer<Cluster> i = informer;
        await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(5)).until(i::hasSynced);
        cache = informer.getStore().list();
      } else {
        cache = client.resources(Cluster.class).list().getItems();
      }
      parallel(
          o.concurrency(),
          cache.size(),
          i -> {
            Cluster c = cache.get(i);
            patchStatus(client, c, body);
            events.record(c, event);
          });
      if (!events.flush(TIMEOUT)) {
        throw new IllegalStateException("events not written within " + TIMEOUT);
      }
      quiesce(counters);
      Phase p = before.phase(counters, t0, o.clusters());
      if (informer != null) {
        informer.close();
      }
      return p;
    }
  }

  /**
   * The body of the operator's status patch on a first reconcile: a JSON Patch adding the status.
   */
  static String statusPatch(KubernetesSerialization json, ClusterStatus status) {
    return "[{\"op\":\"add\",\"path\":\"/status\",\"value\":" + json.asJson(status) + "}]";
  }

  /**
   * The request alone, through the client's HTTP client (its connection pool, authentication and
   * retries), with the answer read into a Cluster as the operator must (it caches it): no copy of
   * the object first, no diff. Kept here, not shared with the operator's code, so that the limit
   * stays the same whatever the operator does (the smoke test checks both send the same request).
   */
  static Cluster patchStatus(KubernetesClient client, Cluster cluster, ClusterStatus status) {
    return patchStatus(client, cluster, statusPatch(client.getKubernetesSerialization(), status));
  }

  /** {@link #patchStatus(KubernetesClient, Cluster, ClusterStatus)} with the body made. */
  static Cluster patchStatus(KubernetesClient client, Cluster cluster, String body) {
    String url =
        client.getConfiguration().getMasterUrl().replaceAll("/+$", "")
            + "/apis/"
            + Cluster.API_VERSION
            + "/clusters/"
            + cluster.getMetadata().getName()
            + "/status";
    var http = client.getHttpClient();
    var request =
        http.newHttpRequestBuilder()
            .uri(url)
            .header("Accept", "application/json")
            .method("PATCH", "application/json-patch+json", body)
            .build();
    try {
      var response = http.sendAsync(request, String.class).get();
      if (!response.isSuccessful()) {
        throw new IllegalStateException("PATCH " + url + ": " + response.code());
      }
      return client.getKubernetesSerialization().unmarshal(response.body(), Cluster.class);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    }
  }

  /**
   * CPU time of the whole JVM (server, client and operator share it): how much of the two cores a
   * phase used per Cluster.
   */
  static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean)
            java.lang.management.ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  /** The server's counters at the start of a phase. */
  private static final class Snapshot {
    final long status;
    final long statusBytes;
    final long events;
    final long gets;
    final long busy;
    final long errors;
    final long cpu;

    Snapshot(ServerCounters c) {
      status = c.statusWrites.sum();
      statusBytes = c.statusWriteBytes.sum();
      events = c.eventWrites.sum();
      gets = c.gets.sum();
      busy = c.busyNanos.sum();
      errors = c.errors.sum();
      cpu = processCpuNanos();
      c.resetFirstWrites();
      c.firstStatusWrite0.set(null);
    }

    Phase phase(ServerCounters c, long t0, int clusters) {
      long first = c.firstStatusWrite.values().stream().mapToLong(v -> v).min().orElse(t0);
      long last = c.lastWrite();
      long writes = c.statusWrites.sum() - status;
      return new Phase(
          (last - t0) / 1e9,
          (last - first) / 1e9,
          (c.busyNanos.sum() - busy) / 1e6 / clusters,
          writes / (double) clusters,
          (c.eventWrites.sum() - events) / (double) clusters,
          writes == 0 ? 0 : (c.statusWriteBytes.sum() - statusBytes) / (double) writes,
          (c.gets.sum() - gets) / (double) clusters,
          c.errors.sum() - errors,
          c.firstStatusWrite0.get(),
          (processCpuNanos() - cpu) / 1e6 / clusters);
    }
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
          new Column("load avg (1 min) at start", "%.2f", Run::loadAverage),
          new Column("operator start (s)", "%.2f", Run::startSeconds),
          new Column("operator: all written after start (s)", "%.2f", r -> r.operator().seconds()),
          new Column("operator Clusters/s", "%.1f", Run::operatorRate),
          new Column("limit PATCH+Event /s (mean)", "%.1f", Run::limitRate),
          new Column("limit before", "%.1f", r -> r.clusters() / r.limitBefore().seconds()),
          new Column("limit after", "%.1f", r -> r.clusters() / r.limitAfter().seconds()),
          new Column("**operator/limit**", "%.2f", Run::ratio),
          new Column("limit, watched (/s)", "%.1f", Run::limitWatchedRate),
          new Column(
              "operator/limit watched", "%.2f", r -> r.operatorRate() / r.limitWatchedRate()),
          new Column("steady operator/limit", "%.2f", Run::steadyRatio),
          new Column("server ms/Cluster: operator", "%.2f", r -> r.operator().serverMsPerCluster()),
          new Column("limit", "%.2f", r -> r.limit().serverMsPerCluster()),
          new Column("limit watched", "%.2f", r -> r.limitWatched().serverMsPerCluster()),
          new Column("JVM CPU ms/Cluster: operator", "%.2f", r -> r.operator().cpuMsPerCluster()),
          new Column("limit", "%.2f", r -> r.limit().cpuMsPerCluster()),
          new Column("limit watched", "%.2f", r -> r.limitWatched().cpuMsPerCluster()),
          new Column("p50 create→Ready (ms)", "%.0f", Run::latencyP50Ms),
          new Column("p99 (ms)", "%.0f", Run::latencyP99Ms),
          new Column("status writes/Cluster: operator", "%.3f", Run::statusWritesPerCluster),
          new Column("limit", "%.3f", r -> r.limit().statusWritesPerCluster()),
          new Column("events/Cluster: operator", "%.2f", Run::eventsPerCluster),
          new Column("limit", "%.2f", r -> r.limit().eventsPerCluster()),
          new Column(
              "status PATCH bytes: operator", "%.0f", r -> r.operator().statusBytesPerWrite()),
          new Column("limit", "%.0f", r -> r.limit().statusBytesPerWrite()),
          new Column("GETs/Cluster: operator", "%.3f", r -> r.operator().getsPerCluster()),
          new Column("limit", "%.3f", r -> r.limit().getsPerCluster()),
          new Column("reconciles/Cluster", "%.3f", Run::reconcilesPerCluster),
          new Column("Clusters read/reconcile", "%.2f", Run::objectsReadPerReconcile),
          new Column("Clusters written/reconcile", "%.2f", Run::objectsWrittenPerReconcile),
          new Column("shared copies/reconcile", "%.2f", Run::sharedCopiesPerReconcile),
          new Column("resync status writes", "%.0f", Run::resyncStatusWrites),
          new Column("resync events", "%.0f", Run::resyncEventWrites),
          new Column("resync (s)", "%.1f", Run::resyncSeconds),
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

  /** The 1-minute load average, NaN when unknown. */
  static double loadAverage1() {
    try {
      return Double.parseDouble(loadAverage().split(" ")[0]);
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }

  static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).trim();
    } catch (IOException e) {
      return "unknown";
    }
  }
}
