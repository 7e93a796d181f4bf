package dev.dualstack.operator.admission;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionReview;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The webhook's HTTPS endpoints on the JDK's HttpsServer: {@code POST /validate-cluster} and {@code
 * POST /validate-datacenter} take an {@code AdmissionReview} and answer one (HTTP 200 whether
 * allowed or not). Bounded: a fixed pool of threads and a short queue; a request the pool cannot
 * take is refused at once (the API server then applies the webhook's failurePolicy) rather than
 * answered after the API server stopped waiting. Bodies above {@link #MAX_BODY} are refused.
 */
public final class WebhookServer implements AutoCloseable {
  /** An object of 3 MiB (etcd's default limit) and its old version, as JSON. */
  static final int MAX_BODY = 8 * 1024 * 1024;

  public static final String TIMER = "dualstack_webhook_request_duration_seconds";

  private static final Logger LOG = LoggerFactory.getLogger(WebhookServer.class);

  private final HttpsServer server;
  private final ThreadPoolExecutor executor;
  private final KubernetesSerialization serialization;
  private final MeterRegistry registry;

  public WebhookServer(
      InetSocketAddress address,
      ServingKeyManager keys,
      AdmissionHandler handler,
      KubernetesSerialization serialization,
      int threads,
      MeterRegistry registry)
      throws IOException {
    this.serialization = serialization;
    this.registry = registry;
    server = HttpsServer.create(address, 64);
    server.setHttpsConfigurator(new HttpsConfigurator(keys.sslContext()));
    AtomicInteger n = new AtomicInteger();
    executor =
        new ThreadPoolExecutor(
            threads,
            threads,
            0,
            TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(threads * 16),
            r -> {
              Thread t = new Thread(r, "webhook-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            },
            new ThreadPoolExecutor.AbortPolicy());
    server.setExecutor(executor);
    server.createContext(AdmissionHandler.CLUSTER_PATH, ex -> serve(ex, handler::cluster));
    server.createContext(AdmissionHandler.DATACENTER_PATH, ex -> serve(ex, handler::datacenter));
  }

  public WebhookServer start() {
    server.start();
    LOG.info(
        "admission webhook serving https://{}:{}{} and {}",
        server.getAddress().getHostString(),
        port(),
        AdmissionHandler.CLUSTER_PATH,
        AdmissionHandler.DATACENTER_PATH);
    return this;
  }

  public int port() {
    return server.getAddress().getPort();
  }

  private void serve(HttpExchange ex, UnaryOperator<AdmissionReview> decide) throws IOException {
    long start = System.nanoTime();
    String outcome = "error";
    try (ex) {
      if (!"POST".equals(ex.getRequestMethod())) {
        reply(ex, 405, "text/plain", "POST an AdmissionReview\n");
        outcome = "bad-request";
        return;
      }
      byte[] body;
      try (InputStream in = ex.getRequestBody()) {
        body = in.readNBytes(MAX_BODY + 1);
      }
      if (body.length > MAX_BODY) {
        reply(ex, 413, "text/plain", "AdmissionReview larger than " + MAX_BODY + " bytes\n");
        outcome = "bad-request";
        return;
      }
      AdmissionReview review;
      try {
        review =
            serialization.unmarshal(
                new String(body, StandardCharsets.UTF_8), AdmissionReview.class);
      } catch (RuntimeException e) {
        reply(ex, 400, "text/plain", "not an AdmissionReview: " + e.getMessage() + "\n");
        outcome = "bad-request";
        return;
      }
      AdmissionReview answer;
      try {
        answer = decide.apply(review);
      } catch (IllegalArgumentException e) {
        reply(ex, 400, "text/plain", e.getMessage() + "\n");
        outcome = "bad-request";
        return;
      }
      outcome = Boolean.TRUE.equals(answer.getResponse().getAllowed()) ? "allowed" : "denied";
      reply(ex, 200, "application/json", serialization.asJson(answer));
      LOG.debug(
          "admission {} {} {}: {}",
          review.getRequest().getOperation(),
          review.getRequest().getKind() == null ? "" : review.getRequest().getKind().getKind(),
          review.getRequest().getName(),
          outcome);
    } catch (RuntimeException e) {
      LOG.warn("admission request failed", e);
      throw e;
    } finally {
      if (registry != null) {
        Timer.builder(TIMER)
            .description("Admission webhook requests by path and outcome")
            .tag("path", ex.getHttpContext().getPath())
            .tag("outcome", outcome)
            .publishPercentiles(0.5, 0.99)
            .register(registry)
            .record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
      }
    }
  }

  private static void reply(HttpExchange ex, int code, String type, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", type);
    ex.sendResponseHeaders(code, bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(1);
    executor.shutdownNow();
  }
}
