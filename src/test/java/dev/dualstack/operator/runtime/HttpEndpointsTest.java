package dev.dualstack.operator.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class HttpEndpointsTest {
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private static HttpResponse<String> get(int port, String path) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void readinessFollowsTheSupplierAndMetricsAreServedOnTheirOwnPort() throws Exception {
    AtomicBoolean ready = new AtomicBoolean(false);
    try (HttpEndpoints http =
        new HttpEndpoints(0, 0, () -> true, ready::get, () -> "dualstack_clusters 1.0\n")) {
      assertThat(http.metricsPort()).isNotEqualTo(http.healthPort());
      assertThat(get(http.healthPort(), "/healthz").statusCode()).isEqualTo(200);
      assertThat(get(http.healthPort(), "/readyz").statusCode()).isEqualTo(503);
      ready.set(true);
      assertThat(get(http.healthPort(), "/readyz").statusCode()).isEqualTo(200);
      HttpResponse<String> metrics = get(http.metricsPort(), "/metrics");
      assertThat(metrics.statusCode()).isEqualTo(200);
      assertThat(metrics.headers().firstValue("Content-Type"))
          .get()
          .asString()
          .startsWith("text/plain");
      assertThat(metrics.body()).contains("dualstack_clusters 1.0");
    }
  }
}
