package dev.dualstack.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.dualstack.operator.api.Conditions;
import dev.dualstack.operator.pipeline.capability.CapabilityMatrixLoader;
import dev.dualstack.operator.runtime.OperatorRuntime;
import dev.dualstack.operator.runtime.OperatorSettings;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Two operator instances and one Lease: only the leader reconciles; the standby takes over. */
class LeaderElectionIT {
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final String LEASE = "dualstack-operator";
  private static final String LEASE_NS = "dualstack-system";

  private final OperatorHarness h = new OperatorHarness();
  private final Map<String, OperatorRuntime> instances = new HashMap<>();
  private final Map<String, MeterRegistry> meters = new HashMap<>();
  private final Map<String, KubernetesClient> clients = new HashMap<>();

  @AfterEach
  void stop() {
    instances.values().forEach(OperatorRuntime::close);
    clients.values().forEach(KubernetesClient::close);
    h.close();
  }

  // roomy enough that a leader starved of CPU on a busy 2-core machine does not lose the Lease
  // while still running (which would be leader election working, but not what these tests ask)
  private static final Duration LEASE_DURATION = Duration.ofSeconds(3);
  private static final Duration RENEW_DEADLINE = Duration.ofSeconds(2);
  private static final Duration RETRY_PERIOD = Duration.ofMillis(500);

  private void start(String identity) {
    KubernetesClient client = h.api.newClient();
    clients.put(identity, client);
    OperatorSettings settings =
        OperatorSettings.defaults(OperatorHarness.NAMESPACE)
            .withRetry(Duration.ofMillis(200), 5)
            .withLeaderElection(
                new OperatorSettings.LeaderElection(
                    LEASE,
                    LEASE_NS,
                    identity,
                    LEASE_DURATION,
                    RENEW_DEADLINE,
                    RETRY_PERIOD,
                    false));
    MeterRegistry registry = new SimpleMeterRegistry();
    meters.put(identity, registry);
    instances.put(
        identity,
        new OperatorRuntime(
                client, settings, CapabilityMatrixLoader.builtin(), Clock.systemUTC(), registry)
            .start());
  }

  private String holder() {
    Lease lease = h.client.leases().inNamespace(LEASE_NS).withName(LEASE).get();
    return lease == null || lease.getSpec() == null ? null : lease.getSpec().getHolderIdentity();
  }

  @Test
  void theStandbyTakesOverWithinTheLeaseDuration() {
    h.allowLeasePermissions();
    start("op-a");
    await().atMost(WAIT).until(() -> "op-a".equals(holder()));
    start("op-b");
    h.client.resource(Fixtures.openstackDc("dc-fast", true)).create();
    h.client.resource(Fixtures.openstackCluster("fast-1", "dc-fast")).create();
    await().atMost(WAIT).until(() -> h.reconciled("fast-1"));
    assertThat(holder()).isEqualTo("op-a");

    long stopped = System.nanoTime();
    instances.remove("op-a").close();
    // the stopped leader does not release the Lease: the standby acquires it once the last renewal
    // is a lease duration old, at its next retry; plus scheduling slack on a busy machine
    Duration bound = LEASE_DURATION.plus(RETRY_PERIOD.multipliedBy(2)).plusSeconds(2);
    await().atMost(bound).until(() -> "op-b".equals(holder()));
    Duration takeover = Duration.ofNanos(System.nanoTime() - stopped);
    System.out.println("leader election: standby took over after " + takeover.toMillis() + " ms");
    h.client.resource(Fixtures.openstackCluster("fast-2", "dc-fast")).create();
    await().atMost(WAIT).until(() -> h.reconciled("fast-2"));

    assertThat(takeover).isLessThanOrEqualTo(bound);
    assertThat(OperatorHarness.reconciliations(meters.get("op-b"))).isPositive();
    assertThat(h.status("fast-2").phase()).isEqualTo(Conditions.PHASE_READY);
  }

  @Test
  void onlyTheLeaderReconcilesAndTheStandbyTakesOverWhenTheLeaderStops() {
    h.allowLeasePermissions();
    start("op-a");
    start("op-b");
    await().atMost(WAIT).until(() -> holder() != null);
    String leader = holder();
    String standby = leader.equals("op-a") ? "op-b" : "op-a";

    h.client.resource(Fixtures.openstackDc("dc-le", true)).create();
    h.client.resource(Fixtures.openstackCluster("le-1", "dc-le")).create();
    await()
        .atMost(WAIT)
        .until(
            () -> h.reconciled("le-1") && Conditions.PHASE_READY.equals(h.status("le-1").phase()));
    assertThat(OperatorHarness.reconciliations(meters.get(leader))).isPositive();
    assertThat(OperatorHarness.reconciliations(meters.get(standby))).isZero();

    instances.remove(leader).close();
    h.client.resource(Fixtures.openstackCluster("le-2", "dc-le")).create();

    await().atMost(WAIT).until(() -> standby.equals(holder()));
    await()
        .atMost(WAIT)
        .until(
            () -> h.reconciled("le-2") && Conditions.PHASE_READY.equals(h.status("le-2").phase()));
    assertThat(OperatorHarness.reconciliations(meters.get(standby))).isPositive();
  }
}
