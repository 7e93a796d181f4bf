package dev.dualstack.operator.runtime;

import dev.dualstack.operator.admission.AdmissionHandler;
import dev.dualstack.operator.admission.AdmissionWebhook;
import dev.dualstack.operator.admission.WebhookSettings;
import dev.dualstack.operator.pipeline.Pipeline;
import dev.dualstack.operator.pipeline.capability.CapabilityMatrix;
import dev.dualstack.operator.pipeline.status.DatacenterStatusFactory;
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
  private final KubernetesClient client;
  private final CapabilityMatrix matrix;
  private volatile AdmissionWebhook webhook;
  private volatile boolean webhookExpected;
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
    this.client = client;
    this.matrix = matrix;
    runtime = new OperatorRuntime(client, settings, matrix, Clock.systemUTC(), registry);
    http =
        new HttpEndpoints(healthPort, metricsPort, runtime::alive, this::ready, registry::scrape);
  }

  /** Serves the endpoints (healthz alive, readyz not yet), then starts the operator. */
  public static OperatorProcess start(
      KubernetesClient client,
      OperatorSettings settings,
      CapabilityMatrix matrix,
      int healthPort,
      int metricsPort)
      throws IOException {
    return start(client, settings, matrix, healthPort, metricsPort, null);
  }

  /**
   * As above, and with {@code webhook} (null: none) the admission webhook, started once the
   * informer caches are synced (it reads Datacenters from them); readiness then also waits for its
   * certificate.
   */
  public static OperatorProcess start(
      KubernetesClient client,
      OperatorSettings settings,
      CapabilityMatrix matrix,
      int healthPort,
      int metricsPort,
      WebhookSettings webhook)
      throws IOException {
    OperatorProcess p = new OperatorProcess(client, settings, matrix, healthPort, metricsPort);
    p.webhookExpected = webhook != null;
    try {
      p.runtime.start();
      if (webhook != null) {
        p.webhook =
            AdmissionWebhook.start(
                client, webhook, p.admissionHandler(), p.registry, Clock.systemUTC());
      }
    } catch (IOException | RuntimeException e) {
      p.close();
      throw e;
    }
    return p;
  }

  private AdmissionHandler admissionHandler() {
    return new AdmissionHandler(
        new Pipeline(matrix),
        new DatacenterStatusFactory(matrix, Clock.systemUTC()),
        runtime.clusterReconciler()::datacenter,
        client.getKubernetesSerialization());
  }

  /** Ready: the operator's informers, and the webhook's certificate when there is a webhook. */
  public boolean ready() {
    if (!runtime.ready()) {
      return false;
    }
    AdmissionWebhook w = webhook;
    return !webhookExpected || (w != null && w.ready());
  }

  /** The webhook's HTTPS port, or -1 without a webhook. */
  public int webhookPort() {
    AdmissionWebhook w = webhook;
    return w == null ? -1 : w.port();
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
        AdmissionWebhook w = webhook;
        if (w != null) {
          w.close();
        }
        runtime.close();
      } finally {
        http.close();
        registry.close();
        stopped.countDown();
      }
    }
  }
}
