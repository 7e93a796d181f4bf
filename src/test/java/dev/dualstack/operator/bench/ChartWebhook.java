package dev.dualstack.operator.bench;

import static org.awaitility.Awaitility.await;

import com.marcnuri.helm.Helm;
import dev.dualstack.operator.admission.WebhookSettings;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfiguration;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The chart's validating webhook for an operator running in the harness's JVM: the chart is
 * rendered by Helm (helm-java) with {@code webhook.url=https://127.0.0.1:PORT} and {@code
 * failurePolicy=Fail}, as the admission E2E installs it; its ValidatingWebhookConfiguration and its
 * (empty) certificate Secret are applied, and the operator started with {@link #settings()} fills
 * in the certificate and the configuration's {@code caBundle}, as in production. {@link #close()}
 * removes the configuration (with failurePolicy Fail no Cluster could be created once the operator
 * is stopped).
 */
final class ChartWebhook implements AutoCloseable {
  static final Path CHART = Path.of("deploy/helm/dualstack-operator");
  static final String RELEASE = "dualstack-operator";
  static final String SECRET = RELEASE + "-webhook-tls";

  private final KubernetesClient admin;
  private final String namespace;
  private final int port;

  private ChartWebhook(KubernetesClient admin, String namespace, int port) {
    this.admin = admin;
    this.namespace = namespace;
    this.port = port;
  }

  /** Renders the chart and applies its webhook configuration and certificate Secret. */
  static ChartWebhook install(KubernetesClient admin, String namespace) throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    String yaml =
        new Helm(CHART)
            .template()
            .withName(RELEASE)
            .withNamespace(namespace)
            .withKubeVersion(RealServerThroughputHarness.VERSION)
            .skipCrds()
            .set("webhook.url", "https://127.0.0.1:" + port)
            .set("webhook.failurePolicy", "Fail")
            .call();
    List<HasMetadata> docs =
        admin.load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8))).items();
    int applied = 0;
    for (HasMetadata d : docs) {
      if (d instanceof ValidatingWebhookConfiguration
          || (d instanceof Secret && SECRET.equals(d.getMetadata().getName()))) {
        if (d.getMetadata().getNamespace() == null && d instanceof Secret) {
          d.getMetadata().setNamespace(namespace);
        }
        admin.resource(d).createOr(x -> x.update());
        applied++;
      }
    }
    if (applied != 2) {
      throw new IllegalStateException("the chart rendered " + applied + " of 2 webhook objects");
    }
    return new ChartWebhook(admin, namespace, port);
  }

  /** The operator's webhook settings, as the chart passes them (plus the URL's host, 127.0.0.1). */
  WebhookSettings settings() {
    return new WebhookSettings(
        port,
        namespace,
        SECRET,
        RELEASE + "-webhook",
        List.of("127.0.0.1"),
        RELEASE,
        null,
        Duration.ofDays(1),
        Duration.ofMinutes(10),
        4);
  }

  /**
   * Waits until the API server calls the webhook successfully: the caBundle is written by the
   * operator, and the server picks the changed configuration up a moment later (a server-side dry
   * run of {@code probe} is admitted).
   */
  void awaitAdmitting(HasMetadata probe) {
    await("the webhook admits through the API server")
        .atMost(Duration.ofMinutes(2))
        .pollInterval(Duration.ofMillis(200))
        .ignoreExceptions()
        .until(
            () -> {
              admin.resource(probe).dryRun().create();
              return true;
            });
  }

  @Override
  public void close() {
    admin.admissionRegistration().v1().validatingWebhookConfigurations().withName(RELEASE).delete();
  }
}
