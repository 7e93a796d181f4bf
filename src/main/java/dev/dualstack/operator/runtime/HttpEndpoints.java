package dev.dualstack.operator.runtime;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * {@code /healthz} and {@code /readyz} on the health port, {@code /metrics} (Prometheus text) on
 * the metrics port; one server when both ports are equal. JDK HTTP server, no framework. Port 0
 * picks a free port ({@link #healthPort()}, {@link #metricsPort()} tell which).
 */
public final class HttpEndpoints implements AutoCloseable {
  private final List<HttpServer> servers = new ArrayList<>();
  private final HttpServer health;
  private final HttpServer metrics;

  public HttpEndpoints(
      int healthPort,
      int metricsPort,
      BooleanSupplier alive,
      BooleanSupplier ready,
      Supplier<String> scrape)
      throws IOException {
    health = server(healthPort);
    metrics = healthPort == metricsPort && healthPort != 0 ? health : server(metricsPort);
    health.createContext("/healthz", ex -> probe(ex, alive.getAsBoolean()));
    health.createContext("/readyz", ex -> probe(ex, ready.getAsBoolean()));
    metrics.createContext(
        "/metrics",
        ex -> respond(ex, 200, "text/plain; version=0.0.4; charset=utf-8", scrape.get()));
    servers.forEach(HttpServer::start);
  }

  private HttpServer server(int port) throws IOException {
    HttpServer s = HttpServer.create(new InetSocketAddress(port), 0);
    s.setExecutor(
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "http-" + port);
              t.setDaemon(true);
              return t;
            }));
    servers.add(s);
    return s;
  }

  public int healthPort() {
    return health.getAddress().getPort();
  }

  public int metricsPort() {
    return metrics.getAddress().getPort();
  }

  private static void probe(HttpExchange ex, boolean ok) throws IOException {
    respond(ex, ok ? 200 : 503, "text/plain; charset=utf-8", ok ? "ok\n" : "not ready\n");
  }

  private static void respond(HttpExchange ex, int code, String type, String body)
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
    servers.forEach(s -> s.stop(0));
  }
}
