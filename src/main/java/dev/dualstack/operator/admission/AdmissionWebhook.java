package dev.dualstack.operator.admission;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;

/**
 * The admission webhook of one operator process: the HTTPS server and its certificate. Ready once a
 * certificate is served. Read-only towards the cluster's objects, so every replica runs it, leader
 * or not.
 */
public final class AdmissionWebhook implements AutoCloseable {
  private final WebhookCertificates certificates;
  private final WebhookServer server;

  private AdmissionWebhook(WebhookCertificates certificates, WebhookServer server) {
    this.certificates = certificates;
    this.server = server;
  }

  public static AdmissionWebhook start(
      KubernetesClient client,
      WebhookSettings settings,
      AdmissionHandler handler,
      MeterRegistry registry,
      Clock clock)
      throws IOException {
    ServingKeyManager keys = new ServingKeyManager();
    WebhookCertificates certificates = new WebhookCertificates(client, settings, keys, clock);
    WebhookServer server;
    try {
      server =
          new WebhookServer(
                  new InetSocketAddress(settings.port()),
                  keys,
                  handler,
                  client.getKubernetesSerialization(),
                  settings.threads(),
                  registry)
              .start();
    } catch (IOException | RuntimeException e) {
      certificates.close();
      throw e;
    }
    certificates.start();
    return new AdmissionWebhook(certificates, server);
  }

  public boolean ready() {
    return certificates.ready();
  }

  public int port() {
    return server.port();
  }

  @Override
  public void close() {
    try {
      server.close();
    } finally {
      certificates.close();
    }
  }
}
