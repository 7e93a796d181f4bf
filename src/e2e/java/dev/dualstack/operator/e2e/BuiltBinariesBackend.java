package dev.dualstack.operator.e2e;

import io.fabric8.kubeapitest.KubeAPIServer;
import io.fabric8.kubeapitest.KubeAPIServerConfigBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * etcd + kube-apiserver (+ kube-controller-manager on demand) from the binaries that {@code
 * hack/kube-binaries.sh} builds from the official Go sources, started by fabric8's kube-api-test in
 * offline mode. RBAC is on (kube-api-test passes {@code --authorization-mode RBAC}); the API server
 * binds to 127.0.0.1, etcd too (the etcd in the binary directory is a wrapper that rewrites
 * kube-api-test's 0.0.0.0); an audit log records every request at level Metadata.
 *
 * <p>Each instance gets a directory of its own (certificates, kubeconfig, audit log), with the
 * binary directory linked into it, so two test JVMs on one machine do not share certificates.
 */
final class BuiltBinariesBackend implements KubeBackend {
  static final String VERSION = System.getProperty("e2e.kube.version", "1.36.3");
  private static final String AUDIT_POLICY =
      """
      apiVersion: audit.k8s.io/v1
      kind: Policy
      omitStages: [RequestReceived]
      rules:
        - level: Metadata
      """;

  private final KubeAPIServer server;
  private final String owner;
  private final Path dir;
  private final Path binaries;
  private final Path auditLog;
  private final String kubeconfig;
  private Process controllerManager;

  private BuiltBinariesBackend(
      KubeAPIServer server, String owner, Path dir, Path binaries, Path auditLog) {
    this.server = server;
    this.owner = owner;
    this.dir = dir;
    this.binaries = binaries;
    this.auditLog = auditLog;
    this.kubeconfig = server.getKubeConfigYaml();
  }

  static Path binaryDir() {
    String base =
        Optional.ofNullable(System.getenv("KUBE_API_TEST_DIR"))
            .orElse(System.getProperty("user.home") + "/.kubeapitest");
    return Path.of(base, "k8s", VERSION + "-linux-amd64");
  }

  static BuiltBinariesBackend start(String owner) {
    Path binaries = binaryDir();
    for (String b : List.of("kube-apiserver", "etcd", "kubectl", "kube-controller-manager")) {
      if (!Files.isExecutable(binaries.resolve(b))) {
        throw new IllegalStateException(
            binaries.resolve(b)
                + " is missing: run hack/kube-binaries.sh (builds the Kubernetes "
                + VERSION
                + " binaries from the Go sources), or hack/e2e.sh, which does it first");
      }
    }
    try {
      Path dir = Files.createTempDirectory("kube-e2e-" + owner + "-");
      Files.createDirectories(dir.resolve("k8s"));
      Files.createSymbolicLink(dir.resolve("k8s").resolve(binaries.getFileName()), binaries);
      Path policy = Files.writeString(dir.resolve("audit-policy.yaml"), AUDIT_POLICY);
      Path audit = dir.resolve("audit.log");
      KubeAPIServer server =
          new KubeAPIServer(
              KubeAPIServerConfigBuilder.anAPIServerConfig()
                  .withTestDir(dir.toString())
                  .withOfflineMode(true)
                  .withApiServerVersion(VERSION)
                  .withUpdateKubeConfig(false)
                  .withStartupTimeout(
                      Integer.getInteger("e2e.startup.timeout.ms", 180_000))
                  .withApiServerFlag("--bind-address", "127.0.0.1")
                  .withApiServerFlag("--advertise-address", "127.0.0.1")
                  .withApiServerFlag("--audit-policy-file", policy.toString())
                  .withApiServerFlag("--audit-log-path", audit.toString())
                  .withApiServerFlag("--audit-log-mode", "blocking")
                  .build());
      server.start();
      return new BuiltBinariesBackend(server, owner, dir, binaries, audit);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public String description() {
    return "etcd + kube-apiserver " + VERSION + " built from the Go sources (" + binaries + ")";
  }

  @Override
  public String adminKubeconfigYaml() {
    return kubeconfig;
  }

  @Override
  public Optional<Path> kubectl() {
    return Optional.of(binaries.resolve("kubectl"));
  }

  @Override
  public Optional<Path> auditLog() {
    return Optional.of(auditLog);
  }

  @Override
  public double serverCpuSeconds() {
    return ProcessHandle.allProcesses()
        .filter(p -> p.info().command().map(c -> c.endsWith("kube-apiserver")).orElse(false))
        .filter(
            p ->
                p.info().arguments().map(a -> String.join(" ", a).contains(dir.toString())).orElse(false))
        .findFirst()
        .flatMap(p -> p.info().totalCpuDuration())
        .map(d -> d.toNanos() / 1e9)
        .orElse(Double.NaN);
  }

  @Override
  public synchronized void startControllerManager() {
    if (controllerManager != null && controllerManager.isAlive()) {
      return;
    }
    try {
      Path kc = Files.writeString(dir.resolve("kcm.kubeconfig"), kubeconfig);
      Path log = dir.resolve("kube-controller-manager.log");
      controllerManager =
          new ProcessBuilder(
                  binaries.resolve("kube-controller-manager").toString(),
                  "--kubeconfig=" + kc,
                  "--controllers=garbage-collector-controller,namespace-controller",
                  "--leader-elect=false",
                  "--secure-port=0",
                  "--bind-address=127.0.0.1")
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public synchronized void close() {
    if (controllerManager != null) {
      controllerManager.destroy();
      try {
        if (!controllerManager.waitFor(10, TimeUnit.SECONDS)) {
          controllerManager.destroyForcibly();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    server.stop();
    keepLogsAndDeleteDir();
  }

  /** The audit and controller-manager logs go to target/e2e-logs; the rest (certs) is deleted. */
  private void keepLogsAndDeleteDir() {
    try {
      Path logs = Files.createDirectories(Path.of("target", "e2e-logs"));
      for (String f : List.of("audit.log", "kube-controller-manager.log")) {
        if (Files.exists(dir.resolve(f))) {
          Files.move(
              dir.resolve(f),
              logs.resolve(owner + "-" + f),
              java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
      }
      try (var walk = Files.walk(dir)) {
        walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
