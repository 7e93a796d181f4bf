package dev.dualstack.operator.admission;

import static dev.dualstack.operator.admission.AdmissionHandlerTest.PIPELINE;
import static dev.dualstack.operator.admission.AdmissionHandlerTest.SERIALIZATION;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dualstack.operator.pipeline.status.DatacenterStatusFactory;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The HTTPS endpoints on a loopback port, called as the API server calls them. */
class WebhookServerTest {
  private final ServingKeyManager keys = new ServingKeyManager();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private WebhookServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  private TlsMaterial startServer() throws Exception {
    TlsMaterial m =
        TlsMaterial.issue(
            List.of("localhost"),
            List.of("127.0.0.1"),
            java.time.Instant.now(),
            Duration.ofDays(1));
    keys.use(m);
    AdmissionHandler handler =
        new AdmissionHandler(
            PIPELINE,
            new DatacenterStatusFactory(PIPELINE.matrix(), AdmissionHandlerTest.CLOCK),
            name -> Optional.empty(),
            SERIALIZATION);
    server =
        new WebhookServer(
                new InetSocketAddress("127.0.0.1", 0), keys, handler, SERIALIZATION, 2, registry)
            .start();
    return m;
  }

  private static HttpClient trusting(X509Certificate ca) throws Exception {
    KeyStore ts = KeyStore.getInstance(KeyStore.getDefaultType());
    ts.load(null, null);
    ts.setCertificateEntry("ca", ca);
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(ts);
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(null, tmf.getTrustManagers(), null);
    return HttpClient.newBuilder().sslContext(ctx).connectTimeout(Duration.ofSeconds(10)).build();
  }

  private HttpResponse<String> post(HttpClient client, String path, String body) throws Exception {
    return client.send(
        HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + server.port() + path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void answersAReviewOverHttpsWithTheHandlersVerdict() throws Exception {
    TlsMaterial m = startServer();
    var e = AdmissionHandlerTest.example(Path.of("examples/invalid/ipv6-first.yaml"));
    String review = SERIALIZATION.asJson(AdmissionHandlerTest.create(e.cluster()));

    HttpResponse<String> r = post(trusting(m.ca()), AdmissionHandler.CLUSTER_PATH, review);

    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode answer = AdmissionHandlerTest.JSON.readTree(r.body());
    assertThat(answer.path("kind").asText()).isEqualTo("AdmissionReview");
    assertThat(answer.at("/response/uid").asText())
        .isEqualTo("0d8a4a2c-1111-2222-3333-444455556666");
    assertThat(answer.at("/response/allowed").asBoolean()).isFalse();
    assertThat(answer.at("/response/status/details/causes/0/field").asText())
        .startsWith("spec.clusterNetwork");
    // recorded after the answer is sent
    org.awaitility.Awaitility.await()
        .untilAsserted(
            () ->
                assertThat(registry.find(WebhookServer.TIMER).tag("outcome", "denied").timers())
                    .singleElement()
                    .satisfies(t -> assertThat(t.count()).isEqualTo(1)));
  }

  @Test
  void refusesWhatIsNotAnAdmissionReview() throws Exception {
    TlsMaterial m = startServer();
    HttpClient c = trusting(m.ca());
    assertThat(post(c, AdmissionHandler.CLUSTER_PATH, "{not json").statusCode()).isEqualTo(400);
    assertThat(
            post(c, AdmissionHandler.CLUSTER_PATH, "{\"kind\":\"AdmissionReview\"}").statusCode())
        .isEqualTo(400);
    var get =
        c.send(
            HttpRequest.newBuilder(
                    URI.create(
                        "https://127.0.0.1:" + server.port() + AdmissionHandler.CLUSTER_PATH))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(get.statusCode()).isEqualTo(405);
  }

  @Test
  void aRotatedCertificateIsServedFromTheNextConnectionOn() throws Exception {
    TlsMaterial first = startServer();
    assertThat(served()).isEqualTo(first.cert());
    TlsMaterial second =
        TlsMaterial.serving(
            first.ca(),
            first.caKey(),
            List.of("localhost"),
            List.of("127.0.0.1"),
            java.time.Instant.now(),
            Duration.ofDays(2));
    keys.use(second);
    assertThat(served()).isEqualTo(second.cert());
  }

  /** The leaf certificate the server presents on a new connection. */
  private X509Certificate served() throws Exception {
    SSLContext trustAll = SSLContext.getInstance("TLS");
    trustAll.init(
        null,
        new javax.net.ssl.TrustManager[] {
          new javax.net.ssl.X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {}

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {}

            @Override
            public X509Certificate[] getAcceptedIssuers() {
              return new X509Certificate[0];
            }
          }
        },
        null);
    var conn =
        (HttpsURLConnection)
            URI.create("https://127.0.0.1:" + server.port() + AdmissionHandler.CLUSTER_PATH)
                .toURL()
                .openConnection();
    conn.setSSLSocketFactory(trustAll.getSocketFactory());
    conn.setHostnameVerifier((h, s) -> true);
    conn.setUseCaches(false);
    conn.setRequestProperty("Connection", "close");
    conn.connect();
    try {
      return (X509Certificate) conn.getServerCertificates()[0];
    } finally {
      conn.disconnect();
    }
  }
}
