package dev.dualstack.operator.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dualstack.operator.api.Cluster;
import dev.dualstack.operator.api.ClusterStatus;
import dev.dualstack.operator.api.Conditions;
import dev.dualstack.operator.api.Datacenter;
import dev.dualstack.operator.pipeline.model.ClusterInput;
import dev.dualstack.operator.pipeline.model.DatacenterInput;
import dev.dualstack.operator.pipeline.Pipeline;
import dev.dualstack.operator.pipeline.PipelineResult;
import dev.dualstack.operator.pipeline.capability.CapabilityMatrixLoader;
import dev.dualstack.operator.pipeline.status.ClusterStatusFactory;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The operator on a real kube-apiserver, installed by the chart and running <b>as the chart's
 * ServiceAccount</b> (a TokenRequest token), so it has exactly the RBAC the chart grants: every
 * example reaches the status the pipeline computes, with zero 403s; the chart grants exactly the
 * verbs the code uses (read from the API server's audit log); invalid updates keep the last good
 * rendering; the IPv4 → dual-stack migration; the BYO join ConfigMap is garbage-collected by
 * kube-controller-manager; {@code kubectl describe} shows status, conditions and events.
 */
@Tag("e2e")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OperatorE2E {
  private static final String NS = Chart.NAMESPACE;
  private static final String SA_USER = Audit.serviceAccount(NS, Chart.SERVICE_ACCOUNT);
  private static ControlPlane cp;
  private static KubernetesClient admin;
  private static OperatorProcess operator;
  private static Path saKubeconfig;
  private static final Map<String, Datacenter> DATACENTERS = new LinkedHashMap<>();
  private static final Map<String, Cluster> CLUSTERS = new LinkedHashMap<>();

  @BeforeAll
  static void installChartAndStartTheOperator() {
    cp = ControlPlane.start(OperatorE2E.class);
    admin = cp.admin();
    cp.backend().startControllerManager();
    // no admission webhook here (AdmissionE2E has it): with no pods, the chart's Service would
    // have no endpoints and failurePolicy Fail would refuse every Cluster
    Chart.install(
        cp,
        Chart.RELEASE,
        NS,
        Map.of("leaderElection.enabled", "true", "webhook.enabled", "false"));
    saKubeconfig = cp.serviceAccountKubeconfig(NS, Chart.SERVICE_ACCOUNT);
    operator =
        OperatorProcess.start(
                "operator-e2e",
                saKubeconfig,
                "--namespace=" + NS,
                "--leader-election=true",
                "--lease-namespace=" + NS,
                "--lease-name=dualstack-operator")
            .awaitReady();
  }

  @AfterAll
  static void stop() {
    if (operator != null) {
      operator.close();
    }
    if (cp != null) {
      cp.close();
    }
  }

  @Test
  @Order(1)
  void everyExampleGetsThePipelinesStatus() {
    for (JsonNode doc : Examples.documents(Examples.files(Examples.DIR))) {
      ((ObjectNode) doc).remove("status");
      switch (doc.path("kind").asText()) {
        case "Datacenter" -> {
          Datacenter d = Examples.YAML.convertValue(doc, Datacenter.class);
          DATACENTERS.put(d.getMetadata().getName(), d);
        }
        case "Cluster" -> {
          Cluster c = Examples.YAML.convertValue(doc, Cluster.class);
          CLUSTERS.put(c.getMetadata().getName(), c);
        }
        default -> {}
      }
    }
    assertThat(CLUSTERS).as("Clusters in examples/").hasSizeGreaterThanOrEqualTo(10);
    DATACENTERS.values().forEach(d -> admin.resource(d).create());
    CLUSTERS.values().forEach(c -> admin.resource(c).create());

    for (String name : CLUSTERS.keySet()) {
      await("status of Cluster " + name)
          .atMost(ControlPlane.WAIT)
          .pollInterval(Duration.ofMillis(500))
          .untilAsserted(() -> assertSameStatusAsThePipeline(name));
      assertEvent(name, live(name).getStatus());
    }
    for (String name : DATACENTERS.keySet()) {
      await("status of Datacenter " + name)
          .atMost(ControlPlane.WAIT)
          .untilAsserted(
              () -> {
                Datacenter d = admin.resources(Datacenter.class).withName(name).get();
                assertThat(d.getStatus()).as("status of Datacenter %s", name).isNotNull();
                assertThat(d.getStatus().observedGeneration())
                    .isEqualTo(d.getMetadata().getGeneration());
              });
    }
    assertThat(operator.alive()).as("the operator keeps running").isTrue();
  }

  @Test
  @Order(2)
  void theServiceAccountWasNeverRefused() {
    Audit audit = Audit.of(cp, SA_USER);
    assertThat(audit.events()).as("requests by %s in the audit log", SA_USER).isNotEmpty();
    assertThat(audit.withCode(403)).as("403s for %s", SA_USER).isEmpty();
    assertThat(operator.log()).doesNotContain("Forbidden").doesNotContain(" 403 ");
  }

  @Test
  @Order(3)
  void whatTheServiceAccountMayNotDoIsRefused() {
    try (KubernetesClient sa =
        new KubernetesClientBuilder()
            .withConfig(Config.fromKubeconfig(readString(saKubeconfig)))
            .build()) {
      assertThatThrownBy(() -> sa.secrets().inNamespace(NS).list())
          .isInstanceOfSatisfying(
              KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(403));
      assertThatThrownBy(() -> sa.resources(Cluster.class).withName("aws-dualstack").delete())
          .isInstanceOfSatisfying(
              KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(403));
      assertThatThrownBy(() -> sa.configMaps().inNamespace("default").list())
          .as("ConfigMaps only in the join namespace")
          .isInstanceOfSatisfying(
              KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(403));
    }
  }

  @Test
  @Order(4)
  void anInvalidUpdateKeepsTheLastGoodRendering() {
    String name = "aws-dualstack";
    ClusterStatus good = live(name).getStatus();
    assertThat(good.phase()).isEqualTo(Conditions.PHASE_READY);
    editSpec(
        name,
        tree -> {
          ((ObjectNode) tree.path("spec").path("clusterNetwork").path("pods"))
                  .putArray("cidrBlocks")
                  .add("172.26.0.0/16")
                  .add("fd01::/48");
        });
    await("refused update of " + name)
        .atMost(ControlPlane.WAIT)
        .untilAsserted(
            () -> {
              Cluster c = live(name);
              assertThat(c.getStatus().observedGeneration()).isEqualTo(c.getMetadata().getGeneration());
              assertThat(c.getStatus().phase()).isEqualTo(Conditions.PHASE_INVALID);
            });
    ClusterStatus refused = live(name).getStatus();
    assertThat(refused.network()).as("last good network kept").isEqualTo(good.network());
    assertThat(refused.acceptedGeneration()).isEqualTo(good.acceptedGeneration());
    assertThat(refused.errors())
        .extracting(ClusterStatus.StatusError::field)
        .anyMatch(f -> f.startsWith("spec.clusterNetwork.pods"));
  }

  @Test
  @Order(5)
  void theIpv4ToDualStackMigrationIsAccepted() {
    String name = "ipv4-only";
    assertThat(live(name).getStatus().ipFamily()).isEqualTo("IPv4");
    editSpec(
        name,
        tree -> {
          ObjectNode net = (ObjectNode) tree.path("spec").path("clusterNetwork");
              net.put("ipFamily", "IPv4+IPv6");
              ((ObjectNode) net.path("pods")).withArray("cidrBlocks").add("fd01::/48");
              ((ObjectNode) net.path("services")).withArray("cidrBlocks").add("fd02::/108");
        });
    await("migration of " + name)
        .atMost(ControlPlane.WAIT)
        .untilAsserted(
            () -> {
              ClusterStatus s = live(name).getStatus();
              assertThat(s.ipFamily()).isEqualTo("IPv4+IPv6");
              assertThat(s.phase()).isEqualTo(Conditions.PHASE_READY);
              assertThat(s.network().pods()).containsExactly("172.25.0.0/16", "fd01::/48");
              assertThat(s.conditions())
                  .extracting(Condition::getType)
                  .contains(Conditions.DUAL_STACK_MIGRATION);
            });
  }

  @Test
  @Order(6)
  void theJoinConfigMapFollowsItsClusterAndIsGarbageCollected() throws Exception {
    String name = "byo-dualstack";
    String cmName = live(name).getStatus().provider().bringyourown().joinConfigMap();
    ConfigMap cm = admin.configMaps().inNamespace(NS).withName(cmName).get();
    assertThat(cm).as("join ConfigMap %s", cmName).isNotNull();
    assertThat(cm.getMetadata().getOwnerReferences())
        .singleElement()
        .satisfies(o -> assertThat(o.getName()).isEqualTo(name));

    // a node added: the ConfigMap is updated (the update verb is exercised)
    editSpec(
        name,
        tree -> {
          ObjectNode node =
                  ((ObjectNode) tree.path("spec").path("cloud").path("bringyourown"))
                      .withArray("nodes")
                      .addObject();
              node.put("name", "worker-3").put("ipv4", "192.168.50.13").put("ipv6", "2001:db8:50::13");
        });
    await("ConfigMap with worker-3")
        .atMost(ControlPlane.WAIT)
        .untilAsserted(
            () ->
                assertThat(admin.configMaps().inNamespace(NS).withName(cmName).get().getData().toString())
                    .contains("192.168.50.13"));

    aStaleResourceVersionConflictIsRetried(name, cmName);

    admin.resources(Cluster.class).withName(name).delete();
    await("ConfigMap garbage-collected by kube-controller-manager")
        .atMost(Duration.ofMinutes(2))
        .pollInterval(Duration.ofSeconds(1))
        .until(() -> admin.configMaps().inNamespace(NS).withName(cmName).get() == null);
  }

  /**
   * A real 409 from a stale resourceVersion (made deterministic by {@link ConflictInjector}) on the
   * operator's ConfigMap update is retried: the next attempt, with the fresh object, succeeds.
   */
  private static void aStaleResourceVersionConflictIsRetried(String cluster, String cmName)
      throws Exception {
    java.time.Instant since = java.time.Instant.now();
    try (ConflictInjector injector =
        ConflictInjector.start(
            admin,
            NS,
            SA_USER,
            cmName,
            cm ->
                admin
                    .configMaps()
                    .inNamespace(NS)
                    .withName(cm)
                    .edit(c -> {
                      c.getMetadata().getAnnotations().put("e2e.dualstack.dev/raced", "true");
                      return c;
                    }))) {
      editSpec(
        cluster,
        tree -> {
          ((ObjectNode) tree.path("spec").path("cloud").path("bringyourown"))
                    .withArray("nodes")
                    .addObject()
                    .put("name", "worker-4")
                    .put("ipv4", "192.168.50.14")
                    .put("ipv6", "2001:db8:50::14");
        });
      await("ConfigMap with worker-4 after the conflict")
          .atMost(ControlPlane.WAIT)
          .untilAsserted(
              () ->
                  assertThat(
                          admin.configMaps().inNamespace(NS).withName(cmName).get().getData().toString())
                      .contains("192.168.50.14"));
      assertThat(injector.injected.get()).as("the race was staged").isEqualTo(1);
    }
    List<Integer> codes =
        Audit.of(cp, SA_USER).events().stream()
            .filter(e -> !java.time.Instant.parse(e.path("requestReceivedTimestamp").asText()).isBefore(since))
            .filter(e -> "configmaps".equals(e.path("objectRef").path("resource").asText()))
            .filter(e -> cmName.equals(e.path("objectRef").path("name").asText()))
            .filter(e -> !"watch".equals(e.path("verb").asText()) && !"list".equals(e.path("verb").asText()))
            .map(e -> e.path("responseStatus").path("code").asInt())
            .toList();
    System.out.println("[e2e] OperatorE2E: the operator's writes of " + cmName + " answered " + codes);
    assertThat(codes).as("the operator's ConfigMap writes: a 409, then success").startsWith(409).contains(200);
  }

  @Test
  @Order(7)
  void kubectlDescribeShowsStatusConditionsAndEvents() {
    assumeTrue(cp.backend().kubectl().isPresent(), "no kubectl for this back end");
    ControlPlane.Result r = cp.kubectl().run("describe", "clusters.dualstack.dev", "openstack-dualstack");
    assertThat(r.exitCode()).as(r.both()).isZero();
    assertThat(r.out())
        .contains("Name:         openstack-dualstack")
        .contains("Kind:         Cluster")
        .contains("Phase:")
        .contains("Ready")
        .contains("Ip Family:")
        .contains("Conditions:")
        .contains("DatacenterResolved")
        .contains("NetworkValid")
        .contains("DualStackSupported")
        .contains("Events:")
        .contains("NetworkAccepted");
    ControlPlane.Result get = cp.kubectl().run("get", "dsc", "openstack-dualstack");
    assertThat(get.out()).contains("openstack").contains("IPv4+IPv6").contains("Ready");
  }

  @Test
  @Order(8)
  void aClusterNameTheServerRefusesNeverReachesTheOperator() {
    ControlPlane.Result r =
        cp.kubectl()
            .runWithInput(
                """
                apiVersion: dualstack.dev/v1
                kind: Cluster
                metadata: {name: Prod_EU}
                spec: {version: "1.33.5", cloud: {dc: aws-eu-central-1, aws: {}}}
                """,
                "apply",
                "-f",
                "-");
    assertThat(r.exitCode()).as(r.both()).isNotZero();
    assertThat(r.err()).contains("metadata.name: Invalid value: \"Prod_EU\"");
    assertThat(admin.resources(Cluster.class).list().getItems())
        .extracting(c -> c.getMetadata().getName())
        .doesNotContain("Prod_EU");
    assertThat(operator.log()).doesNotContain("Prod_EU");
  }

  /**
   * Least privilege, both ways: every (group, resource, verb) the chart grants was used by the
   * operator in this class's run (read from the audit log), and the operator used nothing the
   * chart does not grant (it would have been a 403, see above). Runs last: it needs every path.
   */
  @Test
  @Order(100)
  void theChartGrantsExactlyWhatTheCodeUses() {
    assumeTrue(cp.backend().auditLog().isPresent(), "this back end keeps no audit log");
    Set<String> granted = new TreeSet<>();
    admin.rbac().clusterRoles().withName(Chart.RELEASE).get().getRules().forEach(r -> add(granted, r));
    admin.rbac().roles().inNamespace(NS).list().getItems().stream()
        .filter(role -> role.getMetadata().getName().startsWith(Chart.RELEASE))
        .forEach(role -> role.getRules().forEach(r -> add(granted, r)));
    Set<String> used = Audit.of(cp, SA_USER).resourceVerbs();
    assertThat(used).as("used by the operator; granted: %s", granted).isSubsetOf(granted);
    Set<String> unused = new TreeSet<>(granted);
    unused.removeAll(used);
    assertThat(unused).as("granted by the chart but never used; used: %s", used).isEqualTo(NOT_EXERCISED);
  }

  /**
   * Granted and needed, but not seen as a request in this run: JoinConfigMaps deletes the join
   * ConfigMap when the accepted rendering stops being bringyourown, which the update rules never
   * accept (the provider is immutable; only a lost status leads there); JOSDK's start-up check
   * (a SelfSubjectRulesReview) demands update on Leases although fabric8's LeaseLock patches.
   */
  private static final Set<String> NOT_EXERCISED =
      Set.of("/configmaps delete", "coordination.k8s.io/leases update");

  private static void add(Set<String> granted, PolicyRule r) {
    for (String g : r.getApiGroups()) {
      for (String res : r.getResources()) {
        for (String v : r.getVerbs()) {
          granted.add(g + "/" + res + " " + v);
        }
      }
    }
  }

  /** Edits a live Cluster as a user would (the object as a tree: no API class in the way). */
  private static void editSpec(String name, java.util.function.Consumer<ObjectNode> change) {
    admin
        .resources(Cluster.class)
        .withName(name)
        .edit(
            c -> {
              ObjectNode tree = Examples.YAML.valueToTree(c);
              change.accept(tree);
              return Examples.YAML.convertValue(tree, Cluster.class);
            });
  }

  private static Cluster live(String name) {
    return admin.resources(Cluster.class).withName(name).get();
  }

  private static void assertSameStatusAsThePipeline(String name) {
    Cluster live = live(name);
    ClusterStatus actual = live.getStatus();
    assertThat(actual).as("status of %s", name).isNotNull();
    assertThat(actual.observedGeneration()).isEqualTo(live.getMetadata().getGeneration());
    Datacenter dc =
        live.getSpec() == null || live.getSpec().cloud() == null
            ? null
            : DATACENTERS.get(live.getSpec().cloud().dc());
    PipelineResult result =
        new Pipeline(CapabilityMatrixLoader.builtin())
            .evaluate(
                new ClusterInput(
                    name,
                    live.getMetadata().getLabels(),
                    live.getMetadata().getGeneration(),
                    live.getSpec(),
                    null),
                dc == null ? null : DatacenterInput.of(dc));
    ClusterStatus expected =
        new ClusterStatusFactory(Clock.systemUTC())
            .build(null, result, live.getMetadata().getGeneration());
    assertThat(actual.phase()).as("%s phase", name).isEqualTo(expected.phase());
    assertThat(actual.ipFamily()).as("%s ipFamily", name).isEqualTo(expected.ipFamily());
    assertThat(actual.network()).as("%s network", name).isEqualTo(expected.network());
    assertThat(actual.cni()).as("%s cni", name).isEqualTo(expected.cni());
    assertThat(actual.components()).as("%s components", name).isEqualTo(expected.components());
    assertThat(actual.provider()).as("%s provider", name).isEqualTo(expected.provider());
    assertThat(actual.warnings()).as("%s warnings", name).isEqualTo(expected.warnings());
    assertThat(fieldsAndTypes(actual.errors())).isEqualTo(fieldsAndTypes(expected.errors()));
    assertThat(conditions(actual.conditions())).isEqualTo(conditions(expected.conditions()));
  }

  private static void assertEvent(String name, ClusterStatus status) {
    String reason =
        Conditions.PHASE_READY.equals(status.phase())
            ? Conditions.EVENT_NETWORK_ACCEPTED
            : Conditions.PHASE_PENDING.equals(status.phase())
                ? Conditions.EVENT_DATACENTER_NOT_FOUND
                : Conditions.EVENT_NETWORK_REFUSED;
    await("event " + reason + " for " + name)
        .atMost(ControlPlane.WAIT)
        .untilAsserted(
            () ->
                assertThat(
                        admin.v1().events().inAnyNamespace()
                            .withField("involvedObject.name", name)
                            .list()
                            .getItems())
                    .extracting(e -> e.getReason())
                    .contains(reason));
  }

  private static List<String> fieldsAndTypes(List<ClusterStatus.StatusError> errors) {
    return errors == null
        ? List.of()
        : errors.stream().map(e -> e.field() + " " + e.type()).sorted().toList();
  }

  private static List<String> conditions(List<Condition> conditions) {
    return conditions == null
        ? List.of()
        : conditions.stream()
            .map(c -> c.getType() + "=" + c.getStatus() + "/" + c.getReason())
            .sorted()
            .toList();
  }

  private static String readString(Path p) {
    try {
      return java.nio.file.Files.readString(p);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
