package dev.dualstack.operator.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.dualstack.operator.api.Cluster;
import dev.dualstack.operator.api.Conditions;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Two operator instances and a real Lease: only the leader writes; when the leader dies (killed,
 * no clean release), the standby takes the Lease over and reconciles. The instances run as two
 * ServiceAccounts bound to the same chart roles, so the audit log tells whose requests are whose.
 */
@Tag("e2e")
class LeaderElectionE2E {
  private static final String NS = Chart.NAMESPACE;
  private static final String STANDBY_SA = "dualstack-operator-standby";
  private static ControlPlane cp;
  private static KubernetesClient admin;
  private static OperatorProcess a;
  private static OperatorProcess b;

  @BeforeAll
  static void start() {
    cp = ControlPlane.start(LeaderElectionE2E.class);
    admin = cp.admin();
    // no admission webhook here (AdmissionE2E has it): with no pods, the chart's Service would
    // have no endpoints and failurePolicy Fail would refuse every Cluster
    Chart.install(cp, Chart.RELEASE, NS, Map.of("replicas", "2", "webhook.enabled", "false"));
    admin.serviceAccounts().inNamespace(NS)
        .resource(new ServiceAccountBuilder().withNewMetadata().withName(STANDBY_SA).endMetadata().build())
        .create();
    admin.rbac().clusterRoleBindings()
        .resource(new ClusterRoleBindingBuilder()
            .withNewMetadata().withName("standby").endMetadata()
            .withNewRoleRef("rbac.authorization.k8s.io", "ClusterRole", Chart.RELEASE)
            .addNewSubject().withKind("ServiceAccount").withName(STANDBY_SA).withNamespace(NS).endSubject()
            .build())
        .create();
    for (String role : List.of(Chart.RELEASE + "-join-configmaps", Chart.RELEASE + "-leader-election")) {
      admin.rbac().roleBindings().inNamespace(NS)
          .resource(new RoleBindingBuilder()
              .withNewMetadata().withName("standby-" + role).endMetadata()
              .withNewRoleRef("rbac.authorization.k8s.io", "Role", role)
              .addNewSubject().withKind("ServiceAccount").withName(STANDBY_SA).withNamespace(NS).endSubject()
              .build())
          .create();
    }
  }

  @AfterAll
  static void stop() {
    for (OperatorProcess p : new OperatorProcess[] {a, b}) {
      if (p != null) {
        p.close();
      }
    }
    if (cp != null) {
      cp.close();
    }
  }

  @Test
  void onlyTheLeaderWritesAndTheStandbyTakesOver() throws Exception {
    a = start("leader-a", cp.serviceAccountKubeconfig(NS, Chart.SERVICE_ACCOUNT));
    await("leader-a holds the Lease").atMost(ControlPlane.WAIT).until(() -> "leader-a".equals(holder()));
    b = start("standby-b", cp.serviceAccountKubeconfig(NS, STANDBY_SA));

    apply("le-dc", "le-one");
    awaitReady("le-one");
    Thread.sleep(2_000); // let a (wrong) standby write show up in the audit log, if it would
    Audit standby = Audit.of(cp, Audit.serviceAccount(NS, STANDBY_SA));
    assertThat(writes(standby)).as("writes by the standby while leader-a leads").isEmpty();
    assertThat(writes(Audit.of(cp, Audit.serviceAccount(NS, Chart.SERVICE_ACCOUNT))))
        .as("status patches by the leader")
        .anyMatch(w -> w.contains("clusters/status"));
    assertThat(b.ready()).as("a standby is ready (it serves, it does not reconcile)").isTrue();

    long killedAt = System.nanoTime();
    a.kill();
    await("standby-b takes the Lease over")
        .atMost(Duration.ofMinutes(2))
        .pollInterval(Duration.ofMillis(500))
        .until(() -> "standby-b".equals(holder()));
    long takeoverMs = (System.nanoTime() - killedAt) / 1_000_000;
    System.out.printf("[e2e] LeaderElectionE2E: takeover %d ms after the leader was killed (lease 10s)%n", takeoverMs);

    apply(null, "le-two");
    awaitReady("le-two");
    assertThat(writes(Audit.of(cp, Audit.serviceAccount(NS, STANDBY_SA))))
        .as("the new leader writes")
        .anyMatch(w -> w.contains("clusters/status"));
  }

  private static OperatorProcess start(String identity, Path kubeconfig) {
    return OperatorProcess.start(
            identity,
            kubeconfig,
            "--namespace=" + NS,
            "--leader-election=true",
            "--lease-namespace=" + NS,
            "--lease-name=" + Chart.RELEASE,
            "--lease-duration=10s",
            "--identity=" + identity)
        .awaitReady();
  }

  private static String holder() {
    Lease l = admin.leases().inNamespace(NS).withName(Chart.RELEASE).get();
    return l == null || l.getSpec() == null ? null : l.getSpec().getHolderIdentity();
  }

  /**
   * Writes to Clusters, Datacenters, ConfigMaps and Events (Lease traffic and JOSDK's start-up
   * SelfSubjectRulesReview left out).
   */
  private static List<String> writes(Audit audit) {
    return audit.events().stream()
        .filter(e -> List.of("create", "update", "patch", "delete").contains(e.path("verb").asText()))
        .filter(e -> e.path("responseStatus").path("code").asInt() < 400)
        .map(e -> e.path("objectRef").path("resource").asText()
            + (e.path("objectRef").path("subresource").isMissingNode() ? "" : "/" + e.path("objectRef").path("subresource").asText())
            + " " + e.path("verb").asText())
        .filter(w -> !w.startsWith("leases") && !w.startsWith("selfsubject"))
        .toList();
  }

  private static void apply(String dc, String cluster) throws Exception {
    if (dc != null) {
      cp.kubectl().runWithInput(
          """
          apiVersion: dualstack.dev/v1
          kind: Datacenter
          metadata: {name: %s}
          spec: {country: DE, location: Frankfurt, aws: {region: eu-central-1}}
          """.formatted(dc), "apply", "-f", "-");
    }
    ControlPlane.Result r = cp.kubectl().runWithInput(
        """
        apiVersion: dualstack.dev/v1
        kind: Cluster
        metadata: {name: %s}
        spec:
          version: "1.33.5"
          cloud: {dc: le-dc, aws: {}}
          clusterNetwork:
            pods: {cidrBlocks: [172.25.0.0/16, "fd01::/48"]}
            services: {cidrBlocks: [10.240.16.0/20, "fd02::/108"]}
        """.formatted(cluster), "apply", "-f", "-");
    assertThat(r.exitCode()).as(r.both()).isZero();
  }

  private static void awaitReady(String name) {
    await(name + " Ready")
        .atMost(ControlPlane.WAIT)
        .untilAsserted(() -> {
          Cluster c = admin.resources(Cluster.class).withName(name).get();
          assertThat(c.getStatus()).isNotNull();
          assertThat(c.getStatus().phase()).isEqualTo(Conditions.PHASE_READY);
        });
  }
}
