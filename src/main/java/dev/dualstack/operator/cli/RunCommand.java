package dev.dualstack.operator.cli;

import dev.dualstack.operator.pipeline.capability.CapabilityMatrix;
import dev.dualstack.operator.runtime.Logging;
import dev.dualstack.operator.runtime.OperatorProcess;
import dev.dualstack.operator.runtime.OperatorSettings;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code run}: the operator against the cluster of the current kubeconfig or in-cluster config.
 * Every flag has an environment variable; the Helm chart sets these.
 */
@Command(name = "run", mixinStandardHelpOptions = true, description = "Run the operator.")
public final class RunCommand implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(RunCommand.class);

  @Spec CommandSpec spec;

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

  /** Log formats. */
  public enum LogFormat {
    json,
    text
  }

  @Option(
      names = "--log-format",
      defaultValue = "${env:DUALSTACK_LOG_FORMAT:-text}",
      description = "${COMPLETION-CANDIDATES} (env DUALSTACK_LOG_FORMAT).")
  public LogFormat logFormat;

  @Option(
      names = "--label-selector",
      defaultValue = "${env:DUALSTACK_LABEL_SELECTOR}",
      description =
          "Only reconcile Clusters matching this label selector, for sharding (env DUALSTACK_LABEL_SELECTOR).")
  public String labelSelector;

  @Option(
      names = "--lease-duration",
      defaultValue = "${env:DUALSTACK_LEASE_DURATION:-15s}",
      converter = DurationConverter.class,
      description = "Lease duration, e.g. 15s (env DUALSTACK_LEASE_DURATION).")
  public Duration leaseDuration;

  @Option(
      names = "--identity",
      defaultValue = "${env:POD_NAME}",
      description = "Leader election identity; default the host name (env POD_NAME).")
  public String identity;

  @Override
  public Integer call() throws Exception {
    Logging.configure(logFormat.name(), null);
    CapabilityMatrix matrix;
    try {
      matrix = CapabilityFileReader.resolve(capabilities);
    } catch (CapabilityFileReader.UnreadableException e) {
      spec.commandLine().getErr().println("error: " + e.getMessage());
      spec.commandLine().getErr().flush();
      return 1;
    }
    OperatorSettings settings =
        new OperatorSettings(
            namespace,
            Math.max(1, concurrency),
            labelSelector,
            leaderElection ? leaderElection() : null,
            Duration.ofSeconds(2),
            5);
    KubernetesClient client = new KubernetesClientBuilder().build();
    ApiServerWait.await(client.getConfiguration(), LOG::warn);
    OperatorProcess process =
        OperatorProcess.start(client, settings, matrix, healthPort, metricsPort);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  LOG.info("shutting down");
                  process.close();
                  client.close();
                },
                "shutdown"));
    LOG.info(
        "dualstack-operator running: capabilities {}, namespace {}, health :{}, metrics :{}",
        matrix.source(),
        namespace,
        process.healthPort(),
        process.metricsPort());
    process.awaitStop();
    return 0;
  }

  private OperatorSettings.LeaderElection leaderElection() {
    Duration lease = leaseDuration;
    String id = identity == null || identity.isBlank() ? hostName() : identity;
    return new OperatorSettings.LeaderElection(
        leaseName,
        leaseNamespace,
        id,
        lease,
        lease.multipliedBy(2).dividedBy(3),
        lease.dividedBy(5),
        true);
  }

  private static String hostName() {
    String h = System.getenv("HOSTNAME");
    return h == null || h.isBlank() ? "dualstack-operator-" + ProcessHandle.current().pid() : h;
  }
}
