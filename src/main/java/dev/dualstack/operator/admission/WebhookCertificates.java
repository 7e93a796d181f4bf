package dev.dualstack.operator.admission;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhook;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfiguration;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the webhook's certificate current. Operator-managed (the default): the Secret in the
 * operator's namespace holds a self-signed CA and a serving certificate; they are created when
 * missing or unreadable, the serving certificate is renewed when a third of its lifetime is left
 * (the CA likewise, the old CA staying in the bundle), the served certificate is swapped without a
 * restart, and the CA is written into the named ValidatingWebhookConfiguration's {@code caBundle}.
 * Every replica runs this (every replica serves admission): a replica that loses the race to renew
 * (409 Conflict) uses the winner's. With cert-manager, the certificate files in the mounted
 * directory are read instead and nothing is written.
 */
public final class WebhookCertificates implements AutoCloseable {
  /** The previous CA, kept in the bundle after a CA renewal while it is valid. */
  public static final String CA_PREVIOUS = "ca-previous.crt";

  private static final Logger LOG = LoggerFactory.getLogger(WebhookCertificates.class);

  private final KubernetesClient client;
  private final WebhookSettings settings;
  private final ServingKeyManager keys;
  private final Clock clock;
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "webhook-certificates");
            t.setDaemon(true);
            return t;
          });
  private final AtomicBoolean warnedNoConfiguration = new AtomicBoolean();
  private volatile TlsMaterial current;
  private volatile String fileFingerprint;

  public WebhookCertificates(
      KubernetesClient client, WebhookSettings settings, ServingKeyManager keys, Clock clock) {
    this.client = client;
    this.settings = Objects.requireNonNull(settings);
    this.keys = Objects.requireNonNull(keys);
    this.clock = Objects.requireNonNull(clock);
  }

  /** Loads (or creates) the certificate now, then checks it every {@code checkInterval}. */
  public WebhookCertificates start() {
    long every = settings.checkInterval().toMillis();
    timer.scheduleWithFixedDelay(this::checkQuietly, 0, every, TimeUnit.MILLISECONDS);
    return this;
  }

  /** True once a certificate is served. */
  public boolean ready() {
    return keys.loaded();
  }

  private void checkQuietly() {
    try {
      check();
    } catch (RuntimeException e) {
      LOG.warn(
          "webhook certificate check failed (retrying in {}): {}",
          settings.checkInterval(),
          e.toString());
    }
  }

  /** One pass: read, renew if needed, serve, inject the CA. */
  public synchronized void check() {
    if (settings.managed()) {
      checkSecret();
    } else {
      checkFiles();
    }
  }

  private void checkSecret() {
    var secrets =
        client.secrets().inNamespace(settings.namespace()).withName(settings.secretName());
    Secret secret = secrets.get();
    Optional<TlsMaterial> stored =
        secret == null ? Optional.empty() : TlsMaterial.fromSecretData(secret.getData());
    Instant now = clock.instant();
    List<String> dns = settings.dnsNames();
    List<String> ips = settings.ips();
    TlsMaterial use;
    String previousCa =
        secret == null || secret.getData() == null ? null : secret.getData().get(CA_PREVIOUS);
    String reason;
    if (stored.isEmpty()) {
      reason =
          secret == null ? "the Secret does not exist" : "the Secret holds no usable certificate";
      use = TlsMaterial.issue(dns, ips, now, settings.validity());
    } else if (stored.get().caNeedsRenewal(now)) {
      reason = "the CA expires at " + stored.get().ca().getNotAfter().toInstant();
      previousCa = TlsMaterial.b64(stored.get().caPem());
      use = TlsMaterial.issue(dns, ips, now, settings.validity());
    } else {
      Optional<String> why = stored.get().renewalReason(now, dns, ips);
      reason = why.orElse(null);
      use =
          why.isEmpty()
              ? stored.get()
              : TlsMaterial.serving(
                  stored.get().ca(), stored.get().caKey(), dns, ips, now, settings.validity());
    }
    if (reason != null) {
      Map<String, String> data = new LinkedHashMap<>(use.toSecretData());
      if (previousCa != null && !expired(previousCa, now)) {
        data.put(CA_PREVIOUS, previousCa);
      }
      try {
        if (secret == null) {
          client
              .secrets()
              .inNamespace(settings.namespace())
              .resource(
                  new SecretBuilder()
                      .withNewMetadata()
                      .withName(settings.secretName())
                      .withNamespace(settings.namespace())
                      .addToLabels("app.kubernetes.io/managed-by", "dualstack-operator")
                      .endMetadata()
                      .withType("kubernetes.io/tls")
                      .withData(data)
                      .build())
              .create();
        } else {
          secret.setData(data);
          // optimistic: the read resourceVersion makes this a 409 if another replica wrote first
          client.secrets().inNamespace(settings.namespace()).resource(secret).update();
        }
        LOG.info(
            "webhook certificate issued ({}): valid until {}, names {}",
            reason,
            use.cert().getNotAfter().toInstant(),
            use.subjectAlternativeNames());
      } catch (KubernetesClientException e) {
        if (e.getCode() != 409) {
          throw e;
        }
        LOG.info("another replica renewed the webhook certificate first; using theirs");
        Secret theirs = secrets.get();
        use = TlsMaterial.fromSecretData(theirs.getData()).orElseThrow();
        previousCa = theirs.getData().get(CA_PREVIOUS);
      }
    }
    serve(use);
    injectCaBundle(bundle(use, previousCa, now));
  }

  private void serve(TlsMaterial use) {
    if (current == null || !current.cert().equals(use.cert())) {
      keys.use(use);
      current = use;
      LOG.info(
          "webhook serving certificate {} (valid until {})",
          use.cert().getSerialNumber().toString(16),
          use.cert().getNotAfter().toInstant());
    }
  }

  private static boolean expired(String b64Pem, Instant now) {
    try {
      return TlsMaterial.certificate(TlsMaterial.unb64(b64Pem))
          .getNotAfter()
          .toInstant()
          .isBefore(now);
    } catch (RuntimeException e) {
      return true;
    }
  }

  /** The caBundle: the CA, and the previous CA while it is valid (base64 of the PEM). */
  static String bundle(TlsMaterial m, String previousCa, Instant now) {
    String pem = m.caPem();
    if (previousCa != null && !expired(previousCa, now)) {
      pem = pem + TlsMaterial.unb64(previousCa);
    }
    return Base64.getEncoder().encodeToString(pem.getBytes(StandardCharsets.UTF_8));
  }

  private void injectCaBundle(String caBundle) {
    String name = settings.configurationName();
    if (name == null || name.isBlank()) {
      return;
    }
    var resource =
        client.admissionRegistration().v1().validatingWebhookConfigurations().withName(name);
    ValidatingWebhookConfiguration vwc = resource.get();
    if (vwc == null) {
      if (warnedNoConfiguration.compareAndSet(false, true)) {
        LOG.warn("ValidatingWebhookConfiguration {} does not exist; no caBundle to keep", name);
      }
      return;
    }
    boolean stale =
        vwc.getWebhooks().stream()
            .anyMatch(
                w ->
                    w.getClientConfig() == null
                        || !caBundle.equals(w.getClientConfig().getCaBundle()));
    if (!stale) {
      return;
    }
    resource.edit(
        v -> {
          for (ValidatingWebhook w : v.getWebhooks()) {
            if (w.getClientConfig() != null) {
              w.getClientConfig().setCaBundle(caBundle);
            }
          }
          return v;
        });
    LOG.info("caBundle of ValidatingWebhookConfiguration {} updated", name);
  }

  /** cert-manager: {@code tls.crt} (chain) and {@code tls.key} from the mounted directory. */
  private void checkFiles() {
    Path dir = settings.certDir();
    try {
      String crt = Files.readString(dir.resolve(TlsMaterial.TLS_CRT));
      String key = Files.readString(dir.resolve(TlsMaterial.TLS_KEY));
      String fingerprint = crt + key;
      if (fingerprint.equals(fileFingerprint)) {
        return;
      }
      List<X509Certificate> chain = new ArrayList<>();
      for (String block : crt.split("(?<=-----END CERTIFICATE-----)")) {
        if (block.contains("BEGIN CERTIFICATE")) {
          chain.add(TlsMaterial.certificate(block.trim()));
        }
      }
      keys.use(TlsMaterial.privateKey(key), chain.toArray(X509Certificate[]::new));
      fileFingerprint = fingerprint;
      LOG.info(
          "webhook serving certificate from {} (valid until {})",
          dir,
          chain.get(0).getNotAfter().toInstant());
    } catch (IOException | RuntimeException e) {
      throw new IllegalStateException(
          "cannot read the webhook certificate in " + dir + ": " + e, e);
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
