package dev.dualstack.operator.runtime;

import dev.dualstack.operator.pipeline.capability.CapabilityMatrix;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What {@code run} runs: the operator, Prometheus metrics (JOSDK, JVM, clusters by phase) and the
 * health and metrics endpoints. {@link #close()} stops it all (the SIGTERM shutdown hook calls it);
 * {@link #awaitStop()} blocks until then.
 */
public final class OperatorProcess implements AutoCloseable {
  private final PrometheusMeterRegistry registry;
  private final OperatorRuntime runtime;
  private final HttpEndpoints http;
  private final CountDownLatch stopped = new CountDownLatch(1);
  private final AtomicBoolean closed = new AtomicBoolean();

  private OperatorProcess(
      KubernetesClient client,
      OperatorSettings settings,
      CapabilityMatrix matrix,
      int healthPort,
      int metricsPort)
      throws IOException {
    registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    JvmMetrics.bind(registry);
    runtime = new OperatorRuntime(client, settings, matrix, Clock.systemUTC(), registry);
    http =
        new HttpEndpoints(
            healthPort, metricsPort, runtime::alive, runtime::ready, registry::scrape);
  }

  /** Serves the endpoints (healthz alive, readyz not yet), then starts the operator. */
  public static OperatorProcess start(
      KubernetesClient client,
      OperatorSettings settings,
      CapabilityMatrix matrix,
      int healthPort,
      int metricsPort)
      throws IOException {
    OperatorProcess p = new OperatorProcess(client, settings, matrix, healthPort, metricsPort);
    try {
      p.runtime.start();
    } catch (RuntimeException e) {
      p.close();
      throw e;
    }
    return p;
  }

  public int healthPort() {
    return http.healthPort();
  }

  public int metricsPort() {
    return http.metricsPort();
  }

  public OperatorRuntime runtime() {
    return runtime;
  }

  public void awaitStop() throws InterruptedException {
    stopped.await();
  }

  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      try {
        runtime.close();
      } finally {
        http.close();
        registry.close();
        stopped.countDown();
      }
    }
  }
}
