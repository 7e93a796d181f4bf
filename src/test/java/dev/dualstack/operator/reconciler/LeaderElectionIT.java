package dev.dualstack.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.dualstack.operator.api.Conditions;
import dev.dualstack.operator.pipeline.capability.CapabilityMatrixLoader;
import dev.dualstack.operator.runtime.OperatorRuntime;
import dev.dualstack.operator.runtime.OperatorSettings;
import io.fabric8.kubernetes.api.model.authorization.v1.ResourceRuleBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectRulesReviewBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
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
  private final Map<String, KubernetesClient> clients = new HashMap<>();

  @AfterEach
  void stop() {
    instances.values().forEach(OperatorRuntime::close);
    clients.values().forEach(KubernetesClient::close);
    h.close();
  }

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
                    Duration.ofSeconds(2),
                    Duration.ofMillis(1500),
                    Duration.ofMillis(300),
                    false));
    instances.put(
        identity,
        new OperatorRuntime(
                client, settings, CapabilityMatrixLoader.builtin(), Clock.systemUTC(), null)
            .start());
  }

  private String holder() {
    Lease lease = h.client.leases().inNamespace(LEASE_NS).withName(LEASE).get();
    return lease == null || lease.getSpec() == null ? null : lease.getSpec().getHolderIdentity();
  }

  @Test
  void onlyTheLeaderReconcilesAndTheStandbyTakesOverWhenTheLeaderStops() {
    // the mock only echoes SelfSubjectRulesReview: answer with the lease permissions JOSDK checks
    h.api
        .server()
        .expect()
        .post()
        .withPath("/apis/authorization.k8s.io/v1/selfsubjectrulesreviews")
        .andReturn(
            201,
            new SelfSubjectRulesReviewBuilder()
                .withNewStatus()
                .withIncomplete(false)
                .withResourceRules(
                    new ResourceRuleBuilder()
                        .withApiGroups("coordination.k8s.io")
                        .withResources("leases")
                        .withVerbs("get", "create", "update", "patch")
                        .build())
                .endStatus()
                .build())
        .always();
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
    assertThat(instances.get(leader).clusterReconciler().reconciliations()).isPositive();
    assertThat(instances.get(standby).clusterReconciler().reconciliations()).isZero();

    instances.remove(leader).close();
    h.client.resource(Fixtures.openstackCluster("le-2", "dc-le")).create();

    await().atMost(WAIT).until(() -> standby.equals(holder()));
    await()
        .atMost(WAIT)
        .until(
            () -> h.reconciled("le-2") && Conditions.PHASE_READY.equals(h.status("le-2").phase()));
    assertThat(instances.get(standby).clusterReconciler().reconciliations()).isPositive();
  }
}
