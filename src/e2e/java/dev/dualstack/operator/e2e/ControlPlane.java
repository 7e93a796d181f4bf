package dev.dualstack.operator.e2e;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One real control plane for one test class: start it in {@code @BeforeAll}, close it in {@code
 * @AfterAll}. Gives an admin client, kubectl, kubeconfigs for ServiceAccounts (TokenRequest API),
 * the audit log, and logs the server's {@code /version} once so a reader of the test output sees
 * which server answered.
 */
final class ControlPlane implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ControlPlane.class);
  static final Duration WAIT = Duration.ofMinutes(3);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final KubeBackend backend;
  private final KubernetesClient admin;
  private final Path dir;
  private final Path adminKubeconfig;
  private final String gitVersion;

  private ControlPlane(KubeBackend backend) throws IOException {
    this.backend = backend;
    this.dir = Files.createTempDirectory("control-plane-");
    this.adminKubeconfig =
        Files.writeString(dir.resolve("admin.kubeconfig"), backend.adminKubeconfigYaml());
    this.admin =
        new KubernetesClientBuilder()
            .withConfig(Config.fromKubeconfig(backend.adminKubeconfigYaml()))
            .build();
    this.gitVersion = admin.getKubernetesVersion().getGitVersion();
  }

  static ControlPlane start(Class<?> owner) {
    long t0 = System.nanoTime();
    KubeBackend backend = KubeBackend.start(owner.getSimpleName());
    try {
      ControlPlane cp = new ControlPlane(backend);
      LOG.info(
          "{}: real control plane {} answered /version gitVersion={} (started in {} ms)",
          owner.getSimpleName(),
          backend.description(),
          cp.gitVersion,
          (System.nanoTime() - t0) / 1_000_000);
      System.out.printf(
          "[e2e] %s: /version gitVersion=%s from %s%n",
          owner.getSimpleName(), cp.gitVersion, backend.description());
      return cp;
    } catch (IOException | RuntimeException e) {
      backend.close();
      throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
    }
  }

  KubernetesClient admin() {
    return admin;
  }

  String gitVersion() {
    return gitVersion;
  }

  Path adminKubeconfig() {
    return adminKubeconfig;
  }

  /** CPU seconds the API server process has used so far (NaN where unknown). */
  double serverCpuSeconds() {
    return backend.serverCpuSeconds();
  }

  KubeBackend backend() {
    return backend;
  }

  Path dir() {
    return dir;
  }

  /** kubectl with the admin kubeconfig. */
  Kubectl kubectl() {
    return new Kubectl(
        backend
            .kubectl()
            .orElseThrow(() -> new IllegalStateException("this back end has no kubectl")),
        adminKubeconfig);
  }

  /** kubectl as someone else. */
  Kubectl kubectl(Path kubeconfig) {
    return new Kubectl(backend.kubectl().orElseThrow(), kubeconfig);
  }

  void createNamespace(String name) {
    admin
        .namespaces()
        .resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build())
        .serverSideApply();
  }

  /**
   * A kubeconfig that authenticates as {@code system:serviceaccount:<ns>:<sa>} with a token from
   * the TokenRequest API: whoever uses it has exactly the RBAC granted to that ServiceAccount.
   */
  Path serviceAccountKubeconfig(String namespace, String serviceAccount) {
    String token =
        admin
            .serviceAccounts()
            .inNamespace(namespace)
            .withName(serviceAccount)
            .tokenRequest(
                new TokenRequestBuilder()
                    .withNewSpec()
                    .withExpirationSeconds(7200L)
                    .endSpec()
                    .build())
            .getStatus()
            .getToken();
    Config adminConfig = admin.getConfiguration();
    String ca = adminConfig.getCaCertData();
    String yaml =
        """
        apiVersion: v1
        kind: Config
        clusters:
          - name: e2e
            cluster:
              server: %s
              %s
        users:
          - name: %s
            user:
              token: %s
        contexts:
          - name: e2e
            context: {cluster: e2e, user: %s, namespace: %s}
        current-context: e2e
        """
            .formatted(
                adminConfig.getMasterUrl(),
                ca == null || ca.isBlank()
                    ? "insecure-skip-tls-verify: true"
                    : "certificate-authority-data: " + ca,
                serviceAccount,
                token,
                serviceAccount,
                namespace);
    try {
      return Files.writeString(
          dir.resolve("sa-" + namespace + "-" + serviceAccount + ".kubeconfig"), yaml);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The CRDs from {@code crds/}, created and Established. */
  void installCrds() {
    try (Stream<Path> s = Files.list(Path.of("crds"))) {
      for (Path f : s.sorted().toList()) {
        try (InputStream in = Files.newInputStream(f)) {
          CustomResourceDefinition crd =
              admin.apiextensions().v1().customResourceDefinitions().load(in).item();
          admin.resource(crd).serverSideApply();
          awaitEstablished(crd.getMetadata().getName());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  void awaitEstablished(String crdName) {
    await("CRD " + crdName + " established")
        .atMost(WAIT)
        .until(
            () -> {
              var crd = admin.apiextensions().v1().customResourceDefinitions().withName(crdName).get();
              return crd != null
                  && crd.getStatus() != null
                  && crd.getStatus().getConditions().stream()
                      .anyMatch(c -> "Established".equals(c.getType()) && "True".equals(c.getStatus()));
            });
  }

  /** Every audit event so far (JSON lines), empty when the back end keeps no audit log. */
  List<JsonNode> auditEvents() {
    Optional<Path> log = backend.auditLog();
    if (log.isEmpty() || !Files.exists(log.get())) {
      return List.of();
    }
    List<JsonNode> events = new ArrayList<>();
    try (Stream<String> lines = Files.lines(log.get(), StandardCharsets.UTF_8)) {
      for (String line : (Iterable<String>) lines::iterator) {
        if (!line.isBlank()) {
          events.add(JSON.readTree(line));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return events;
  }

  @Override
  public void close() {
    admin.close();
    backend.close();
    try (var walk = Files.walk(dir)) {
      walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Runs kubectl and captures its exit code, stdout and stderr. */
  record Kubectl(Path binary, Path kubeconfig) {
    Result run(String... args) {
      return runWithInput(null, args);
    }

    Result runWithInput(String stdin, String... args) {
      List<String> cmd = new ArrayList<>();
      cmd.add(binary.toString());
      cmd.add("--kubeconfig=" + kubeconfig);
      cmd.addAll(Arrays.asList(args));
      try {
        Path out = Files.createTempFile("kubectl-out-", ".txt");
        Path err = Files.createTempFile("kubectl-err-", ".txt");
        ProcessBuilder pb =
            new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().put("KUBECONFIG", kubeconfig.toString());
        Process p = pb.start();
        if (stdin != null) {
          p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        p.getOutputStream().close();
        if (!p.waitFor(2, TimeUnit.MINUTES)) {
          p.destroyForcibly();
          throw new AssertionError("kubectl " + String.join(" ", args) + " did not end in 2 minutes");
        }
        Result r = new Result(p.exitValue(), Files.readString(out), Files.readString(err));
        Files.deleteIfExists(out);
        Files.deleteIfExists(err);
        LOG.info("kubectl {} -> {}\n{}{}", String.join(" ", args), r.exitCode(), r.out(), r.err());
        return r;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  record Result(int exitCode, String out, String err) {
    String both() {
      return out + err;
    }
  }
}
