package dev.dualstack.operator.e2e;

import java.nio.file.Path;
import java.util.Optional;

/**
 * A real Kubernetes control plane for the end-to-end tier: everything the tests need from it is a
 * kubeconfig (an admin one), and, where the back end has them, a kubectl binary and the API
 * server's audit log. Two implementations: {@link BuiltBinariesBackend} (etcd + kube-apiserver +
 * kube-controller-manager built from the Go sources by {@code hack/kube-binaries.sh}, started by
 * kube-api-test in offline mode) and {@link K3sBackend} (k3s in Docker, where a Docker engine
 * exists). The test code is the same for both.
 */
interface KubeBackend extends AutoCloseable {

  /** What answered, for the test log (e.g. {@code kube-apiserver built from source}). */
  String description();

  /** A kubeconfig with cluster-admin rights ({@code system:masters}). */
  String adminKubeconfigYaml();

  /** The kubectl binary matching the server, if this back end has one. */
  Optional<Path> kubectl();

  /**
   * The API server's audit log (JSON lines, level Metadata), if this back end writes one: the
   * least-privilege test reads what the operator's ServiceAccount really did from it.
   */
  Optional<Path> auditLog();

  /** CPU time (user + system) the API server process has used so far; NaN where unknown. */
  default double serverCpuSeconds() {
    return Double.NaN;
  }

  /** Starts kube-controller-manager (garbage collector, namespace controller) if not running. */
  void startControllerManager();

  @Override
  void close();

  /**
   * The back end named by {@code -De2e.backend=binaries|k3s} (default {@code binaries}). A missing
   * binary is a failure, not a skip: CI must not go green without a real server.
   */
  static KubeBackend start(String owner) {
    String which = System.getProperty("e2e.backend", "binaries");
    return switch (which) {
      case "binaries" -> BuiltBinariesBackend.start(owner);
      case "k3s" -> K3sBackend.start();
      default ->
          throw new IllegalArgumentException(
              "-De2e.backend=" + which + ": allowed values are binaries, k3s");
    };
  }
}
