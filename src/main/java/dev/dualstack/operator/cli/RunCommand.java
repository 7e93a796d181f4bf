package dev.dualstack.operator.cli;

import dev.dualstack.operator.admission.WebhookSettings;
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

  @Option(
      names = "--webhook",
      defaultValue = "${env:DUALSTACK_WEBHOOK:-false}",
      arity = "0..1",
      description = "Serve the validating admission webhook (env DUALSTACK_WEBHOOK).")
  public boolean webhook;

  @Option(
      names = "--webhook-port",
      defaultValue = "${env:DUALSTACK_WEBHOOK_PORT:-9443}",
      description = "HTTPS port of the webhook (env DUALSTACK_WEBHOOK_PORT).")
  public int webhookPort;

  @Option(
      names = "--webhook-namespace",
      defaultValue = "${env:DUALSTACK_WEBHOOK_NAMESPACE:-dualstack-system}",
      description =
          "Namespace of the webhook's Service and certificate Secret (env DUALSTACK_WEBHOOK_NAMESPACE).")
  public String webhookNamespace;

  @Option(
      names = "--webhook-secret",
      defaultValue = "${env:DUALSTACK_WEBHOOK_SECRET:-dualstack-operator-webhook-tls}",
      description =
          "Secret holding the operator-managed CA and serving certificate (env DUALSTACK_WEBHOOK_SECRET).")
  public String webhookSecret;

  @Option(
      names = "--webhook-service",
      defaultValue = "${env:DUALSTACK_WEBHOOK_SERVICE:-dualstack-operator-webhook}",
      description =
          "Service in front of the webhook; its DNS names go into the certificate (env DUALSTACK_WEBHOOK_SERVICE).")
  public String webhookService;

  @Option(
      names = "--webhook-configuration",
      defaultValue = "${env:DUALSTACK_WEBHOOK_CONFIGURATION}",
      description =
          "ValidatingWebhookConfiguration whose caBundle the operator keeps current; empty: none"
              + " (env DUALSTACK_WEBHOOK_CONFIGURATION).")
  public String webhookConfiguration;

  @Option(
      names = "--webhook-cert-names",
      defaultValue = "${env:DUALSTACK_WEBHOOK_CERT_NAMES}",
      split = ",",
      description =
          "Extra host names or IP addresses for the certificate, e.g. 127.0.0.1 when the API"
              + " server calls a URL (env DUALSTACK_WEBHOOK_CERT_NAMES, comma-separated).")
  public java.util.List<String> webhookCertNames;

  @Option(
      names = "--webhook-cert-dir",
      defaultValue = "${env:DUALSTACK_WEBHOOK_CERT_DIR}",
      description =
          "Read tls.crt and tls.key from this directory (cert-manager) instead of managing the"
              + " Secret (env DUALSTACK_WEBHOOK_CERT_DIR).")
  public Path webhookCertDir;

  @Option(
      names = "--webhook-cert-validity",
      defaultValue = "${env:DUALSTACK_WEBHOOK_CERT_VALIDITY:-8760h}",
      converter = DurationConverter.class,
      description =
          "Lifetime of the operator-managed serving certificate, renewed with a third left (env"
              + " DUALSTACK_WEBHOOK_CERT_VALIDITY).")
  public Duration webhookCertValidity;

  @Option(
      names = "--webhook-cert-check-interval",
      defaultValue = "${env:DUALSTACK_WEBHOOK_CERT_CHECK_INTERVAL}",
      converter = DurationConverter.class,
      description =
          "How often the certificate is checked for renewal; default a tenth of its lifetime, at"
              + " most 1h (env DUALSTACK_WEBHOOK_CERT_CHECK_INTERVAL).")
  public Duration webhookCertCheckInterval;

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
        OperatorProcess.start(
            client, settings, matrix, healthPort, metricsPort, webhook ? webhookSettings() : null);
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
        "dualstack-operator running: capabilities {}, namespace {}, health :{}, metrics :{}{}",
        matrix.source(),
        namespace,
        process.healthPort(),
        process.metricsPort(),
        webhook ? ", webhook :" + process.webhookPort() : ", no webhook");
    process.awaitStop();
    return 0;
  }

  WebhookSettings webhookSettings() {
    Duration validity = webhookCertValidity;
    return new WebhookSettings(
        webhookPort,
        webhookNamespace,
        webhookSecret,
        webhookService,
        webhookCertNames,
        blank(webhookConfiguration) ? null : webhookConfiguration,
        webhookCertDir,
        validity,
        webhookCertCheckInterval == null
            ? WebhookSettings.defaultCheckInterval(validity)
            : webhookCertCheckInterval,
        4);
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
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
