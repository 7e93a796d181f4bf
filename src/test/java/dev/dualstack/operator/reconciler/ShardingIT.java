package dev.dualstack.operator.reconciler;

import static dev.dualstack.operator.api.Conditions.EVENT_NETWORK_ACCEPTED;
import static dev.dualstack.operator.api.Conditions.PHASE_READY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.dualstack.operator.api.Cluster;
import dev.dualstack.operator.pipeline.capability.CapabilityMatrixLoader;
import dev.dualstack.operator.runtime.OperatorRuntime;
import dev.dualstack.operator.runtime.OperatorSettings;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two operator deployments on one API server, each with its own Lease and label selector: every
 * labelled Cluster is reconciled by exactly one of them, an unlabelled Cluster by neither. The
 * in-process server only honours equality selectors (set-based ones such as {@code !shard} are
 * ignored by it), so only those are exercised here; a real API server filters both alike.
 */
class ShardingIT {
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final String LEASE_NS = "dualstack-system";

  private final OperatorHarness h = new OperatorHarness();
  private final List<OperatorRuntime> runtimes = new ArrayList<>();
  private final List<KubernetesClient> clients = new ArrayList<>();

  @AfterEach
  void stop() {
    runtimes.forEach(OperatorRuntime::close);
    clients.forEach(KubernetesClient::close);
    h.close();
  }

  private OperatorRuntime shard(String identity, String selector, String lease) {
    KubernetesClient client = h.api.newClient();
    clients.add(client);
    OperatorSettings settings =
        OperatorSettings.defaults(OperatorHarness.NAMESPACE)
            .withRetry(Duration.ofMillis(200), 5)
            .withLabelSelector(selector)
            .withLeaderElection(
                new OperatorSettings.LeaderElection(
                    lease,
                    LEASE_NS,
                    identity,
                    Duration.ofSeconds(2),
                    Duration.ofMillis(1500),
                    Duration.ofMillis(300),
                    false));
    OperatorRuntime runtime =
        new OperatorRuntime(
                client, settings, CapabilityMatrixLoader.builtin(), Clock.systemUTC(), null)
            .start();
    runtimes.add(runtime);
    return runtime;
  }

  private String holder(String lease) {
    Lease l = h.client.leases().inNamespace(LEASE_NS).withName(lease).get();
    return l == null || l.getSpec() == null ? null : l.getSpec().getHolderIdentity();
  }

  private void create(String name, String shard) {
    Cluster c = Fixtures.openstackCluster(name, "dc-shard");
    if (shard != null) {
      c.getMetadata().setLabels(Map.of("shard", shard));
    }
    h.client.resource(c).create();
  }

  private boolean ready(String name) {
    return h.reconciled(name) && PHASE_READY.equals(h.status(name).phase());
  }

  @Test
  void eachLabelledClusterIsReconciledByExactlyOneShardAndAnUnlabelledOneByNone() {
    h.allowLeasePermissions();
    OperatorRuntime a = shard("op-a", "shard=a", "ds-a");
    OperatorRuntime b = shard("op-b", "shard=b", "ds-b");
    await().atMost(WAIT).until(() -> "op-a".equals(holder("ds-a")));
    await().atMost(WAIT).until(() -> "op-b".equals(holder("ds-b")));

    h.client.resource(Fixtures.openstackDc("dc-shard", true)).create();
    create("unlabelled", null);
    create("other-shard", "c");
    List<String> inA = List.of("a-1", "a-2", "a-3");
    List<String> inB = List.of("b-1", "b-2");
    inA.forEach(n -> create(n, "a"));
    inB.forEach(n -> create(n, "b"));

    await()
        .atMost(WAIT)
        .until(() -> inA.stream().allMatch(this::ready) && inB.stream().allMatch(this::ready));
    for (String n : inA) {
      await().atMost(WAIT).until(() -> !h.events(n, EVENT_NETWORK_ACCEPTED).isEmpty());
      assertThat(h.events(n, EVENT_NETWORK_ACCEPTED))
          .as(n)
          .singleElement()
          .extracting(Event::getReportingInstance)
          .isEqualTo("op-a");
    }
    for (String n : inB) {
      await().atMost(WAIT).until(() -> !h.events(n, EVENT_NETWORK_ACCEPTED).isEmpty());
      assertThat(h.events(n, EVENT_NETWORK_ACCEPTED))
          .as(n)
          .singleElement()
          .extracting(Event::getReportingInstance)
          .isEqualTo("op-b");
    }
    // each shard's informer holds exactly its own Clusters: the others never reach its reconciler
    assertThat(a.clusterReconciler().clustersByPhase()).isEqualTo(Map.of(PHASE_READY, 3L));
    assertThat(b.clusterReconciler().clustersByPhase()).isEqualTo(Map.of(PHASE_READY, 2L));
    assertThat(h.status("unlabelled")).isNull();
    assertThat(h.status("other-shard")).isNull();
    assertThat(h.events("unlabelled", EVENT_NETWORK_ACCEPTED)).isEmpty();
  }
}
