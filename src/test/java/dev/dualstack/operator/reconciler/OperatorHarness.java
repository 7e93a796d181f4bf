package dev.dualstack.operator.reconciler;

import dev.dualstack.operator.api.Cluster;
import dev.dualstack.operator.api.ClusterStatus;
import dev.dualstack.operator.pipeline.capability.CapabilityMatrixLoader;
import dev.dualstack.operator.runtime.EmbeddedApiServer;
import dev.dualstack.operator.runtime.OperatorRuntime;
import dev.dualstack.operator.runtime.OperatorSettings;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

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
  }

  final Map<String, AtomicInteger> writes = new ConcurrentHashMap<>();
  final EmbeddedApiServer api;
  public final KubernetesClient client;
  public OperatorRuntime runtime;
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
    operatorClient = api.newClient();
    runtime =
        new OperatorRuntime(
                operatorClient, settings, CapabilityMatrixLoader.builtin(), Clock.systemUTC(), null)
            .start();
    return this;
  }

  OperatorHarness startOperator() {
    return startOperator(OperatorSettings.defaults(NAMESPACE).withRetry(Duration.ofMillis(200), 5));
  }

  /** Stops the operator and closes its client; the server keeps running. */
  public void stopOperator() {
    if (runtime != null) {
      runtime.close();
      operatorClient.close();
      runtime = null;
    }
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
      if (method.equals("PATCH") || method.equals("PUT")) {
        String path = request.getPath();
        int q = path.indexOf('?');
        writes
            .computeIfAbsent(
                method + " " + (q < 0 ? path : path.substring(0, q)), k -> new AtomicInteger())
            .incrementAndGet();
      }
      long start = System.nanoTime();
      MockResponse response = delegate.dispatch(request);
      RequestListener l = listener;
      if (l != null) {
        l.answered(request, response, System.nanoTime() - start);
      }
      return response;
    }

    @Override
    public void shutdown() {
      delegate.shutdown();
    }
  }
}
