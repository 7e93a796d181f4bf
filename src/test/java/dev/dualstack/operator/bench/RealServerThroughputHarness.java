package dev.dualstack.operator.bench;

import static org.awaitility.Awaitility.await;

import dev.dualstack.operator.api.Cluster;
import dev.dualstack.operator.api.ClusterStatus;
import dev.dualstack.operator.api.Conditions;
import dev.dualstack.operator.api.Datacenter;
import dev.dualstack.operator.pipeline.capability.CapabilityMatrixLoader;
import dev.dualstack.operator.reconciler.AsyncEventRecorder;
import dev.dualstack.operator.reconciler.ClusterEvent;
import dev.dualstack.operator.reconciler.ClusterEvents;
import dev.dualstack.operator.reconciler.KubernetesEventRecorder;
import dev.dualstack.operator.runtime.OperatorProcess;
import dev.dualstack.operator.runtime.OperatorRuntime;
import dev.dualstack.operator.runtime.OperatorSettings;
import io.fabric8.kubeapitest.KubeAPIServer;
import io.fabric8.kubeapitest.KubeAPIServerConfigBuilder;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * The throughput harness against a real kube-apiserver (with etcd): by default the one built from
 * the Go sources by {@code hack/kube-binaries.sh}, started through kube-api-test in offline mode
 * (no audit log, unlike the e2e tier); {@code --kubeconfig=PATH} uses any other server instead.
 *
 * <p>One run, for each N: the fair limit (as in {@link ThroughputHarness}: one LIST, then per
 * Cluster the operator's status JSON Patch on {@code concurrency} threads and its Event on the
 * background event writer), the operator started with the N Clusters waiting, the limit again
 * (their mean counts), then a restart of the operator (a resync that must write nothing). Before
 * each phase every Cluster and Event is deleted and N fresh Clusters are created. Completion is
 * seen through a watch of the harness (the same for both sides): every Cluster Ready and every
 * Event created. Writes are counted by the API server itself ({@code apiserver_request_total}).
 *
 * <p>Then the steady state (the scale curve's second figure): the restarted operator, with the N
 * Clusters cached, serves the chart's validating webhook ({@link ChartWebhook}: failurePolicy Fail,
 * the operator-managed certificate), and {@code --steady=M} Clusters are created one after the
 * other, each through admission; create→Ready is the time from sending the create to the harness's
 * watch seeing the Cluster Ready. The server's own {@code
 * apiserver_admission_webhook_admission_duration_seconds_count} shows that each create was judged
 * by the webhook.
 *
 * <p>{@code --clusters=1000,5000 --concurrency=4 --repeats=3 --warmups=1 --warmup-clusters=N
 * --steady=200 --webhook=true --limit-after=true --results=FILE.tsv --plot=FILE.png
 * [--kubeconfig=PATH]} (the warm-up runs before the first N only, with {@code --warmup-clusters}
 * Clusters, by default the first N; {@code --results} appends every counted run to a file and
 * {@code --plot} draws the whole file: {@link ScaleCurve}).
 */
public final class RealServerThroughputHarness {
  static final Duration TIMEOUT = Duration.ofMinutes(15);
  static final String VERSION = System.getProperty("e2e.kube.version", "1.36.3");

  private RealServerThroughputHarness() {}

  record Options(
      List<Integer> clusters,
      int concurrency,
      int repeats,
      int warmups,
      int warmupClusters,
      int steady,
      boolean webhook,
      boolean limitAfter,
      String results,
      String plot,
      String kubeconfig) {
    static Options parse(String[] args) {
      List<Integer> n = List.of(1000, 5000);
      int c = 4;
      int r = 3;
      int w = 1;
      int wn = 0;
      int steady = 200;
      boolean webhook = true;
      boolean limitAfter = true;
      String results = null;
      String plot = null;
      String kubeconfig = null;
      for (String a : args) {
        String[] kv = a.split("=", 2);
        switch (kv[0]) {
          case "--clusters" ->
              n = Stream.of(kv[1].split(",")).map(String::trim).map(Integer::valueOf).toList();
          case "--concurrency" -> c = Integer.parseInt(kv[1]);
          case "--repeats" -> r = Integer.parseInt(kv[1]);
          case "--warmups" -> w = Integer.parseInt(kv[1]);
          case "--warmup-clusters" -> wn = Integer.parseInt(kv[1]);
          case "--steady" -> steady = Integer.parseInt(kv[1]);
          case "--webhook" -> webhook = Boolean.parseBoolean(kv[1]);
          case "--limit-after" -> limitAfter = Boolean.parseBoolean(kv[1]);
          case "--results" -> results = kv[1];
          case "--plot" -> plot = kv[1];
          case "--kubeconfig" -> kubeconfig = kv[1];
          default -> throw new IllegalArgumentException("unknown option " + kv[0]);
        }
      }
      return new Options(n, c, r, w, wn, steady, webhook, limitAfter, results, plot, kubeconfig);
    }
  }

  /** One phase: seconds to the last write, status PATCHes and Event POSTs the server counted. */
  record Phase(double seconds, double statusPatches, double eventPosts) {}

  /**
   * The steady state: Clusters created one at a time, create→Ready and the create call alone
   * (admission included) in ms, and how many Cluster CREATEs the server sent to the webhook.
   */
  record Steady(
      int clusters,
      double readyP50,
      double readyP99,
      double createP50,
      double createP99,
      double admissionReviews) {
    static final Steady NONE = new Steady(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0);
  }

  record Run(
      int clusters,
      double loadAverage,
      Phase limitBefore,
      Phase operator,
      Phase limitAfter,
      double startSeconds,
      double reconcilesPerCluster,
      double resyncStatusPatches,
      double resyncEventPosts,
      Steady steady,
      long notReady) {
    double limitSeconds() {
      return limitAfter == null
          ? limitBefore.seconds()
          : (limitBefore.seconds() + limitAfter.seconds()) / 2;
    }

    ScaleCurve.Row row() {
      return new ScaleCurve.Row(
          java.time.Instant.now().toString(),
          clusters,
          loadAverage,
          limitBefore.seconds(),
          operator.seconds(),
          limitAfter == null ? Double.NaN : limitAfter.seconds(),
          limitSeconds(),
          ratio(),
          steady.clusters(),
          steady.readyP50(),
          steady.readyP99(),
          steady.createP50(),
          steady.createP99(),
          steady.admissionReviews(),
          notReady);
    }

    double ratio() {
      return limitSeconds() / operator.seconds();
    }
  }

  public static void main(String[] args) throws Exception {
    Options o = Options.parse(args);
    KubeAPIServer server = null;
    String kubeconfig;
    long t0 = System.nanoTime();
    if (o.kubeconfig() != null) {
      kubeconfig = Files.readString(Path.of(o.kubeconfig()));
    } else {
      server = startServer();
      kubeconfig = server.getKubeConfigYaml();
    }
    // the harness's own client: set-up requests (deleting thousands of objects) may take long
    try (KubernetesClient admin = adminClient(kubeconfig)) {
      System.out.printf(
          Locale.ROOT,
          "real-server throughput: kube-apiserver %s (%s, ready after %.1f s), Clusters %s,"
              + " concurrency %d, %d run(s) after %d warm-up run(s) per N; %d cores, load"
              + " average %s%n",
          admin.getKubernetesVersion().getGitVersion(),
          o.kubeconfig() == null ? "built from the Go sources, kube-api-test" : o.kubeconfig(),
          (System.nanoTime() - t0) / 1e9,
          o.clusters(),
          o.concurrency(),
          o.repeats(),
          o.warmups(),
          Runtime.getRuntime().availableProcessors(),
          ThroughputHarness.loadAverage());
      installCrds(admin);
      admin
          .namespaces()
          .resource(
              new NamespaceBuilder().withNewMetadata().withName(NAMESPACE).endMetadata().build())
          .createOr(n -> n.update());
      admin.resource(BenchClusters.openstackDc()).createOr(d -> d.update());
      List<String> tables = new ArrayList<>();
      // the warm-up runs (JIT compilation of client and operator) come before the first N only
      int warmups = o.warmups();
      for (int n : o.clusters()) {
        List<Run> runs = new ArrayList<>();
        for (int i = 0; i < warmups + o.repeats(); i++) {
          boolean warmup = i < warmups;
          int size = warmup && o.warmupClusters() > 0 ? o.warmupClusters() : n;
          Run r = run(admin, kubeconfig, o, size);
          System.out.println(
              (warmup ? "warm-up " + (i + 1) : "run " + (i - warmups + 1)) + ": " + r);
          if (!warmup) {
            runs.add(r);
            if (o.results() != null) {
              ScaleCurve.append(Path.of(o.results()), r.row());
            }
          }
        }
        warmups = 0;
        tables.add(table(runs));
      }
      System.out.println();
      tables.forEach(System.out::println);
      if (o.results() != null) {
        List<ScaleCurve.Row> all = ScaleCurve.read(Path.of(o.results()));
        System.out.println("the scale curve, every run in " + o.results() + ":");
        System.out.println(ScaleCurve.summary(all));
        if (o.plot() != null) {
          ScaleCurve.plot(all, Path.of(o.plot()));
          System.out.println("plotted: " + o.plot());
        }
      }
      System.out.println("load average after: " + ThroughputHarness.loadAverage());
    } finally {
      if (server != null) {
        server.stop();
      }
    }
  }

  static final String NAMESPACE = "dualstack-system";

  static KubeAPIServer startServer() throws IOException {
    String base =
        Optional.ofNullable(System.getenv("KUBE_API_TEST_DIR"))
            .orElse(System.getProperty("user.home") + "/.kubeapitest");
    Path binaries = Path.of(base, "k8s", VERSION + "-linux-amd64");
    if (!Files.isExecutable(binaries.resolve("kube-apiserver"))) {
      throw new IllegalStateException(binaries + ": no kube-apiserver; run hack/kube-binaries.sh");
    }
    Path dir = Files.createTempDirectory("kube-bench-");
    Files.createDirectories(dir.resolve("k8s"));
    Files.createSymbolicLink(dir.resolve("k8s").resolve(binaries.getFileName()), binaries);
    KubeAPIServer server =
        new KubeAPIServer(
            KubeAPIServerConfigBuilder.anAPIServerConfig()
                .withTestDir(dir.toString())
                .withOfflineMode(true)
                .withApiServerVersion(VERSION)
                .withUpdateKubeConfig(false)
                .withStartupTimeout(180_000)
                .withApiServerFlag("--bind-address", "127.0.0.1")
                .withApiServerFlag("--advertise-address", "127.0.0.1")
                .build());
    server.start();
    return server;
  }

  /** The harness's own client: set-up requests (deleting thousands of objects) may take long. */
  static KubernetesClient adminClient(String kubeconfig) {
    return new KubernetesClientBuilder()
        .withConfig(
            new ConfigBuilder(Config.fromKubeconfig(kubeconfig))
                .withRequestTimeout(300_000)
                .build())
        .build();
  }

  /** A client like the operator's: fabric8 with the Vert.x HTTP client, from the kubeconfig. */
  static KubernetesClient client(String kubeconfig) {
    return new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(kubeconfig)).build();
  }

  static void installCrds(KubernetesClient admin) throws IOException {
    try (Stream<Path> s = Files.list(Path.of("crds"))) {
      for (Path f : s.sorted().toList()) {
        try (InputStream in = Files.newInputStream(f)) {
          CustomResourceDefinition crd =
              admin.apiextensions().v1().customResourceDefinitions().load(in).item();
          admin.resource(crd).serverSideApply();
          String name = crd.getMetadata().getName();
          await()
              .atMost(Duration.ofMinutes(2))
              .until(
                  () -> {
                    var c = admin.apiextensions().v1().customResourceDefinitions().withName(name);
                    var got = c.get();
                    return got != null
                        && got.getStatus() != null
                        && got.getStatus().getConditions().stream()
                            .anyMatch(
                                x ->
                                    "Established".equals(x.getType())
                                        && "True".equals(x.getStatus()));
                  });
        }
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  static Run run(KubernetesClient admin, String kubeconfig, Options o, int n) throws IOException {
    double load = ThroughputHarness.loadAverage1();
    Phase before = limit(admin, kubeconfig, o, n);
    populate(admin, o, n);
    Tracker tracker = new Tracker(admin, n);
    long t0 = System.nanoTime();
    Map<String, Double> m0 = metrics(admin);
    KubernetesClient operatorClient = client(kubeconfig);
    OperatorRuntime runtime = operator(operatorClient, o);
    double started = (System.nanoTime() - t0) / 1e9;
    tracker.awaitDone();
    Phase op = new Phase((tracker.lastWrite() - t0) / 1e9, 0, 0);
    settle(admin);
    Map<String, Double> m1 = metrics(admin);
    op = new Phase(op.seconds(), delta(m0, m1, STATUS) / n, delta(m0, m1, EVENTS) / n);
    double reconciles = runtime.clusterReconciler().reconciliations() / (double) n;
    tracker.close();
    runtime.close();
    operatorClient.close(); // the runtime does not own its client
    // the restart: every Cluster reconciled again, nothing to write; this operator then serves
    // the chart's webhook for the steady state (it starts it once its caches are synced)
    ChartWebhook hook =
        o.steady() > 0 && o.webhook() ? ChartWebhook.install(admin, NAMESPACE) : null;
    Map<String, Double> m2;
    Steady steady = Steady.NONE;
    try (KubernetesClient client = client(kubeconfig);
        OperatorProcess again =
            OperatorProcess.start(
                client,
                settings(o),
                CapabilityMatrixLoader.builtin(),
                0,
                0,
                hook == null ? null : hook.settings())) {
      await()
          .atMost(TIMEOUT)
          .pollInterval(Duration.ofMillis(50))
          .until(() -> again.runtime().clusterReconciler().reconciliations() >= n);
      again.runtime().flushEvents(Duration.ofSeconds(30));
      settle(admin);
      m2 = metrics(admin);
      if (o.steady() > 0) {
        steady = steady(admin, hook, n, o.steady());
      }
    } finally {
      if (hook != null) {
        hook.close();
      }
    }
    long notReady =
        admin.resources(Cluster.class).list().getItems().stream()
            .filter(
                c -> c.getStatus() == null || !Conditions.PHASE_READY.equals(c.getStatus().phase()))
            .count();
    Phase after = o.limitAfter() ? limit(admin, kubeconfig, o, n) : null;
    return new Run(
        n,
        load,
        before,
        op,
        after,
        started,
        reconciles,
        delta(m1, m2, STATUS),
        delta(m1, m2, EVENTS),
        steady,
        notReady);
  }

  private static OperatorSettings settings(Options o) {
    return ThroughputHarness.settings(o.concurrency()).withRetry(Duration.ofSeconds(2), 5);
  }

  private static OperatorRuntime operator(KubernetesClient client, Options o) {
    return new OperatorRuntime(
            client, settings(o), CapabilityMatrixLoader.builtin(), Clock.systemUTC(), null)
        .start();
  }

  static final String ADMISSIONS = "apiserver_admission_webhook_admission_duration_seconds_count{";

  /**
   * {@code m} Clusters created one after the other while the operator runs with {@code n} cached
   * (and, with {@code hook}, judges each create): create→Ready and the create call alone.
   */
  static Steady steady(KubernetesClient admin, ChartWebhook hook, int n, int m) {
    if (hook != null) {
      hook.awaitAdmitting(ThroughputHarness.cluster(n + m));
    }
    Map<String, Double> a0 = metrics(admin, ADMISSIONS);
    long[] sent = new long[m];
    long[] created = new long[m];
    try (Tracker tracker = new Tracker(admin, n + m)) {
      tracker.awaitReady(n);
      for (int i = 0; i < m; i++) {
        Cluster c = ThroughputHarness.cluster(n + i);
        sent[i] = System.nanoTime();
        admin.resource(c).create();
        created[i] = System.nanoTime();
      }
      tracker.awaitDone();
      double[] ready = new double[m];
      double[] create = new double[m];
      for (int i = 0; i < m; i++) {
        ready[i] = (tracker.readyAt(ThroughputHarness.name(n + i)) - sent[i]) / 1e6;
        create[i] = (created[i] - sent[i]) / 1e6;
      }
      java.util.Arrays.sort(ready);
      java.util.Arrays.sort(create);
      Map<String, Double> a1 = metrics(admin, ADMISSIONS);
      return new Steady(
          m,
          ThroughputHarness.percentile(ready, 0.50),
          ThroughputHarness.percentile(ready, 0.99),
          ThroughputHarness.percentile(create, 0.50),
          ThroughputHarness.percentile(create, 0.99),
          delta(a0, a1, "name=\"clusters.dualstack.dev\",operation=\"CREATE\""));
    }
  }

  /** The fair limit on freshly created Clusters (see the class comment). */
  static Phase limit(KubernetesClient admin, String kubeconfig, Options o, int n) {
    populate(admin, o, n);
    ClusterStatus status = ThroughputHarness.readyStatus();
    ClusterEvent event = ClusterEvents.between(null, status).get(0);
    Tracker tracker = new Tracker(admin, n);
    Map<String, Double> m0 = metrics(admin);
    try (KubernetesClient client = client(kubeconfig);
        AsyncEventRecorder events =
            new AsyncEventRecorder(
                new KubernetesEventRecorder(
                    client, Clock.systemUTC(), KubernetesEventRecorder.COMPONENT),
                Math.max(AsyncEventRecorder.DEFAULT_CAPACITY, n))) {
      long t0 = System.nanoTime();
      List<Cluster> cache = client.resources(Cluster.class).list().getItems();
      String body = ThroughputHarness.statusPatch(client.getKubernetesSerialization(), status);
      ThroughputHarness.parallel(
          o.concurrency(),
          cache.size(),
          i -> {
            Cluster c = cache.get(i);
            ThroughputHarness.patchStatus(client, c, body);
            events.record(c, event);
          });
      events.flush(TIMEOUT);
      tracker.awaitDone();
      double seconds = (tracker.lastWrite() - t0) / 1e9;
      tracker.close();
      settle(admin);
      Map<String, Double> m1 = metrics(admin);
      return new Phase(seconds, delta(m0, m1, STATUS) / n, delta(m0, m1, EVENTS) / n);
    }
  }

  /** Deletes every Cluster and Event, then creates N Clusters (no status). */
  static void populate(KubernetesClient admin, Options o, int n) {
    admin.resources(Cluster.class).delete();
    admin.v1().events().inNamespace(KubernetesEventRecorder.EVENT_NAMESPACE).delete();
    await()
        .atMost(TIMEOUT)
        .pollInterval(Duration.ofMillis(200))
        .until(
            () ->
                admin.resources(Cluster.class).list().getItems().isEmpty()
                    && admin
                        .v1()
                        .events()
                        .inNamespace(KubernetesEventRecorder.EVENT_NAMESPACE)
                        .list()
                        .getItems()
                        .isEmpty());
    if (admin.resources(Datacenter.class).withName(BenchClusters.OPENSTACK_DC).get() == null) {
      admin.resource(BenchClusters.openstackDc()).create();
    }
    ThroughputHarness.parallel(
        Math.max(4, o.concurrency()),
        n,
        i -> admin.resource(ThroughputHarness.cluster(i)).create());
    System.gc();
  }

  /** Waits a moment for stragglers (late watch events, background writes) to reach the server. */
  private static void settle(KubernetesClient admin) {
    try {
      Thread.sleep(1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  static final String STATUS =
      "resource=\"clusters\",scope=\"resource\",subresource=\"status\",verb=\"PATCH\"";
  static final String EVENTS =
      "resource=\"events\",scope=\"resource\",subresource=\"\",verb=\"POST\"";

  /** {@code apiserver_request_total} by its label set. */
  static Map<String, Double> metrics(KubernetesClient admin) {
    return metrics(admin, "apiserver_request_total{");
  }

  /** The server's metric lines that start with {@code prefix}, by their label set. */
  static Map<String, Double> metrics(KubernetesClient admin, String prefix) {
    Map<String, Double> m = new ConcurrentHashMap<>();
    for (String line : admin.raw("/metrics").split("\n")) {
      if (!line.startsWith(prefix)) {
        continue;
      }
      int close = line.lastIndexOf('}');
      m.merge(
          line.substring(0, close + 1),
          Double.parseDouble(line.substring(close + 1).trim()),
          Double::sum);
    }
    return m;
  }

  /** The increase of the requests whose labels contain {@code labels} (in any order). */
  static double delta(Map<String, Double> before, Map<String, Double> after, String labels) {
    String[] parts = labels.split(",");
    double sum = 0;
    for (var e : after.entrySet()) {
      boolean match = true;
      for (String p : parts) {
        match &= e.getKey().contains(p);
      }
      if (match) {
        sum += e.getValue() - before.getOrDefault(e.getKey(), 0.0);
      }
    }
    return sum;
  }

  /** Sees, through its own watches, every Cluster become Ready and every Event arrive. */
  static final class Tracker implements AutoCloseable {
    private final int n;
    private final Map<String, Long> ready = new ConcurrentHashMap<>();
    private final Map<String, Long> events = new ConcurrentHashMap<>();
    private final AtomicLong last = new AtomicLong();
    private final SharedIndexInformer<Cluster> clusters;
    private final SharedIndexInformer<Event> eventInformer;

    Tracker(KubernetesClient admin, int n) {
      this.n = n;
      clusters =
          admin
              .resources(Cluster.class)
              .inform(
                  new ResourceEventHandler<>() {
                    @Override
                    public void onAdd(Cluster c) {
                      seen(c);
                    }

                    @Override
                    public void onUpdate(Cluster old, Cluster c) {
                      seen(c);
                    }

                    @Override
                    public void onDelete(Cluster c, boolean unknown) {}
                  });
      eventInformer =
          admin
              .v1()
              .events()
              .inNamespace(KubernetesEventRecorder.EVENT_NAMESPACE)
              .inform(
                  new ResourceEventHandler<>() {
                    @Override
                    public void onAdd(Event e) {
                      if (events.putIfAbsent(e.getMetadata().getName(), System.nanoTime())
                          == null) {
                        last.accumulateAndGet(System.nanoTime(), Math::max);
                      }
                    }

                    @Override
                    public void onUpdate(Event old, Event e) {}

                    @Override
                    public void onDelete(Event e, boolean unknown) {}
                  });
    }

    private void seen(Cluster c) {
      if (c.getStatus() != null
          && Conditions.PHASE_READY.equals(c.getStatus().phase())
          && ready.putIfAbsent(c.getMetadata().getName(), System.nanoTime()) == null) {
        last.accumulateAndGet(System.nanoTime(), Math::max);
      }
    }

    void awaitDone() {
      await()
          .atMost(TIMEOUT)
          .pollInterval(Duration.ofMillis(20))
          .until(() -> ready.size() >= n && events.size() >= n);
    }

    void awaitReady(int count) {
      await()
          .atMost(TIMEOUT)
          .pollInterval(Duration.ofMillis(20))
          .until(() -> ready.size() >= count);
    }

    /** System.nanoTime() when the Cluster was first seen Ready. */
    long readyAt(String name) {
      return ready.get(name);
    }

    long lastWrite() {
      return last.get();
    }

    @Override
    public void close() {
      clusters.close();
      eventInformer.close();
    }
  }

  static String table(List<Run> runs) {
    StringBuilder sb = new StringBuilder();
    sb.append(
        "| N | run | load avg (1 min) | limit before (s) | operator (s) | limit after (s) |"
            + " **operator/limit** | operator start (s) | reconciles/Cluster | status PATCHes/Cluster:"
            + " operator | limit | Events/Cluster: operator | resync status PATCHes | resync Events |"
            + " steady Clusters | steady create→Ready p50 / p99 (ms) | create call p50 / p99 (ms) |"
            + " webhook reviews | not Ready |\n");
    sb.append(
        "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|---:|---:|\n");
    for (int i = 0; i < runs.size(); i++) {
      Run r = runs.get(i);
      sb.append(
          String.format(
              Locale.ROOT,
              "| %d | %d | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f | %.3f | %.3f | %.3f | %.2f |"
                  + " %.0f | %.0f | %d | %.0f / %.0f | %.0f / %.0f | %.0f | %d |%n",
              r.clusters(),
              i + 1,
              r.loadAverage(),
              r.limitBefore().seconds(),
              r.operator().seconds(),
              r.limitAfter() == null ? Double.NaN : r.limitAfter().seconds(),
              r.ratio(),
              r.startSeconds(),
              r.reconcilesPerCluster(),
              r.operator().statusPatches(),
              r.limitAfter() == null
                  ? r.limitBefore().statusPatches()
                  : (r.limitBefore().statusPatches() + r.limitAfter().statusPatches()) / 2,
              r.operator().eventPosts(),
              r.resyncStatusPatches(),
              r.resyncEventPosts(),
              r.steady().clusters(),
              r.steady().readyP50(),
              r.steady().readyP99(),
              r.steady().createP50(),
              r.steady().createP99(),
              r.steady().admissionReviews(),
              r.notReady()));
    }
    double[] ratios = runs.stream().mapToDouble(Run::ratio).sorted().toArray();
    if (ratios.length > 0) {
      sb.append(
          String.format(
              Locale.ROOT,
              "%noperator/limit at N=%d: median %.2f (min %.2f, max %.2f) over %d runs%n",
              runs.get(0).clusters(),
              ratios[ratios.length / 2],
              ratios[0],
              ratios[ratios.length - 1],
              ratios.length));
    }
    return sb.toString();
  }
}
