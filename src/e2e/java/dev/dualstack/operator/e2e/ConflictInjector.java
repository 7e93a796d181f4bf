package dev.dualstack.operator.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfigurationBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringWriter;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Date;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A validating admission webhook in the test JVM that makes one write of the operator's lose a
 * race, deterministically: when the operator's ServiceAccount updates the named ConfigMap for the
 * first time, the webhook (while the API server waits for its answer) lets the admin change the
 * same ConfigMap, then allows the operator's request. The API server's compare-and-swap then
 * finds a newer object, re-checks the request's resourceVersion and answers 409 Conflict: a real
 * stale-resourceVersion conflict, from the real server, on the operator's real request.
 */
final class ConflictInjector implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpsServer server;
  private final KubernetesClient admin;
  private final String name = "e2e-conflict-injector";
  final AtomicInteger injected = new AtomicInteger();

  private ConflictInjector(HttpsServer server, KubernetesClient admin) {
    this.server = server;
    this.admin = admin;
  }

  static ConflictInjector start(
      KubernetesClient admin, String namespace, String user, String configMap, Consumer<String> raceWith)
      throws Exception {
    KeyPair key = KeyPairGenerator.getInstance("RSA").generateKeyPair();
    X509Certificate cert = selfSigned(key);
    KeyStore ks = KeyStore.getInstance("PKCS12");
    ks.load(null, null);
    ks.setKeyEntry("tls", key.getPrivate(), new char[0], new Certificate[] {cert});
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(ks, new char[0]);
    SSLContext ssl = SSLContext.getInstance("TLS");
    ssl.init(kmf.getKeyManagers(), null, null);
    HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setHttpsConfigurator(new HttpsConfigurator(ssl));
    server.setExecutor(Executors.newFixedThreadPool(4)); // the admin's own write comes through here too
    ConflictInjector injector = new ConflictInjector(server, admin);
    server.createContext(
        "/inject",
        exchange -> {
          JsonNode review;
          try (InputStream in = exchange.getRequestBody()) {
            review = JSON.readTree(in);
          }
          JsonNode req = review.path("request");
          if (user.equals(req.path("userInfo").path("username").asText())
              && configMap.equals(req.path("name").asText())
              && injector.injected.compareAndSet(0, 1)) {
            raceWith.accept(configMap); // the admin's write lands while the operator's waits
          }
          ObjectNode answer = JSON.createObjectNode();
          answer.put("apiVersion", "admission.k8s.io/v1").put("kind", "AdmissionReview");
          answer.putObject("response").put("uid", req.path("uid").asText()).put("allowed", true);
          byte[] body = JSON.writeValueAsBytes(answer);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    server.start();
    ValidatingWebhookConfiguration vwc =
        new ValidatingWebhookConfigurationBuilder()
            .withNewMetadata().withName(injector.name).endMetadata()
            .addNewWebhook()
            .withName("conflict-injector.e2e.dualstack.dev")
            .withAdmissionReviewVersions("v1")
            .withSideEffects("None")
            .withFailurePolicy("Ignore")
            .withTimeoutSeconds(10)
            .withNewNamespaceSelector()
            .withMatchLabels(Map.of("kubernetes.io/metadata.name", namespace))
            .endNamespaceSelector()
            .addNewRule()
            .withApiGroups("")
            .withApiVersions("v1")
            .withOperations("UPDATE")
            .withResources("configmaps")
            .endRule()
            .withNewClientConfig()
            .withUrl("https://127.0.0.1:" + server.getAddress().getPort() + "/inject")
            .withCaBundle(Base64.getEncoder().encodeToString(pem(cert).getBytes(StandardCharsets.US_ASCII)))
            .endClientConfig()
            .endWebhook()
            .build();
    admin.admissionRegistration().v1().validatingWebhookConfigurations().resource(vwc).create();
    return injector;
  }

  @Override
  public void close() {
    admin.admissionRegistration().v1().validatingWebhookConfigurations().withName(name).delete();
    server.stop(0);
  }

  private static X509Certificate selfSigned(KeyPair key) throws Exception {
    Instant now = Instant.now();
    X500Name subject = new X500Name("CN=127.0.0.1");
    var builder =
        new JcaX509v3CertificateBuilder(
                subject,
                BigInteger.valueOf(now.toEpochMilli()),
                Date.from(now.minus(1, ChronoUnit.HOURS)),
                Date.from(now.plus(1, ChronoUnit.DAYS)),
                subject,
                key.getPublic())
            .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
            .addExtension(
                Extension.subjectAlternativeName,
                false,
                new GeneralNames(new GeneralName(GeneralName.iPAddress, "127.0.0.1")));
    return new JcaX509CertificateConverter()
        .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(key.getPrivate())));
  }

  private static String pem(X509Certificate cert) throws IOException {
    StringWriter w = new StringWriter();
    try (JcaPEMWriter p = new JcaPEMWriter(w)) {
      p.writeObject(cert);
    }
    return w.toString();
  }
}
