package dev.dualstack.operator.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dualstack.operator.api.Cluster;
import dev.dualstack.operator.api.ClusterStatus;
import dev.dualstack.operator.api.Conditions;
import dev.dualstack.operator.api.Datacenter;
import dev.dualstack.operator.pipeline.model.ClusterInput;
import dev.dualstack.operator.pipeline.model.DatacenterInput;
import dev.dualstack.operator.pipeline.Pipeline;
import dev.dualstack.operator.pipeline.capability.CapabilityMatrixLoader;
import dev.dualstack.operator.pipeline.status.ClusterStatusFactory;
import dev.dualstack.operator.reconciler.AsyncEventRecorder;
import dev.dualstack.operator.reconciler.ClusterEvent;
import dev.dualstack.operator.reconciler.JsonPatchStatusWriter;
import dev.dualstack.operator.reconciler.KubernetesEventRecorder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Throughput on the real kube-apiserver, operator against a <b>fair limit</b> in the same run, on
 * the same server, as the same ServiceAccount, with the same client type and concurrency (4, the
 * operator's default reconcile threads): the limit issues exactly the requests the operator must
 * issue for N Clusters from a cold start, one LIST of the Clusters, then per Cluster the status
 * JSON Patch the operator sends ({@link JsonPatchStatusWriter#send}) and one Event create through
 * the operator's own recorder on a background thread. Both windows are measured by the server's
 * clock (the audit log): from the LIST to the last status write. Also: writes per Cluster, writes
 * on a restart with nothing to do, steady-state create→Ready latency, the API server's CPU time.
 * No timed assertion: the figures are printed and written to target/e2e-logs/throughput.md.
 *
 * <p>{@code -Dthroughput.n=5000} for a larger run ({@code hack/e2e.sh -Dtest=ThroughputE2E
 * -Dthroughput.n=5000}); default 1,000.
 */
@Tag("e2e")
class ThroughputE2E {
  private static final int N = Integer.getInteger("throughput.n", 1000);
  private static final int STEADY = Integer.getInteger("throughput.steady", 200);
  private static final int CONCURRENCY = 4;
  private static final String NS = Chart.NAMESPACE;
  private static final String SA_USER = Audit.serviceAccount(NS, Chart.SERVICE_ACCOUNT);
  private static ControlPlane cp;
  private static KubernetesClient admin;
  private static Path saKubeconfig;
  private static Datacenter dc;

  @BeforeAll
  static void start() {
    cp = ControlPlane.start(ThroughputE2E.class);
    admin = cp.admin();
    // no admission webhook here (AdmissionE2E has it): with no pods, the chart's Service would
    // have no endpoints and failurePolicy Fail would refuse every Cluster
    Chart.install(cp, Chart.RELEASE, NS, Map.of("webhook.enabled", "false"));
    saKubeconfig = cp.serviceAccountKubeconfig(NS, Chart.SERVICE_ACCOUNT);
    dc =
        Examples.YAML.convertValue(
            Examples.ofKind(Examples.documents(List.of(Path.of("examples/openstack.yaml"))), "Datacenter")
                .get(0),
            Datacenter.class);
    admin.resource(dc).create();
  }

  @AfterAll
  static void stop() {
    if (cp != null) {
      cp.close();
    }
  }

  @Test
  void operatorAgainstTheFairLimit() throws Exception {
    List<String> report = new ArrayList<>();
    report.add("| N | phase | server window (ms) | ratio | status writes / Cluster | kube-apiserver CPU (s) |");
    report.add("|---|---|---|---|---|---|");

    // limit: the operator's requests, nothing more
    createClusters("lim", N);
    double cpu0 = cp.serverCpuSeconds();
    Instant limitStart = Instant.now();
    limit("lim"); // its window starts at its LIST, after the statuses are precomputed
    double limitCpu = cp.serverCpuSeconds() - cpu0;
    Window limit = window(limitStart, "lim");

    // operator: cold start over N pre-created Clusters
    createClusters("op", N);
    double cpu1 = cp.serverCpuSeconds();
    Instant opStart = Instant.now();
    long wall0 = System.nanoTime();
    Window op;
    try (OperatorProcess operator = startOperator("tp-op", "tp=op")) {
      awaitAllReady("op", N);
      long wallMs = (System.nanoTime() - wall0) / 1_000_000;
      double opCpu = cp.serverCpuSeconds() - cpu1;
      op = window(opStart, "op");
      report.add(row(N, "fair limit (LIST + status JSON Patch + Event)", limit, 1.0, limitCpu));
      report.add(row(N, "operator, cold start", op, (double) limit.millis() / op.millis(), opCpu));
      report.add("");
      report.add("operator wall time from `run` to all Ready (JVM start and informer sync included): "
          + wallMs + " ms");
      assertThat(op.writes()).as("status writes by the operator for %d Clusters", N).isLessThanOrEqualTo((long) Math.ceil(N * 1.05));

      // steady state: create→Ready latency, one Cluster at a time, operator running
      double[] latencies = steadyState(STEADY);
      report.add(String.format(
          "steady state, %d Clusters created one after another: create→Ready p50 %.0f ms, p99 %.0f ms",
          STEADY, percentile(latencies, 0.50), percentile(latencies, 0.99)));
    }

    // a restart with nothing to do writes nothing
    Instant restart = Instant.now();
    try (OperatorProcess again = startOperator("tp-op-restart", "tp=op")) {
      Thread.sleep(5_000); // the initial list and its reconciles are done well within this
      long writes = statusWritesSince(restart);
      report.add("restart over " + N + " Ready Clusters: " + writes + " status writes");
      assertThat(writes).as("status writes after a restart with nothing to do").isZero();
    }

    report.add("");
    report.add("load average at the end: " + Files.readString(Path.of("/proc/loadavg")).trim()
        + " (" + Runtime.getRuntime().availableProcessors() + " cores)");
    String text = String.join("\n", report);
    System.out.println("[e2e] ThroughputE2E on " + cp.gitVersion() + "\n" + text);
    Files.createDirectories(Path.of("target", "e2e-logs"));
    Files.writeString(Path.of("target", "e2e-logs", "throughput-" + N + ".md"), text + "\n");
  }

  private static String row(int n, String phase, Window w, double ratio, double cpu) {
    return String.format("| %d | %s | %d | %.2f | %.3f | %.1f |", n, phase, w.millis(), ratio,
        (double) w.writes() / n, cpu);
  }

  private static OperatorProcess startOperator(String name, String selector) {
    return OperatorProcess.start(name, saKubeconfig, "--namespace=" + NS,
        "--label-selector=" + selector, "--concurrency=" + CONCURRENCY);
  }

  private static void createClusters(String prefix, int n) {
    parallel(8, n, i -> admin.resource(cluster(prefix, i)).create());
  }

  private static Cluster cluster(String prefix, int i) {
    try {
      Cluster c = Examples.YAML.readValue(
          """
          apiVersion: dualstack.dev/v1
          kind: Cluster
          metadata: {name: %s-%05d, labels: {tp: %s}}
          spec:
            version: "1.33.5"
            cloud: {dc: openstack-fra, openstack: {}}
            clusterNetwork:
              pods: {cidrBlocks: [172.25.0.0/16, "fd01::/48"]}
              services: {cidrBlocks: [10.240.16.0/20, "fd02::/108"]}
          """.formatted(prefix, i, prefix), Cluster.class);
      return c;
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  /** The fair limit: one LIST, then per Cluster the operator's status patch and one Event. */
  private static void limit(String prefix) throws Exception {
    try (KubernetesClient sa = new KubernetesClientBuilder()
            .withConfig(Config.fromKubeconfig(Files.readString(saKubeconfig))).build();
        AsyncEventRecorder events = new AsyncEventRecorder(
            new KubernetesEventRecorder(sa, Clock.systemUTC(), "limit"), AsyncEventRecorder.DEFAULT_CAPACITY)) {
      // the statuses are computed before the window: the limit does requests only
      Map<String, ClusterStatus> statuses = new ConcurrentHashMap<>();
      for (int i = 0; i < N; i++) {
        Cluster c = cluster(prefix, i);
        c.getMetadata().setGeneration(1L);
        statuses.put(c.getMetadata().getName(), statusOf(c));
      }
      List<Cluster> clusters = sa.resources(Cluster.class).withLabel("tp", prefix).list().getItems();
      assertThat(clusters).hasSize(N);
      parallel(CONCURRENCY, clusters.size(), i -> {
        Cluster c = clusters.get(i);
        JsonPatchStatusWriter.send(sa, c, statuses.get(c.getMetadata().getName()));
        events.record(c, new ClusterEvent(ClusterEvent.NORMAL, Conditions.EVENT_NETWORK_ACCEPTED, "accepted generation 1"));
      });
      events.flush(Duration.ofMinutes(2));
    }
  }

  private static ClusterStatus statusOf(Cluster c) {
    return new ClusterStatusFactory(Clock.systemUTC()).build(null,
        new Pipeline(CapabilityMatrixLoader.builtin()).evaluate(ClusterInput.of(c), DatacenterInput.of(dc)),
        c.getMetadata().getGeneration());
  }

  private static void awaitAllReady(String prefix, int n) {
    await("all " + n + " " + prefix + " Clusters Ready")
        .atMost(Duration.ofMinutes(20))
        .pollInterval(Duration.ofSeconds(1))
        .until(() -> admin.resources(Cluster.class).withLabel("tp", prefix).list().getItems().stream()
            .filter(c -> c.getStatus() != null && Conditions.PHASE_READY.equals(c.getStatus().phase()))
            .count() == n);
  }

  private static double[] steadyState(int m) throws Exception {
    Map<String, Long> created = new ConcurrentHashMap<>();
    Map<String, Long> ready = new ConcurrentHashMap<>();
    try (var watch = admin.resources(Cluster.class).withLabel("tp", "op").watch(new Watcher<Cluster>() {
      @Override
      public void eventReceived(Action action, Cluster c) {
        if (c.getStatus() != null && Conditions.PHASE_READY.equals(c.getStatus().phase())) {
          ready.putIfAbsent(c.getMetadata().getName(), System.nanoTime());
        }
      }

      @Override
      public void onClose(WatcherException cause) {}
    })) {
      for (int i = 0; i < m; i++) {
        Cluster c = cluster("op", N + i);
        created.put(c.getMetadata().getName(), System.nanoTime());
        admin.resource(c).create();
        Thread.sleep(50);
      }
      await("steady-state Clusters Ready").atMost(Duration.ofMinutes(5))
          .until(() -> ready.keySet().containsAll(created.keySet()));
    }
    return created.entrySet().stream()
        .mapToDouble(e -> (ready.get(e.getKey()) - e.getValue()) / 1e6).sorted().toArray();
  }

  /** From the SA's LIST of the phase's Clusters to its last status write, by the server's clock. */
  private static Window window(Instant since, String prefix) {
    List<JsonNode> events = Audit.of(cp, SA_USER).events().stream()
        .filter(e -> !Instant.parse(e.path("requestReceivedTimestamp").asText()).isBefore(since))
        .toList();
    Instant first = null;
    Instant last = null;
    long writes = 0;
    for (JsonNode e : events) {
      String resource = e.path("objectRef").path("resource").asText();
      String sub = e.path("objectRef").path("subresource").asText("");
      String verb = e.path("verb").asText();
      Instant received = Instant.parse(e.path("requestReceivedTimestamp").asText());
      Instant done = Instant.parse(e.path("stageTimestamp").asText());
      if (resource.equals("clusters") && verb.equals("list") && first == null) {
        first = received;
      }
      if (resource.equals("clusters") && sub.equals("status") && verb.equals("patch")
          && e.path("objectRef").path("name").asText().startsWith(prefix + "-")) {
        writes++;
        last = last == null || done.isAfter(last) ? done : last;
      }
    }
    assertThat(first).as("a LIST of Clusters by %s after %s", SA_USER, since).isNotNull();
    assertThat(last).as("status writes by %s", SA_USER).isNotNull();
    return new Window(Duration.between(first, last).toMillis(), writes);
  }

  private static long statusWritesSince(Instant since) {
    return Audit.of(cp, SA_USER).events().stream()
        .filter(e -> !Instant.parse(e.path("requestReceivedTimestamp").asText()).isBefore(since))
        .filter(e -> "status".equals(e.path("objectRef").path("subresource").asText()))
        .filter(e -> "patch".equals(e.path("verb").asText()))
        .count();
  }

  record Window(long millis, long writes) {}

  private static double percentile(double[] sorted, double p) {
    return sorted.length == 0 ? Double.NaN : sorted[(int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
  }

  private static void parallel(int threads, int count, IntConsumer task) {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<java.util.concurrent.Future<?>> futures = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        int index = i;
        futures.add(pool.submit(() -> task.accept(index)));
      }
      for (var f : futures) {
        f.get(10, TimeUnit.MINUTES);
      }
    } catch (Exception e) {
      throw new AssertionError(e);
    } finally {
      pool.shutdownNow();
    }
  }

  @SuppressWarnings("unused")
  private static String describe(double[] a) {
    return Arrays.toString(a);
  }
}
