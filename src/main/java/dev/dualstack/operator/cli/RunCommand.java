package dev.dualstack.operator.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code run}: the operator against the cluster of the current kubeconfig or in-cluster config.
 * Every flag has an environment variable; the Helm chart sets these.
 */
@Command(name = "run", mixinStandardHelpOptions = true, description = "Run the operator.")
public final class RunCommand implements Callable<Integer> {

  @Option(
      names = "--namespace",
      defaultValue = "${env:DUALSTACK_NAMESPACE:-dualstack-system}",
      description = "Namespace of the BYO kubeadm-join ConfigMaps (env DUALSTACK_NAMESPACE).")
  public String namespace;

  @Option(
      names = "--capabilities",
      defaultValue = "${env:DUALSTACK_CAPABILITIES}",
      description =
          "Capability matrix file replacing the built-in one (env DUALSTACK_CAPABILITIES).")
  public Path capabilities;

  @Option(
      names = "--concurrency",
      defaultValue = "${env:DUALSTACK_CONCURRENCY:-4}",
      description = "Reconcile threads (env DUALSTACK_CONCURRENCY).")
  public int concurrency;

  @Option(
      names = "--leader-election",
      defaultValue = "${env:DUALSTACK_LEADER_ELECTION:-false}",
      arity = "0..1",
      description = "Elect a leader through a Lease (env DUALSTACK_LEADER_ELECTION).")
  public boolean leaderElection;

  @Option(
      names = "--lease-name",
      defaultValue = "${env:DUALSTACK_LEASE_NAME:-dualstack-operator}",
      description = "Lease name (env DUALSTACK_LEASE_NAME).")
  public String leaseName;

  @Option(
      names = "--lease-namespace",
      defaultValue = "${env:DUALSTACK_LEASE_NAMESPACE:-dualstack-system}",
      description = "Lease namespace (env DUALSTACK_LEASE_NAMESPACE).")
  public String leaseNamespace;

  @Option(
      names = "--metrics-port",
      defaultValue = "${env:DUALSTACK_METRICS_PORT:-8080}",
      description = "Port of /metrics (env DUALSTACK_METRICS_PORT).")
  public int metricsPort;

  @Option(
      names = "--health-port",
      defaultValue = "${env:DUALSTACK_HEALTH_PORT:-8081}",
      description = "Port of /healthz and /readyz (env DUALSTACK_HEALTH_PORT).")
  public int healthPort;

  @Option(
      names = "--log-format",
      defaultValue = "${env:DUALSTACK_LOG_FORMAT:-text}",
      description = "json or text (env DUALSTACK_LOG_FORMAT).")
  public String logFormat;

  @Option(
      names = "--label-selector",
      defaultValue = "${env:DUALSTACK_LABEL_SELECTOR}",
      description =
          "Only reconcile Clusters matching this label selector, for sharding (env DUALSTACK_LABEL_SELECTOR).")
  public String labelSelector;

  @Override
  public Integer call() {
    System.err.println("run: the operator runtime is being built (issue 4)");
    return 1;
  }
}
