package dev.dualstack.operator.reconciler;

import dev.dualstack.operator.api.Cluster;
import dev.dualstack.operator.api.ClusterStatus;
import dev.dualstack.operator.pipeline.capability.CapabilityMatrixLoader;
import dev.dualstack.operator.runtime.EmbeddedApiServer;
import dev.dualstack.operator.runtime.OperatorRuntime;
import dev.dualstack.operator.runtime.OperatorSettings;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.authorization.v1.ResourceRuleBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectRulesReviewBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.mockwebserver.http.ByteString;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.mockwebserver.http.Response;
import io.fabric8.mockwebserver.http.WebSocket;
import io.fabric8.mockwebserver.http.WebSocketListener;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * One in-process API server (CRDs first) and the real operator against it, started before any
 * object is created. Counts write requests per path at the server, and lets a listener see every
 * answered request (the performance harnesses in {@code bench/} time and count with it).
 */
public final class OperatorHarness implements AutoCloseable {
  public static final String NAMESPACE = "dualstack-system";

  /** Called after the server answered a request (from the server's threads). */
  @FunctionalInterface
  public interface RequestListener {
    /**
     * @param nanos how long the server took to answer (dispatch, including watch notifications)
     */
    void answered(RecordedRequest request, MockResponse response, long nanos);

    /** Called before the server answers (the request body is still unread). */
    default void received(RecordedRequest request) {}
  }

  final Map<String, AtomicInteger> writes = new ConcurrentHashMap<>();

  /** Faults to inject, first match answers instead of the server (each used up to its count). */
  final Queue<Fault> faults = new ConcurrentLinkedQueue<>();

  /** Open watch WebSockets by request path (without the query). */
  final Map<WebSocket, String> watches = new ConcurrentHashMap<>();

  /** Watch requests answered so far, by path (without the query). */
  final Map<String, AtomicInteger> watchRequests = new ConcurrentHashMap<>();

  /** While true, new watch requests are refused with 503 (the client keeps retrying). */
  volatile boolean watchesRefused;

  /** A fault: requests matching {@code method} and {@code path} get {@code code}, {@code times}. */
  static final class Fault {
    final String method;
    final Pattern path;
    final int code;
    final int times;
    final AtomicInteger remaining;
    final AtomicInteger used = new AtomicInteger();

    Fault(String method, String pathRegex, int code, int times) {
      this.method = method;
      this.path = Pattern.compile(pathRegex);
      this.code = code;
      this.times = times;
      this.remaining = new AtomicInteger(times);
    }

    boolean take(RecordedRequest request, String path) {
      if (!method.equals(request.getMethod()) || !this.path.matcher(path).matches()) {
        return false;
      }
      if (remaining.getAndDecrement() <= 0) {
        remaining.set(0);
        return false;
      }
      used.incrementAndGet();
      return true;
    }
  }

  final EmbeddedApiServer api;
  public final KubernetesClient client;
  public OperatorRuntime runtime;
  private MeterRegistry meters;

  /** Cluster objects read and written by the operators' clients (all started so far). */
  public final ClusterObjectCounter operatorClusters = new ClusterObjectCounter();

  private KubernetesClient operatorClient;
  private volatile RequestListener listener;

  public OperatorHarness() {
    api = new EmbeddedApiServer(CountingDispatcher::new).start();
    client = api.client();
  }

  public OperatorHarness listener(RequestListener listener) {
    this.listener = listener;
    return this;
  }

  public OperatorHarness startOperator(OperatorSettings settings) {
    return startOperator(settings, null);
  }

  /**
   * Starts an operator with its own client, which reconnects dropped watches after 100 ms (fabric8
   * backs off exponentially from there); {@code registry} may be null.
   */
  public OperatorHarness startOperator(OperatorSettings settings, MeterRegistry registry) {
    meters = registry == null ? new SimpleMeterRegistry() : registry;
    operatorClient = newClient(operatorClusters);
    runtime =
        new OperatorRuntime(
                operatorClient,
                settings,
                CapabilityMatrixLoader.builtin(),
                Clock.systemUTC(),
                meters)
            .start();
    return this;
  }

  /** How many Cluster reconciles the running operator ran (JOSDK's own metric). */
  public long reconciliations() {
    return reconciliations(meters);
  }

  /**
   * JOSDK's count of Cluster reconciles run to the end in {@code registry}: its timer of the
   * reconcile executions of the {@code cluster} controller.
   */
  public static long reconciliations(MeterRegistry registry) {
    return registry.find("operator.sdk.controllers.execution.reconcile").timers().stream()
        .filter(t -> ClusterReconciler.NAME.equals(t.getId().getTag("controller")))
        .mapToLong(t -> t.count())
        .sum();
  }

  /**
   * A new client of the server built like the operator's (same HTTP client, same settings); the
   * caller closes it. The performance harnesses send their limit loops through one of these.
   */
  public KubernetesClient newClient() {
    return newClient(new ClusterObjectCounter());
  }

  /** The same, counting the Cluster objects its serialization reads and writes into {@code c}. */
  public KubernetesClient newClient(ClusterObjectCounter c) {
    return new KubernetesClientBuilder()
        .withKubernetesSerialization(c.serialization())
        .withConfig(
            new ConfigBuilder(Config.empty())
                .withMasterUrl(client.getConfiguration().getMasterUrl())
                .withTrustCerts(true)
                .withNamespace("default")
                .withWatchReconnectInterval(100)
                .build())
        .build();
  }

  OperatorHarness startOperator() {
    return startOperator(OperatorSettings.defaults(NAMESPACE).withRetry(Duration.ofMillis(200), 5));
  }

  /** Injects {@code code} for the next {@code times} requests matching method and path regex. */
  Fault inject(String method, String pathRegex, int code, int times) {
    Fault f = new Fault(method, pathRegex, code, times);
    faults.add(f);
    return f;
  }

  /** Closes every open watch whose path starts with {@code prefix}, from the server side. */
  int dropWatches(String prefix) {
    int closed = 0;
    for (var e : Map.copyOf(watches).entrySet()) {
      if (e.getValue().startsWith(prefix)) {
        e.getKey().close(1001, "dropped by the test");
        closed++;
      }
    }
    return closed;
  }

  int watchRequests(String path) {
    return watchRequests.getOrDefault(path, new AtomicInteger()).get();
  }

  /**
   * Stops the operator and closes its client; the server keeps running and {@link #startOperator}
   * starts a new one.
   */
  public void stopOperator() {
    if (runtime != null) {
      runtime.close();
      operatorClient.close();
      runtime = null;
    }
  }

  /**
   * The mock only echoes SelfSubjectRulesReview: answer with the lease permissions JOSDK checks.
   */
  public void allowLeasePermissions() {
    api.server()
        .expect()
        .post()
        .withPath("/apis/authorization.k8s.io/v1/selfsubjectrulesreviews")
        .andReturn(
            201,
            new SelfSubjectRulesReviewBuilder()
                .withNewStatus()
                .withIncomplete(false)
                .withResourceRules(
                    new ResourceRuleBuilder()
                        .withApiGroups("coordination.k8s.io")
                        .withResources("leases")
                        .withVerbs("get", "create", "update", "patch")
                        .build())
                .endStatus()
                .build())
        .always();
  }

  /** PATCH and PUT requests to a Cluster's status. */
  public int statusWrites(String cluster) {
    String path = "/apis/dualstack.dev/v1/clusters/" + cluster + "/status";
    return writes.getOrDefault("PATCH " + path, new AtomicInteger()).get()
        + writes.getOrDefault("PUT " + path, new AtomicInteger()).get();
  }

  Cluster cluster(String name) {
    return client.resources(Cluster.class).withName(name).get();
  }

  ClusterStatus status(String name) {
    Cluster c = cluster(name);
    return c == null ? null : c.getStatus();
  }

  /** True when the cluster's status reflects its current generation. */
  boolean reconciled(String name) {
    Cluster c = cluster(name);
    return c != null
        && c.getStatus() != null
        && c.getMetadata().getGeneration().equals(c.getStatus().observedGeneration());
  }

  List<Event> events(String cluster, String reason) {
    return client.v1().events().inNamespace("default").list().getItems().stream()
        .filter(e -> cluster.equals(e.getInvolvedObject().getName()))
        .filter(e -> reason.equals(e.getReason()))
        .toList();
  }

  @Override
  public void close() {
    stopOperator();
    api.close();
  }

  private final class CountingDispatcher extends Dispatcher {
    private final Dispatcher delegate;

    CountingDispatcher(Dispatcher delegate) {
      this.delegate = delegate;
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
      String method = request.getMethod();
      String path = request.getPath();
      int q = path.indexOf('?');
      String bare = q < 0 ? path : path.substring(0, q);
      if (method.equals("PATCH") || method.equals("PUT")) {
        writes.computeIfAbsent(method + " " + bare, k -> new AtomicInteger()).incrementAndGet();
      }
      for (Fault f : faults) {
        if (f.take(request, bare)) {
          return status(f.code);
        }
      }
      boolean watch = q >= 0 && path.substring(q).contains("watch=true");
      if (watch) {
        watchRequests.computeIfAbsent(bare, k -> new AtomicInteger()).incrementAndGet();
        if (watchesRefused) {
          return status(503);
        }
      }
      RequestListener l = listener;
      if (l != null) {
        l.received(request);
      }
      long start = System.nanoTime();
      MockResponse response = delegate.dispatch(request);
      if (l != null) {
        l.answered(request, response, System.nanoTime() - start);
      }
      WebSocketListener ws = response.getWebSocketListener();
      if (watch && ws != null) {
        response.withWebSocketUpgrade(new TrackingListener(ws, bare));
      }
      return response;
    }

    private MockResponse status(int code) {
      String reason =
          switch (code) {
            case 409 -> "Conflict";
            case 410 -> "Expired";
            case 429 -> "TooManyRequests";
            case 503 -> "ServiceUnavailable";
            default -> "InternalError";
          };
      return new MockResponse()
          .setResponseCode(code)
          .setHeader("Content-Type", "application/json")
          .setBody(
              "{\"apiVersion\":\"v1\",\"kind\":\"Status\",\"status\":\"Failure\","
                  + "\"reason\":\""
                  + reason
                  + "\",\"code\":"
                  + code
                  + ",\"message\":\"injected by the test\"}");
    }

    @Override
    public void shutdown() {
      delegate.shutdown();
    }
  }

  /** Delegates to the mock's watch listener and remembers the open WebSocket. */
  private final class TrackingListener extends WebSocketListener {
    private final WebSocketListener delegate;
    private final String path;

    TrackingListener(WebSocketListener delegate, String path) {
      this.delegate = delegate;
      this.path = path;
    }

    @Override
    public void onBeforeAccept(WebSocket ws, Response response) {
      delegate.onBeforeAccept(ws, response);
    }

    @Override
    public void onOpen(WebSocket ws, Response response) {
      watches.put(ws, path);
      delegate.onOpen(ws, response);
    }

    @Override
    public void onMessage(WebSocket ws, String text) {
      delegate.onMessage(ws, text);
    }

    @Override
    public void onMessage(WebSocket ws, ByteString bytes) {
      delegate.onMessage(ws, bytes);
    }

    @Override
    public void onMessage(WebSocket ws, byte[] bytes) {
      delegate.onMessage(ws, bytes);
    }

    @Override
    public void onClosing(WebSocket ws, int code, String reason) {
      watches.remove(ws);
      delegate.onClosing(ws, code, reason);
    }

    @Override
    public void onClosed(WebSocket ws, int code, String reason) {
      watches.remove(ws);
      delegate.onClosed(ws, code, reason);
    }

    @Override
    public void onFailure(WebSocket ws, Throwable t, Response response) {
      watches.remove(ws);
      delegate.onFailure(ws, t, response);
    }
  }
}
