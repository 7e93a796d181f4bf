package dev.dualstack.operator.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.dualstack.operator.api.Cluster;
import dev.dualstack.operator.api.ClusterSpec;
import dev.dualstack.operator.api.Datacenter;
import dev.dualstack.operator.api.DatacenterSpec;
import dev.dualstack.operator.pipeline.capability.CapabilityMatrixLoader;
import dev.dualstack.operator.reconciler.Fixtures;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@code run}'s process: health, readiness and Prometheus metrics around the real operator. */
class OperatorProcessIT {
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private static HttpResponse<String> get(int port, String path)
      throws IOException, InterruptedException {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void servesHealthReadinessAndMetricsAndStopsCleanly() throws Exception {
    try (EmbeddedApiServer api = new EmbeddedApiServer().start();
        KubernetesClient client = api.newClient()) {
      OperatorProcess p =
          OperatorProcess.start(
              client,
              OperatorSettings.defaults("dualstack-system"),
              CapabilityMatrixLoader.builtin(),
              0,
              0);
      int health = p.healthPort();
      int metrics = p.metricsPort();
      try {
        assertThat(get(health, "/healthz").statusCode()).isEqualTo(200);
        await()
            .atMost(Duration.ofSeconds(30))
            .until(() -> get(health, "/readyz").statusCode() == 200);

        Datacenter dc = new Datacenter();
        dc.setMetadata(new ObjectMetaBuilder().withName("edge-dc").build());
        dc.setSpec(Fixtures.yaml(DatacenterSpec.class, "{edge: {}}"));
        api.client().resource(dc).create();
        Cluster c = new Cluster();
        c.setMetadata(new ObjectMetaBuilder().withName("edge-1").build());
        c.setSpec(
            Fixtures.yaml(ClusterSpec.class, "{version: 1.31.4, cloud: {dc: edge-dc, edge: {}}}"));
        api.client().resource(c).create();

        await()
            .atMost(Duration.ofSeconds(30))
            .until(
                () ->
                    get(metrics, "/metrics")
                        .body()
                        .contains("dualstack_clusters{phase=\"Ready\"} 1.0"));
        String body = get(metrics, "/metrics").body();
        assertThat(body)
            .contains("jvm_memory_used_bytes")
            .contains("operator_sdk")
            .contains("dualstack_events_dropped_total 0.0");
      } finally {
        p.close();
      }
      p.awaitStop();
      assertThat(p.runtime().alive()).isFalse();
      assertThatThrownBy(() -> get(health, "/healthz")).isInstanceOf(IOException.class);
    }
  }
}
