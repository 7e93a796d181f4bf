package dev.dualstack.operator.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dualstack.operator.admission.TlsMaterial;
import dev.dualstack.operator.api.Cluster;
import dev.dualstack.operator.api.Conditions;
import dev.dualstack.operator.api.Datacenter;
import dev.dualstack.operator.cli.CheckRunner;
import dev.dualstack.operator.cli.ManifestReader.Located;
import dev.dualstack.operator.cli.ManifestReader.Source;
import dev.dualstack.operator.pipeline.model.ClusterInput;
import dev.dualstack.operator.pipeline.model.DatacenterInput;
import dev.dualstack.operator.pipeline.Pipeline;
import dev.dualstack.operator.pipeline.PipelineResult;
import dev.dualstack.operator.pipeline.SpecGenerator;
import dev.dualstack.operator.pipeline.capability.CapabilityMatrixLoader;
import dev.dualstack.operator.pipeline.field.FieldError;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.StatusCause;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfiguration;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Admission on a real kube-apiserver: the chart's ValidatingWebhookConfiguration (with {@code
 * webhook.url} pointing at the operator, which runs as a JVM next to the server as the chart's
 * ServiceAccount) and the CRDs' CEL rules. {@code kubectl apply} refuses every invalid example with
 * its field paths and stores nothing; a valid dual-stack example is admitted with the pipeline's
 * warnings; immutability on update, the IPv4 → dual-stack migration, an {@code unsafe-*} label;
 * {@code --dry-run=server}; failurePolicy Fail and Ignore with the operator stopped; the
 * operator-managed certificate is created, survives a restart and is rotated; the server, {@code
 * check} and the reconciler agree on the examples and a seeded fuzz corpus; the webhook's RBAC is
 * exactly what it uses.
 */
@Tag("e2e")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AdmissionE2E {
  private static final Logger LOG = LoggerFactory.getLogger(AdmissionE2E.class);
  private static final String NS = Chart.NAMESPACE;
  private static final String SA_USER = Audit.serviceAccount(NS, Chart.SERVICE_ACCOUNT);
  private static final String VWC = Chart.RELEASE;
  private static final String SECRET = Chart.RELEASE + "-webhook-tls";
  private static final Pipeline PIPELINE = new Pipeline(CapabilityMatrixLoader.builtin());
  private static final Pattern EXPECTED =
      Pattern.compile("^# expected-error: (\\w+) (\\S+) \\(", Pattern.MULTILINE);

  private static ControlPlane cp;
  private static KubernetesClient admin;
  private static Path saKubeconfig;
  private static int port;
  private static OperatorProcess operator;
  private static Path transcript;

  @BeforeAll
  static void installChartAndStartTheOperator() throws IOException {
    cp = ControlPlane.start(AdmissionE2E.class);
    admin = cp.admin();
    port = freePort();
    Chart.install(
        cp,
        Chart.RELEASE,
        NS,
        Map.of("webhook.url", "https://127.0.0.1:" + port, "webhook.failurePolicy", "Fail"));
    saKubeconfig = cp.serviceAccountKubeconfig(NS, Chart.SERVICE_ACCOUNT);
    transcript = Files.createDirectories(Path.of("target", "e2e-logs")).resolve("admission-kubectl.txt");
    Files.writeString(transcript, "");
    operator = startOperator("admission-e2e");
    awaitCaBundle();
  }

  /** The operator as the chart runs it (same flags as the chart's env), plus a fast cert check. */
  private static OperatorProcess startOperator(String name) {
    return OperatorProcess.start(
            name,
            saKubeconfig,
            "--namespace=" + NS,
            "--webhook=true",
            "--webhook-port=" + port,
            "--webhook-namespace=" + NS,
            "--webhook-secret=" + SECRET,
            "--webhook-service=" + Chart.RELEASE + "-webhook",
            "--webhook-configuration=" + VWC,
            "--webhook-cert-names=127.0.0.1",
            "--webhook-cert-check-interval=2s")
        .awaitReady();
  }

  @AfterAll
  static void stop() {
    if (operator != null) {
      operator.close();
    }
    if (cp != null) {
      cp.close();
    }
  }

  // ---- helpers

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private static ControlPlane.Result kubectl(String... args) {
    ControlPlane.Result r = cp.kubectl().run(args);
    record("$ kubectl " + String.join(" ", args) + "\n" + r.out() + r.err() + "(exit " + r.exitCode() + ")\n\n");
    return r;
  }

  private static ControlPlane.Result kubectlApply(String yaml, String... extra) {
    List<String> args = new ArrayList<>(List.of("apply", "-f", "-"));
    args.addAll(List.of(extra));
    ControlPlane.Result r = cp.kubectl().runWithInput(yaml, args.toArray(String[]::new));
    record("$ kubectl " + String.join(" ", args) + " <<EOF\n" + yaml + "EOF\n" + r.out() + r.err() + "(exit " + r.exitCode() + ")\n\n");
    return r;
  }

  private static synchronized void record(String text) {
    try {
      Files.writeString(transcript, text, StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String yaml(JsonNode doc) {
    try {
      return Examples.YAML.writeValueAsString(doc);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Secret secret() {
    return admin.secrets().inNamespace(NS).withName(SECRET).get();
  }

  private static TlsMaterial stored() {
    return TlsMaterial.fromSecretData(secret().getData()).orElseThrow();
  }

  private static void awaitCaBundle() {
    await("caBundle of " + VWC)
        .atMost(ControlPlane.WAIT)
        .ignoreExceptions() // the Secret and the caBundle appear while the operator starts
        .untilAsserted(
            () -> {
              ValidatingWebhookConfiguration v =
                  admin.admissionRegistration().v1().validatingWebhookConfigurations().withName(VWC).get();
              String ca = stored().caPem();
              assertThat(v.getWebhooks())
                  .allSatisfy(
                      w -> {
                        // the operator patches the caBundle in after start: absent until then
                        assertThat(w.getClientConfig().getCaBundle()).as("caBundle").isNotNull();
                        assertThat(new String(Base64.getDecoder().decode(w.getClientConfig().getCaBundle()), StandardCharsets.UTF_8))
                            .startsWith(ca);
                      });
            });
  }

  /** The leaf certificate the webhook presents on a new TLS connection. */
  private static X509Certificate served() throws Exception {
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(
        null,
        new TrustManager[] {
          new X509TrustManager() {
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
    try (SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket("127.0.0.1", port)) {
      s.startHandshake();
      return (X509Certificate) s.getSession().getPeerCertificates()[0];
    }
  }

  private static Cluster cluster(String name) {
    return admin.resources(Cluster.class).withName(name).get();
  }

  private static void awaitPhase(String name, String phase) {
    await("phase of " + name)
        .atMost(ControlPlane.WAIT)
        .untilAsserted(
            () -> {
              Cluster c = cluster(name);
              assertThat(c.getStatus()).as("status of %s", name).isNotNull();
              assertThat(c.getStatus().observedGeneration()).isEqualTo(c.getMetadata().getGeneration());
              assertThat(c.getStatus().phase()).isEqualTo(phase);
            });
  }

  private static JsonNode doc(Path file, String kind) {
    return Examples.ofKind(Examples.documents(List.of(file)), kind).get(0);
  }

  // ---- the certificate

  @Test
  @Order(1)
  void theCertificateIsCreatedOnFirstStartAndServed() throws Exception {
    TlsMaterial m = stored();
    assertThat(secret().getData()).containsKeys("tls.crt", "tls.key", "ca.crt", "ca.key");
    assertThat(m.subjectAlternativeNames())
        .contains(Chart.RELEASE + "-webhook." + NS + ".svc", "127.0.0.1");
    assertThat(served()).isEqualTo(m.cert());
    assertThat(operator.log()).contains("webhook certificate issued (the Secret holds no usable certificate)");
  }

  // ---- CREATE

  @Test
  @Order(2)
  void everyInvalidExampleIsRefusedWithItsFieldPathsAndNothingIsStored() throws IOException {
    for (Path file : Examples.files(Examples.INVALID)) {
      Matcher m = EXPECTED.matcher(Files.readString(file));
      assertThat(m.find()).as("%s names its expected error", file).isTrue();
      String field = m.group(2).replaceAll("\\[[0-9]+]$", "");
      JsonNode dc = doc(file, "Datacenter");
      JsonNode cluster = doc(file, "Cluster");
      assertThat(kubectlApply(yaml(dc)).exitCode()).isZero();

      ControlPlane.Result r = kubectlApply(yaml(cluster));

      assertThat(r.exitCode()).as("%s: %s", file, r.both()).isNotZero();
      assertThat(r.err()).as("%s", file).contains(field).contains("is invalid");
      if (file.getFileName().toString().equals("ipv6-first.yaml")) {
        // refused by the CRD's own CEL rules, before the webhook is called
        assertThat(r.err())
            .contains(
                "spec.clusterNetwork.pods.cidrBlocks: Invalid value: the first block must be IPv4"
                    + " (IPv4 is the only primary family), not fd01::/48");
      } else {
        // refused by the webhook: every field error the pipeline finds is named
        for (FieldError e : evaluate(cluster, dc).errors()) {
          assertThat(r.err()).as("%s names %s", file, e).contains(e.field() + ": " + e.type().text());
        }
      }
      assertThat(cluster(Examples.name(cluster))).as("%s stored nothing", file).isNull();
      // the file as it is (Datacenter and Cluster): kubectl then prints the webhook's message
      ControlPlane.Result whole = kubectl("apply", "-f", file.toString());
      assertThat(whole.exitCode()).isNotZero();
      assertThat(whole.err()).contains(field);
      assertThat(cluster(Examples.name(cluster))).isNull();
    }
  }

  private static PipelineResult evaluate(JsonNode cluster, JsonNode dc) {
    Cluster c = Examples.YAML.convertValue(cluster, Cluster.class);
    Datacenter d = dc == null ? null : Examples.YAML.convertValue(dc, Datacenter.class);
    return PIPELINE.evaluate(ClusterInput.of(c), d == null ? null : DatacenterInput.of(d));
  }

  @Test
  @Order(3)
  void aValidDualStackExampleIsAdmittedWithThePipelinesWarnings() {
    Path file = null;
    PipelineResult result = null;
    for (Path f : Examples.files(Examples.DIR)) {
      PipelineResult r = evaluate(doc(f, "Cluster"), doc(f, "Datacenter"));
      if (r.valid() && !r.warnings().isEmpty() && r.effective().clusterNetwork().ipFamily().contains("IPv6")) {
        file = f;
        result = r;
        break;
      }
    }
    assertThat(file).as("a dual-stack example with warnings").isNotNull();
    assertThat(kubectlApply(yaml(doc(file, "Datacenter"))).exitCode()).isZero();

    ControlPlane.Result r = kubectlApply(yaml(doc(file, "Cluster")));

    assertThat(r.exitCode()).as(r.both()).isZero();
    assertThat(r.out()).contains("created");
    for (var w : result.warnings()) {
      assertThat(r.err()).contains("Warning: " + w.code() + ": ");
    }
    awaitPhase(Examples.name(doc(file, "Cluster")), Conditions.PHASE_READY);
  }

  @Test
  @Order(4)
  void aClusterBeforeItsDatacenterIsAdmittedWithAWarning() {
    ObjectNode c = (ObjectNode) doc(Examples.DIR.resolve("hetzner.yaml"), "Cluster").deepCopy();
    ((ObjectNode) c.get("metadata")).put("name", "before-its-datacenter");
    ((ObjectNode) c.at("/spec/cloud")).put("dc", "not-there-yet");
    ControlPlane.Result r = kubectlApply(yaml(c));
    assertThat(r.exitCode()).as(r.both()).isZero();
    assertThat(r.err()).contains("Warning: DatacenterNotFound: spec.cloud.dc: Not found: \"not-there-yet\"");
    awaitPhase("before-its-datacenter", Conditions.PHASE_PENDING);
  }

  @Test
  @Order(5)
  void serverDryRunGivesTheSameVerdictsAndStoresNothing() {
    Path invalid = Examples.INVALID.resolve("overlapping-ranges.yaml");
    ControlPlane.Result wet = kubectlApply(yaml(doc(invalid, "Cluster")));
    ControlPlane.Result dry = kubectlApply(yaml(doc(invalid, "Cluster")), "--dry-run=server");
    assertThat(dry.exitCode()).isNotZero();
    assertThat(dry.err()).isEqualTo(wet.err());

    ObjectNode valid = (ObjectNode) doc(Examples.DIR.resolve("openstack.yaml"), "Cluster").deepCopy();
    kubectlApply(yaml(doc(Examples.DIR.resolve("openstack.yaml"), "Datacenter")));
    ControlPlane.Result ok = kubectlApply(yaml(valid), "--dry-run=server");
    assertThat(ok.exitCode()).as(ok.both()).isZero();
    assertThat(ok.out()).contains("(server dry run)");
    assertThat(cluster(Examples.name(valid))).isNull();
  }

  // ---- UPDATE

  @Test
  @Order(6)
  void onARunningClusterThePodCidrIsImmutableTheMigrationIsAdmittedAndUnsafeLabelsUnlock() {
    Path file = Examples.DIR.resolve("ipv4-only.yaml");
    kubectlApply(yaml(doc(file, "Datacenter")));
    ObjectNode c = (ObjectNode) doc(file, "Cluster").deepCopy();
    String name = Examples.name(c);
    assertThat(kubectlApply(yaml(c)).exitCode()).isZero();
    awaitPhase(name, Conditions.PHASE_READY);
    var accepted = cluster(name).getStatus();

    ObjectNode moved = c.deepCopy();
    ((ObjectNode) moved.at("/spec/clusterNetwork")).putObject("pods").putArray("cidrBlocks").add("172.31.0.0/16");
    ControlPlane.Result refused = kubectlApply(yaml(moved));
    assertThat(refused.exitCode()).isNotZero();
    assertThat(refused.err()).contains("spec.clusterNetwork.pods.cidrBlocks").contains("field is immutable");

    String cni = accepted.cni().type();
    ObjectNode otherCni = c.deepCopy();
    ((ObjectNode) otherCni.at("/spec")).putObject("cniPlugin").put("type", "cilium".equals(cni) ? "canal" : "cilium");
    ControlPlane.Result locked = kubectlApply(yaml(otherCni));
    assertThat(locked.exitCode()).as(locked.both()).isNotZero();
    assertThat(locked.err()).contains("spec.cniPlugin");
    ((ObjectNode) otherCni.get("metadata")).putObject("labels").put(Conditions.LABEL_UNSAFE_CNI_MIGRATION, "true");
    ObjectNode withLabelOnly = c.deepCopy();
    ((ObjectNode) withLabelOnly.get("metadata")).putObject("labels").put(Conditions.LABEL_UNSAFE_CNI_MIGRATION, "true");
    assertThat(kubectlApply(yaml(withLabelOnly)).exitCode()).isZero();
    ControlPlane.Result unlocked = kubectlApply(yaml(otherCni));
    assertThat(unlocked.exitCode()).as(unlocked.both()).isZero();
    awaitPhase(name, Conditions.PHASE_READY);

    ObjectNode dual = otherCni.deepCopy();
    ObjectNode net = (ObjectNode) dual.at("/spec/clusterNetwork");
    net.put("ipFamily", "IPv4+IPv6");
    net.putObject("pods").putArray("cidrBlocks").add(accepted.network().pods().get(0)).add("fd01::/48");
    net.putObject("services").putArray("cidrBlocks").add(accepted.network().services().get(0)).add("fd02::/108");
    ControlPlane.Result migrated = kubectlApply(yaml(dual));
    assertThat(migrated.exitCode()).as(migrated.both()).isZero();
    await("migration of " + name)
        .atMost(ControlPlane.WAIT)
        .untilAsserted(
            () -> assertThat(cluster(name).getStatus().network().pods())
                .containsExactly(accepted.network().pods().get(0), "fd01::/48"));
  }

  // ---- the server, check and the reconciler agree

  @Test
  @Order(7)
  void theServerCheckAndTheReconcilerAgreeOnTheExamplesAndAFuzzCorpus() {
    CheckRunner check = new CheckRunner(PIPELINE, Clock.systemUTC());
    Source source = new Source(Path.of("e2e"), 1);
    int admitted = 0;
    int refused = 0;
    List<String> disagreements = new ArrayList<>();
    Map<String, String> reconciled = new LinkedHashMap<>();
    Map<String, Datacenter> dcs = new LinkedHashMap<>();
    List<Cluster> clusters = new ArrayList<>();
    for (Path dir : List.of(Examples.DIR, Examples.INVALID)) {
      for (Path f : Examples.files(dir)) {
        Datacenter d = Examples.YAML.convertValue(doc(f, "Datacenter"), Datacenter.class);
        dcs.put(d.getMetadata().getName(), d);
        clusters.add(Examples.YAML.convertValue(doc(f, "Cluster"), Cluster.class));
      }
    }
    SpecGenerator gen = new SpecGenerator(42);
    for (int i = 0; i < 120; i++) {
      SpecGenerator.Case k = gen.next();
      if (k.input().spec() == null || k.datacenter() == null || k.datacenter().spec() == null) {
        continue;
      }
      Datacenter d = new Datacenter();
      d.setMetadata(new ObjectMetaBuilder().withName("fuzz-dc-" + i).build());
      d.setSpec(k.datacenter().spec());
      Cluster c = new Cluster();
      c.setMetadata(new ObjectMetaBuilder().withName("fuzz-" + i).withLabels(k.input().labels()).build());
      var spec = k.input().spec();
      if (spec.cloud() != null && k.datacenter().name().equals(spec.cloud().dc())) {
        spec = retarget(spec, "fuzz-dc-" + i);
      }
      c.setSpec(spec);
      dcs.put(d.getMetadata().getName(), d);
      clusters.add(c);
    }
    for (Datacenter d : dcs.values()) {
      if (admin.resources(Datacenter.class).withName(d.getMetadata().getName()).get() != null) {
        continue;
      }
      try {
        admin.resource(d).create();
      } catch (KubernetesClientException e) {
        // a Datacenter the webhook refuses: its Clusters then have none, for check as well
        LOG.info("Datacenter {} refused: {}", d.getMetadata().getName(), e.getMessage());
      }
    }
    // the webhook reads Datacenters from the operator's informer cache: wait until it saw them
    await("Datacenters reconciled")
        .atMost(ControlPlane.WAIT)
        .untilAsserted(
            () ->
                assertThat(admin.resources(Datacenter.class).list().getItems())
                    .allSatisfy(d -> assertThat(d.getStatus()).as(d.getMetadata().getName()).isNotNull()));
    for (Cluster c : clusters) {
      c.getMetadata().setName("agree-" + c.getMetadata().getName());
      String name = c.getMetadata().getName();
      Map<String, Located<Datacenter>> known = new LinkedHashMap<>();
      String dcName = c.getSpec() == null || c.getSpec().cloud() == null ? null : c.getSpec().cloud().dc();
      // a fuzzed name may be no valid object name at all: then no Datacenter can have it
      Datacenter live =
          dcName == null || !dcName.matches("[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?")
              ? null
              : admin.resources(Datacenter.class).withName(dcName).get();
      if (live != null) {
        known.put(dcName, new Located<>(live, source));
      }
      CheckRunner.ClusterCheck verdict = check.check(c, source, known);
      boolean checkAdmits =
          verdict.result().errors().stream()
              .allMatch(e -> !verdict.result().datacenterFound() && e.type() == dev.dualstack.operator.pipeline.field.ErrorType.NOT_FOUND);
      boolean serverAdmits;
      List<String> serverFields = List.of();
      try {
        admin.resource(c).dryRun().create();
        serverAdmits = true;
      } catch (KubernetesClientException e) {
        serverAdmits = false;
        if (e.getStatus() != null && e.getStatus().getDetails() != null && e.getStatus().getDetails().getCauses() != null) {
          serverFields = e.getStatus().getDetails().getCauses().stream().map(StatusCause::getField).toList();
        }
      }
      if (serverAdmits != checkAdmits) {
        disagreements.add(name + ": server " + (serverAdmits ? "admits" : "refuses " + serverFields) + ", check " + (checkAdmits ? "admits" : "refuses " + verdict.result().errors()) + " " + c.getSpec());
      }
      if (serverAdmits) {
        admitted++;
        admin.resource(c).create();
        reconciled.put(name, verdict.phase());
      } else {
        refused++;
      }
    }
    LOG.info("agreement: {} admitted, {} refused, {} disagreements", admitted, refused, disagreements.size());
    assertThat(disagreements).as("server vs check").isEmpty();
    // what the server admitted, the reconciler judges as check does (Ready, or Pending without
    // its Datacenter)
    reconciled.forEach((name, phase) -> awaitPhase(name, phase));
    assertThat(admitted).isGreaterThan(10);
    assertThat(refused).isGreaterThan(5);
  }

  private static dev.dualstack.operator.api.ClusterSpec retarget(dev.dualstack.operator.api.ClusterSpec spec, String dc) {
    ObjectNode tree = Examples.YAML.valueToTree(spec);
    ((ObjectNode) tree.get("cloud")).put("dc", dc);
    return Examples.YAML.convertValue(tree, dev.dualstack.operator.api.ClusterSpec.class);
  }

  // ---- the operator stopped; restart; rotation

  @Test
  @Order(8)
  void withTheOperatorStoppedFailRefusesIgnoreAdmitsAndTheReconcilerRefusesLater() throws Exception {
    TlsMaterial before = stored();
    operator.close();
    Path file = Examples.INVALID.resolve("overlapping-ranges.yaml");
    ObjectNode bad = (ObjectNode) doc(file, "Cluster").deepCopy();
    ((ObjectNode) bad.get("metadata")).put("name", "while-the-operator-is-down");

    ControlPlane.Result failed = kubectlApply(yaml(bad));
    assertThat(failed.exitCode()).isNotZero();
    assertThat(failed.err()).contains("failed calling webhook");
    assertThat(cluster("while-the-operator-is-down")).isNull();

    Chart.upgrade(
        cp,
        Chart.RELEASE,
        NS,
        Map.of("webhook.url", "https://127.0.0.1:" + port, "webhook.failurePolicy", "Ignore"));
    await("failurePolicy Ignore")
        .atMost(ControlPlane.WAIT)
        .untilAsserted(() -> assertThat(kubectlApply(yaml(bad)).exitCode()).isZero());
    assertThat(cluster("while-the-operator-is-down")).isNotNull();

    operator = startOperator("admission-e2e-restarted");
    awaitPhase("while-the-operator-is-down", Conditions.PHASE_INVALID);
    // the certificate survived the restart (and the upgrade)
    assertThat(stored().cert()).isEqualTo(before.cert());
    assertThat(served()).isEqualTo(before.cert());
    awaitCaBundle();
  }

  @Test
  @Order(9)
  void theCertificateIsRotatedWhenMadeToExpire() throws Exception {
    TlsMaterial good = stored();
    Instant now = Instant.now();
    TlsMaterial expiring =
        TlsMaterial.serving(
            good.ca(),
            good.caKey(),
            List.of(Chart.RELEASE + "-webhook." + NS + ".svc"),
            List.of("127.0.0.1"),
            now.minus(Duration.ofHours(1)),
            Duration.ofMinutes(61));
    Secret s = secret();
    s.setData(new LinkedHashMap<>(expiring.toSecretData()));
    admin.resource(s).update();

    await("rotation")
        .atMost(ControlPlane.WAIT)
        .untilAsserted(
            () -> {
              TlsMaterial now2 = stored();
              assertThat(now2.cert()).isNotEqualTo(expiring.cert()).isNotEqualTo(good.cert());
              assertThat(now2.ca()).isEqualTo(good.ca());
              assertThat(served()).isEqualTo(now2.cert());
            });
    assertThat(operator.log()).contains("webhook certificate issued (it expires at");
    // and admission still works with it
    ControlPlane.Result r =
        kubectlApply(yaml(doc(Examples.INVALID.resolve("overlapping-ranges.yaml"), "Cluster")));
    assertThat(r.exitCode()).isNotZero();
    assertThat(r.err()).contains("is invalid").contains("spec.clusterNetwork");
  }

  // ---- least privilege for the webhook's RBAC

  @Test
  @Order(100)
  void theWebhookRbacIsExactlyWhatItUses() {
    assumeTrue(cp.backend().auditLog().isPresent(), "this back end keeps no audit log");
    Set<String> used = Audit.of(cp, SA_USER).resourceVerbs();
    Set<String> webhookGrants = new TreeSet<>();
    admin.rbac().roles().inNamespace(NS).withName(Chart.RELEASE + "-webhook-certificate").get().getRules()
        .forEach(r -> r.getVerbs().forEach(v -> r.getResources().forEach(res -> webhookGrants.add(r.getApiGroups().get(0) + "/" + res + " " + v))));
    admin.rbac().clusterRoles().withName(Chart.RELEASE + "-webhook-configuration").get().getRules()
        .forEach(r -> r.getVerbs().forEach(v -> r.getResources().forEach(res -> webhookGrants.add(r.getApiGroups().get(0) + "/" + res + " " + v))));
    assertThat(webhookGrants)
        .containsExactlyInAnyOrder(
            "/secrets get",
            "/secrets update",
            "admissionregistration.k8s.io/validatingwebhookconfigurations get",
            "admissionregistration.k8s.io/validatingwebhookconfigurations patch");
    assertThat(used).as("used by the operator").containsAll(webhookGrants);
    assertThat(Audit.of(cp, SA_USER).withCode(403)).as("403s for %s", SA_USER).isEmpty();
  }
}
