package dev.dualstack.operator.runtime;

import dev.dualstack.operator.api.Cluster;
import dev.dualstack.operator.api.Conditions;
import dev.dualstack.operator.pipeline.Pipeline;
import dev.dualstack.operator.pipeline.capability.CapabilityMatrix;
import dev.dualstack.operator.pipeline.status.ClusterStatusFactory;
import dev.dualstack.operator.pipeline.status.DatacenterStatusFactory;
import dev.dualstack.operator.reconciler.AsyncEventRecorder;
import dev.dualstack.operator.reconciler.ClusterReconciler;
import dev.dualstack.operator.reconciler.DatacenterReconciler;
import dev.dualstack.operator.reconciler.JoinConfigMapDependent;
import dev.dualstack.operator.reconciler.JoinConfigMaps;
import dev.dualstack.operator.reconciler.JsonPatchStatusWriter;
import dev.dualstack.operator.reconciler.KubernetesEventRecorder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.javaoperatorsdk.operator.monitoring.micrometer.MicrometerMetrics;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.retry.GenericRetry;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator: JOSDK configured for this project (no server-side apply anywhere, bounded reconcile
 * threads, optional Lease leader election that does not exit the JVM unless asked), the Cluster and
 * Datacenter reconcilers, JOSDK metrics and a gauge of Clusters by phase. Used by {@code run}, by
 * {@code local} and by the integration tests alike.
 */
public final class OperatorRuntime implements AutoCloseable {
  public static final String CLUSTERS_GAUGE = "dualstack_clusters";
  public static final String UNREADABLE_GAUGE = "dualstack_clusters_unreadable";

  /** Events dropped because the queue of events waiting to be written was full. */
  public static final String EVENTS_DROPPED = "dualstack_events_dropped";

  private static final List<String> PHASES =
      List.of(
          Conditions.PHASE_READY,
          Conditions.PHASE_INVALID,
          Conditions.PHASE_UNSUPPORTED,
          Conditions.PHASE_PENDING,
          "Unknown");
  private static final Logger LOG = LoggerFactory.getLogger(OperatorRuntime.class);

  private final Operator operator;
  private final ClusterReconciler clusterReconciler;
  private final AsyncEventRecorder events;
  private final RecordSharingCloner cloner;
  private final AtomicBoolean stopped = new AtomicBoolean();

  public OperatorRuntime(
      KubernetesClient client,
      OperatorSettings settings,
      CapabilityMatrix matrix,
      Clock clock,
      MeterRegistry registry) {
    Objects.requireNonNull(client);
    this.cloner = new RecordSharingCloner(client.getKubernetesSerialization());
    this.operator =
        new Operator(
            o -> {
              o.withKubernetesClient(client)
                  .withUseSSAToPatchPrimaryResource(false)
                  .withSSABasedCreateUpdateMatchForDependentResources(false)
                  .withConcurrentReconciliationThreads(settings.concurrency())
                  .withCloseClientOnStop(false)
                  .withResourceCloner(cloner)
                  .checkingCRDAndValidateLocalModel(false);
              if (registry != null) {
                o.withMetrics(MicrometerMetrics.withoutPerResourceMetrics(registry));
              }
              if (settings.leaderElection() != null) {
                var le = settings.leaderElection();
                o.withLeaderElectionConfiguration(
                    new LeaderElectionConfiguration(
                        le.leaseName(),
                        le.leaseNamespace(),
                        le.leaseDuration(),
                        le.renewDeadline(),
                        le.retryPeriod(),
                        le.identity(),
                        null,
                        le.exitOnStopLeading()));
              }
            });
    String identity =
        settings.leaderElection() == null || settings.leaderElection().identity() == null
            ? KubernetesEventRecorder.COMPONENT
            : settings.leaderElection().identity();
    this.events =
        new AsyncEventRecorder(
            new KubernetesEventRecorder(client, clock, identity),
            AsyncEventRecorder.DEFAULT_CAPACITY);
    this.clusterReconciler =
        new ClusterReconciler(
            new Pipeline(matrix),
            new ClusterStatusFactory(clock),
            events,
            new JoinConfigMaps(
                settings.namespace(), new JoinConfigMapDependent(settings.namespace())),
            new JsonPatchStatusWriter());
    GenericRetry retry =
        new GenericRetry()
            .setInitialInterval(settings.retryInitialInterval())
            .setMaxAttempts(settings.retryMaxAttempts());
    operator.register(
        clusterReconciler,
        c -> {
          c.withRetry(retry)
              .withGenerationAware(false)
              .withOnUpdateFilter(ClusterReconciler::relevantUpdate)
              .withItemStore(new ManagedFieldsDroppingStore<>());
          if (settings.labelSelector() != null && !settings.labelSelector().isBlank()) {
            c.withLabelSelector(settings.labelSelector());
          }
        });
    operator.register(
        new DatacenterReconciler(new DatacenterStatusFactory(matrix, clock)),
        c -> c.withRetry(retry).withItemStore(new ManagedFieldsDroppingStore<>()));
    if (registry != null) {
      for (String phase : PHASES) {
        Gauge.builder(
                CLUSTERS_GAUGE,
                clusterReconciler,
                r -> r.clustersByPhase().getOrDefault(phase, 0L).doubleValue())
            .tag("phase", phase)
            .description("Clusters in the operator's cache by status.phase")
            .register(registry);
      }
      Gauge.builder(UNREADABLE_GAUGE, clusterReconciler, r -> r.unreadableClusters())
          .description("Clusters in the operator's cache whose stored spec cannot be read")
          .register(registry);
      FunctionCounter.builder(EVENTS_DROPPED, events, AsyncEventRecorder::dropped)
          .description(
              "Events not written because "
                  + AsyncEventRecorder.DEFAULT_CAPACITY
                  + " were already waiting")
          .register(registry);
    }
  }

  /**
   * Starts the informers (blocks until their caches are synced) and, when leader, reconciling.
   *
   * <p>JOSDK starts a controller's own informer (the Clusters) first and its other event sources
   * (the Datacenters, the join ConfigMaps) only once that one has synced; reconciling begins after
   * all of them. Their start is idempotent, so they are started here alongside JOSDK's start: its
   * own call then waits for this one, and the Clusters' first reconciles no longer wait for a
   * second round of list and watch (on the in-process server, whose watch replays every stored
   * Cluster when it opens, they waited for that replay: about 0.05 s of a 1.4 s start-up with 1,000
   * Clusters). Nothing changes in what is reconciled: JOSDK still reconciles only once every source
   * has started, and the Datacenter mapper maps nothing before the Cluster informer runs.
   */
  public OperatorRuntime start() {
    List<Thread> early = new ArrayList<>();
    for (EventSource<?, Cluster> source : clusterReconciler.secondaryEventSources()) {
      Thread t =
          new Thread(
              () -> {
                try {
                  source.start();
                } catch (RuntimeException e) {
                  // JOSDK's own start of the source tries again and reports it. No stop() here: a
                  // failed start leaves the source not running (stop would do nothing), and by
                  // then JOSDK's start may have succeeded, which stop would undo.
                  LOG.debug(
                      "early start of event source {} failed: {}", source.name(), e.toString());
                }
              },
              "early start -> " + source.name());
      t.setDaemon(true);
      t.start();
      early.add(t);
    }
    operator.start();
    for (Thread t : early) {
      try {
        t.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    LOG.info("operator started");
    return this;
  }

  /** Alive until stopped. */
  public boolean alive() {
    return !stopped.get();
  }

  /** Ready when started and every informer is healthy (synced and watching). */
  public boolean ready() {
    var info = operator.getRuntimeInfo();
    return !stopped.get() && info.isStarted() && info.allEventSourcesAreHealthy();
  }

  /**
   * Waits until the events recorded so far are written (they are written in the background).
   *
   * @return false when that took longer than {@code timeout}
   */
  public boolean flushEvents(Duration timeout) {
    return events.flush(timeout);
  }

  public ClusterReconciler clusterReconciler() {
    return clusterReconciler;
  }

  /**
   * Copies JOSDK made of cached resources: {@code [0]} Clusters and {@code [1]} Datacenters sharing
   * the spec and status records, {@code [2]} others by a serialization round trip (diagnostics; the
   * throughput harness reports them).
   */
  public long[] resourceCopies() {
    return new long[] {
      cloner.clusterCopies(), cloner.datacenterCopies(), cloner.serializedCopies()
    };
  }

  @Override
  public void close() {
    if (stopped.compareAndSet(false, true)) {
      LOG.info("stopping the operator");
      operator.stop();
      events.close();
    }
  }
}
