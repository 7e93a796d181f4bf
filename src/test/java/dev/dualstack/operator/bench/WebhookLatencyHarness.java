package dev.dualstack.operator.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.dualstack.operator.admission.AdmissionHandler;
import dev.dualstack.operator.admission.ServingKeyManager;
import dev.dualstack.operator.admission.TlsMaterial;
import dev.dualstack.operator.admission.WebhookServer;
import dev.dualstack.operator.api.Datacenter;
import dev.dualstack.operator.pipeline.Pipeline;
import dev.dualstack.operator.pipeline.capability.CapabilityMatrixLoader;
import dev.dualstack.operator.pipeline.status.DatacenterStatusFactory;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Latency of the admission webhook as the API server sees it: the real {@link WebhookServer} (TLS,
 * JSON, the handler, the pipeline) on a loopback port, {@code C} concurrent HTTPS clients posting
 * AdmissionReviews of every example Cluster (valid and invalid, their Datacenters in the lookup)
 * for {@code S} seconds after a warm-up. Prints requests, throughput and p50/p99/max latency.
 *
 * <p>{@code --concurrency=C --seconds=S --warmup-seconds=W} (defaults 8, 20, 10).
 */
public final class WebhookLatencyHarness {
  private WebhookLatencyHarness() {}

  public static void main(String[] args) throws Exception {
    int concurrency = 8;
    int seconds = 20;
    int warmup = 10;
    for (String a : args) {
      String[] kv = a.split("=", 2);
      switch (kv[0]) {
        case "--concurrency" -> concurrency = Integer.parseInt(kv[1]);
        case "--seconds" -> seconds = Integer.parseInt(kv[1]);
        case "--warmup-seconds" -> warmup = Integer.parseInt(kv[1]);
        default -> throw new IllegalArgumentException("unknown option " + a);
      }
    }
    KubernetesSerialization serialization = new KubernetesSerialization();
    ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
    Map<String, Datacenter> dcs = new HashMap<>();
    List<String> reviews = new ArrayList<>();
    List<Path> files = new ArrayList<>();
    for (Path dir : List.of(Path.of("examples"), Path.of("examples/invalid"))) {
      try (var s = Files.list(dir)) {
        s.filter(p -> p.toString().endsWith(".yaml")).sorted().forEach(files::add);
      }
    }
    int uid = 0;
    for (Path f : files) {
      try (var it = yaml.readerFor(JsonNode.class).<JsonNode>readValues(f.toFile())) {
        while (it.hasNextValue()) {
          JsonNode d = it.nextValue();
          if (d == null) {
            continue;
          }
          if ("Datacenter".equals(d.path("kind").asText())) {
            Datacenter dc = serialization.convertValue(d, Datacenter.class);
            dcs.put(dc.getMetadata().getName(), dc);
          } else if ("Cluster".equals(d.path("kind").asText())) {
            ObjectNode request = yaml.createObjectNode();
            request.put("uid", "uid-" + uid++);
            request.put("operation", "CREATE");
            request.put("name", d.at("/metadata/name").asText());
            request.set("object", d);
            ObjectNode review = yaml.createObjectNode();
            review.put("apiVersion", "admission.k8s.io/v1").put("kind", "AdmissionReview");
            review.set("request", request);
            reviews.add(review.toString());
          }
        }
      }
    }
    Pipeline pipeline = new Pipeline(CapabilityMatrixLoader.builtin());
    AdmissionHandler handler =
        new AdmissionHandler(
            pipeline,
            new DatacenterStatusFactory(pipeline.matrix(), Clock.systemUTC()),
            name -> Optional.ofNullable(dcs.get(name)),
            serialization);
    TlsMaterial tls =
        TlsMaterial.issue(
            List.of("localhost"), List.of("127.0.0.1"), Instant.now(), Duration.ofDays(1));
    ServingKeyManager keys = new ServingKeyManager();
    keys.use(tls);
    try (WebhookServer server =
        new WebhookServer(
                new InetSocketAddress("127.0.0.1", 0), keys, handler, serialization, 4, null)
            .start()) {
      URI uri = URI.create("https://127.0.0.1:" + server.port() + AdmissionHandler.CLUSTER_PATH);
      HttpClient client = trusting(tls);
      System.out.printf(
          Locale.ROOT,
          "webhook latency: %d reviews (%d example Clusters), %d clients, %d s warm-up, %d s"
              + " measured, server pool 4 threads, %d cores%n",
          reviews.size(),
          reviews.size(),
          concurrency,
          warmup,
          seconds,
          Runtime.getRuntime().availableProcessors());
      run(client, uri, reviews, concurrency, warmup);
      long[] latencies = run(client, uri, reviews, concurrency, seconds);
      Arrays.sort(latencies);
      System.out.printf(
          Locale.ROOT,
          "requests %d, %.0f/s, p50 %.2f ms, p99 %.2f ms, max %.2f ms%n",
          latencies.length,
          latencies.length / (double) seconds,
          ms(latencies, 0.50),
          ms(latencies, 0.99),
          latencies[latencies.length - 1] / 1e6);
    }
  }

  private static long[] run(
      HttpClient client, URI uri, List<String> reviews, int clients, int seconds) throws Exception {
    long end = System.nanoTime() + seconds * 1_000_000_000L;
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    List<Future<List<Long>>> futures = new ArrayList<>();
    for (int c = 0; c < clients; c++) {
      int offset = c;
      futures.add(
          pool.submit(
              () -> {
                List<Long> out = new ArrayList<>();
                int i = offset;
                while (System.nanoTime() < end) {
                  String body = reviews.get(i++ % reviews.size());
                  long t0 = System.nanoTime();
                  HttpResponse<String> r =
                      client.send(
                          HttpRequest.newBuilder(uri)
                              .header("Content-Type", "application/json")
                              .POST(HttpRequest.BodyPublishers.ofString(body))
                              .build(),
                          HttpResponse.BodyHandlers.ofString());
                  if (r.statusCode() != 200) {
                    throw new IllegalStateException("HTTP " + r.statusCode() + ": " + r.body());
                  }
                  out.add(System.nanoTime() - t0);
                }
                return out;
              }));
    }
    List<Long> all = new ArrayList<>();
    for (Future<List<Long>> f : futures) {
      all.addAll(f.get());
    }
    pool.shutdown();
    return all.stream().mapToLong(Long::longValue).toArray();
  }

  private static double ms(long[] sorted, double q) {
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)] / 1e6;
  }

  private static HttpClient trusting(TlsMaterial tls) throws Exception {
    KeyStore ts = KeyStore.getInstance(KeyStore.getDefaultType());
    ts.load(null, null);
    ts.setCertificateEntry("ca", tls.ca());
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(ts);
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(null, tmf.getTrustManagers(), null);
    return HttpClient.newBuilder().sslContext(ctx).build();
  }
}
