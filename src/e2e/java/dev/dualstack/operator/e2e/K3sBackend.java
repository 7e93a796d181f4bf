package dev.dualstack.operator.e2e;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.k3s.K3sContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * k3s in Docker (testcontainers), for machines with a Docker engine: {@code -De2e.backend=k3s}.
 * Skipped (not failed) when Docker is absent. It has its own controller manager (garbage collection
 * included) but no audit log, so the least-privilege test that reads the audit log is skipped here;
 * kubectl is the one built by hack/kube-binaries.sh when present.
 */
final class K3sBackend implements KubeBackend {
  private static final String IMAGE = System.getProperty("e2e.k3s.image", "rancher/k3s:v1.32.3-k3s1");
  private final K3sContainer k3s;

  private K3sBackend(K3sContainer k3s) {
    this.k3s = k3s;
  }

  static K3sBackend start() {
    assumeTrue(
        DockerClientFactory.instance().isDockerAvailable(),
        "-De2e.backend=k3s needs a Docker engine; use the default back end (hack/e2e.sh)");
    K3sContainer k3s =
        new K3sContainer(DockerImageName.parse(IMAGE).asCompatibleSubstituteFor("rancher/k3s"));
    k3s.start();
    return new K3sBackend(k3s);
  }

  @Override
  public String description() {
    return "k3s " + IMAGE + " in Docker";
  }

  @Override
  public String adminKubeconfigYaml() {
    return k3s.getKubeConfigYaml();
  }

  @Override
  public Optional<Path> kubectl() {
    Path built = BuiltBinariesBackend.binaryDir().resolve("kubectl");
    return Files.isExecutable(built) ? Optional.of(built) : Optional.empty();
  }

  @Override
  public Optional<Path> auditLog() {
    return Optional.empty();
  }

  @Override
  public void startControllerManager() {
    // k3s runs its own controller manager
  }

  @Override
  public void close() {
    k3s.stop();
  }
}
