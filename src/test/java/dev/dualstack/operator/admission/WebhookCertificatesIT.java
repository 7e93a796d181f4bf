package dev.dualstack.operator.admission;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dualstack.operator.runtime.EmbeddedApiServer;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfigurationBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The operator-managed certificate against the in-process API server: Secret and caBundle. */
class WebhookCertificatesIT {
  private static final String NS = "dualstack-system";
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final WebhookSettings SETTINGS =
      new WebhookSettings(
          0,
          NS,
          "webhook-tls",
          "dualstack-operator-webhook",
          List.of("127.0.0.1"),
          "dualstack-operator",
          null,
          Duration.ofDays(30),
          Duration.ofHours(1),
          1);

  private EmbeddedApiServer api;
  private KubernetesClient client;
  private final ServingKeyManager keys = new ServingKeyManager();

  @BeforeEach
  void start() {
    api = new EmbeddedApiServer().start();
    client = api.client();
    client
        .admissionRegistration()
        .v1()
        .validatingWebhookConfigurations()
        .resource(
            new ValidatingWebhookConfigurationBuilder()
                .withNewMetadata()
                .withName("dualstack-operator")
                .endMetadata()
                .addNewWebhook()
                .withName("clusters.dualstack.dev")
                .withNewClientConfig()
                .withUrl("https://127.0.0.1:9443/validate-cluster")
                .endClientConfig()
                .withAdmissionReviewVersions("v1")
                .withSideEffects("None")
                .endWebhook()
                .addNewWebhook()
                .withName("datacenters.dualstack.dev")
                .withNewClientConfig()
                .withUrl("https://127.0.0.1:9443/validate-datacenter")
                .endClientConfig()
                .withAdmissionReviewVersions("v1")
                .withSideEffects("None")
                .endWebhook()
                .build())
        .create();
  }

  @AfterEach
  void stop() {
    api.close();
  }

  private WebhookCertificates at(Instant now) {
    return new WebhookCertificates(client, SETTINGS, keys, Clock.fixed(now, ZoneOffset.UTC));
  }

  private Secret secret() {
    return client.secrets().inNamespace(NS).withName("webhook-tls").get();
  }

  private TlsMaterial stored() {
    return TlsMaterial.fromSecretData(secret().getData()).orElseThrow();
  }

  private List<String> caBundles() {
    ValidatingWebhookConfiguration v =
        client
            .admissionRegistration()
            .v1()
            .validatingWebhookConfigurations()
            .withName("dualstack-operator")
            .get();
    return v.getWebhooks().stream().map(w -> w.getClientConfig().getCaBundle()).toList();
  }

  private static String pemOf(String caBundle) {
    return new String(Base64.getDecoder().decode(caBundle), StandardCharsets.UTF_8);
  }

  @Test
  void createsTheSecretServesItsCertificateAndInjectsTheCa() {
    assertThat(secret()).isNull();
    at(T0).check();

    Secret s = secret();
    assertThat(s.getType()).isEqualTo("kubernetes.io/tls");
    assertThat(s.getData()).containsKeys("tls.crt", "tls.key", "ca.crt", "ca.key");
    TlsMaterial m = stored();
    assertThat(m.subjectAlternativeNames())
        .contains(
            "dualstack-operator-webhook.dualstack-system.svc",
            "dualstack-operator-webhook.dualstack-system.svc.cluster.local",
            "127.0.0.1");
    assertThat(keys.serving()).isEqualTo(m.cert());
    assertThat(caBundles()).hasSize(2).allSatisfy(b -> assertThat(pemOf(b)).isEqualTo(m.caPem()));
  }

  @Test
  void aValidCertificateIsKeptAcrossRestarts() {
    at(T0).check();
    TlsMaterial first = stored();
    String version = secret().getMetadata().getResourceVersion();

    ServingKeyManager restarted = new ServingKeyManager();
    new WebhookCertificates(
            client, SETTINGS, restarted, Clock.fixed(T0.plus(Duration.ofDays(5)), ZoneOffset.UTC))
        .check();

    assertThat(secret().getMetadata().getResourceVersion()).isEqualTo(version);
    assertThat(restarted.serving()).isEqualTo(first.cert());
  }

  @Test
  void theServingCertificateIsRenewedUnderTheSameCaWithAThirdLeft() {
    WebhookCertificates certs = at(T0);
    certs.check();
    TlsMaterial first = stored();

    WebhookCertificates later =
        new WebhookCertificates(
            client, SETTINGS, keys, Clock.fixed(T0.plus(Duration.ofDays(21)), ZoneOffset.UTC));
    later.check();

    TlsMaterial renewed = stored();
    assertThat(renewed.cert()).isNotEqualTo(first.cert());
    assertThat(renewed.ca()).isEqualTo(first.ca());
    assertThat(renewed.cert().getNotAfter().toInstant()).isEqualTo(T0.plus(Duration.ofDays(51)));
    assertThat(keys.serving()).isEqualTo(renewed.cert());
    assertThat(caBundles()).allSatisfy(b -> assertThat(pemOf(b)).isEqualTo(first.caPem()));
  }

  @Test
  void aPlaceholderSecretIsFilledIn() {
    client
        .secrets()
        .inNamespace(NS)
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName("webhook-tls")
                .addToLabels("app.kubernetes.io/name", "dualstack-operator")
                .endMetadata()
                .withType("kubernetes.io/tls")
                .withData(Map.of("tls.crt", "", "tls.key", ""))
                .build())
        .create();
    at(T0).check();
    assertThat(secret().getMetadata().getLabels())
        .containsEntry("app.kubernetes.io/name", "dualstack-operator");
    assertThat(keys.serving()).isEqualTo(stored().cert());
  }

  @Test
  void aRenewedCaKeepsThePreviousOneInTheBundle() {
    at(T0).check();
    TlsMaterial first = stored();
    Instant late = T0.plus(Duration.ofDays(2500)); // the CA lives 3650 days
    at(late).check();
    TlsMaterial second = stored();
    assertThat(second.ca()).isNotEqualTo(first.ca());
    assertThat(secret().getData()).containsKey(WebhookCertificates.CA_PREVIOUS);
    assertThat(caBundles())
        .allSatisfy(b -> assertThat(pemOf(b)).isEqualTo(second.caPem() + first.caPem()));
  }
}
