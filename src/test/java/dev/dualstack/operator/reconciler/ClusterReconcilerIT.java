package dev.dualstack.operator.reconciler;

import static dev.dualstack.operator.api.Conditions.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.dualstack.operator.api.CloudSpec;
import dev.dualstack.operator.api.Cluster;
import dev.dualstack.operator.api.ClusterStatus;
import dev.dualstack.operator.api.Datacenter;
import dev.dualstack.operator.api.DatacenterStatus;
import dev.dualstack.operator.pipeline.Pipeline;
import dev.dualstack.operator.pipeline.capability.CapabilityMatrixLoader;
import dev.dualstack.operator.pipeline.model.ClusterInput;
import dev.dualstack.operator.pipeline.model.DatacenterInput;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The real operator against the in-process API server: one server and operator for the class. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClusterReconcilerIT {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private OperatorHarness h;

  @BeforeAll
  void start() {
    h = new OperatorHarness().startOperator();
  }

  @AfterAll
  void stop() {
    h.close();
  }

  private void createDc(Datacenter dc) {
    h.client.resource(dc).create();
  }

  private void create(Cluster c) {
    h.client.resource(c).create();
  }

  private ClusterStatus awaitPhase(String name, String phase) {
    await().atMost(WAIT).until(() -> h.reconciled(name) && phase.equals(h.status(name).phase()));
    return h.status(name);
  }

  private static Optional<Condition> condition(ClusterStatus s, String type) {
    return s.conditions().stream().filter(c -> type.equals(c.getType())).findFirst();
  }

  private void edit(String name, java.util.function.UnaryOperator<Cluster> f) {
    h.client.resources(Cluster.class).withName(name).edit(f);
  }

  @Test
  void createdClusterBecomesReadyWithConditionsAndOneAcceptedEvent() {
    createDc(Fixtures.openstackDc("dc-create", true));
    create(Fixtures.openstackCluster("create", "dc-create"));

    ClusterStatus s = awaitPhase("create", PHASE_READY);

    assertThat(s.acceptedGeneration()).isEqualTo(1L);
    assertThat(s.network().pods()).containsExactly("172.25.0.0/16");
    assertThat(s.conditions())
        .extracting(Condition::getType, Condition::getStatus)
        .contains(
            org.assertj.core.groups.Tuple.tuple(DATACENTER_RESOLVED, "True"),
            org.assertj.core.groups.Tuple.tuple(NETWORK_VALID, "True"),
            org.assertj.core.groups.Tuple.tuple(READY, "True"));
    await().atMost(WAIT).until(() -> h.events("create", EVENT_NETWORK_ACCEPTED).size() == 1);
    assertThat(h.events("create", EVENT_NETWORK_ACCEPTED).get(0).getType()).isEqualTo("Normal");
  }

  @Test
  void specUpdateReRenders() {
    createDc(Fixtures.openstackDc("dc-update", true));
    create(Fixtures.openstackCluster("update", "dc-update"));
    awaitPhase("update", PHASE_READY);

    edit(
        "update",
        c -> {
          c.setSpec(
              Fixtures.spec(
                  c.getSpec().cloud(),
                  Fixtures.network(
                      "IPv4",
                      java.util.List.of("172.25.0.0/16"),
                      java.util.List.of("10.240.16.0/20"),
                      26)));
          return c;
        });

    await()
        .atMost(WAIT)
        .until(() -> h.reconciled("update") && h.status("update").acceptedGeneration() == 2L);
    ClusterStatus s = h.status("update");
    assertThat(s.phase()).isEqualTo(PHASE_READY);
    assertThat(s.network().nodeCidrMaskSizeIPv4()).isEqualTo(26);
    await().atMost(WAIT).until(() -> h.events("update", EVENT_NETWORK_ACCEPTED).size() == 2);
  }

  @Test
  void invalidUpdateKeepsTheLastGoodRendering() {
    createDc(Fixtures.openstackDc("dc-invalid", true));
    create(Fixtures.openstackCluster("invalid", "dc-invalid"));
    ClusterStatus good = awaitPhase("invalid", PHASE_READY);

    // providerName that disagrees with the provider block: refused (PRV-002)
    edit(
        "invalid",
        c -> {
          c.setSpec(
              Fixtures.spec(
                  Fixtures.openstackCloud("dc-invalid", "gcp"), c.getSpec().clusterNetwork()));
          return c;
        });

    ClusterStatus s = awaitPhase("invalid", PHASE_INVALID);
    assertThat(s.observedGeneration()).isEqualTo(2L);
    assertThat(s.acceptedGeneration()).isEqualTo(1L);
    assertThat(s.network()).isEqualTo(good.network());
    assertThat(s.cni()).isEqualTo(good.cni());
    assertThat(s.provider()).isEqualTo(good.provider());
    assertThat(s.errors())
        .extracting(ClusterStatus.StatusError::field)
        .contains("spec.cloud.providerName");
    assertThat(condition(s, NETWORK_VALID))
        .get()
        .extracting(Condition::getStatus)
        .isEqualTo("False");
    assertThat(condition(s, READY)).get().extracting(Condition::getStatus).isEqualTo("False");
    await().atMost(WAIT).until(() -> h.events("invalid", EVENT_NETWORK_REFUSED).size() == 1);
    assertThat(h.events("invalid", EVENT_NETWORK_REFUSED).get(0).getMessage())
        .contains("spec.cloud.providerName");
  }

  @Test
  void datacenterCreatedAfterItsCluster() {
    create(Fixtures.openstackCluster("early", "dc-late"));
    ClusterStatus pending = awaitPhase("early", PHASE_PENDING);
    assertThat(pending.network()).isNull();
    assertThat(condition(pending, DATACENTER_RESOLVED))
        .get()
        .extracting(Condition::getReason)
        .isEqualTo(REASON_NOT_FOUND);
    await().atMost(WAIT).until(() -> h.events("early", EVENT_DATACENTER_NOT_FOUND).size() == 1);

    createDc(Fixtures.openstackDc("dc-late", true));

    ClusterStatus ready = awaitPhase("early", PHASE_READY);
    assertThat(ready.datacenter()).isEqualTo("dc-late");
  }

  @Test
  void datacenterDeletedKeepsTheRenderingAndRecreatedRestoresReady() {
    createDc(Fixtures.openstackDc("dc-gone", true));
    create(Fixtures.openstackCluster("orphan", "dc-gone"));
    ClusterStatus ready = awaitPhase("orphan", PHASE_READY);

    h.client.resources(Datacenter.class).withName("dc-gone").delete();
    ClusterStatus pending = awaitPhase("orphan", PHASE_PENDING);
    assertThat(pending.network()).isEqualTo(ready.network());
    assertThat(pending.acceptedGeneration()).isEqualTo(1L);

    await()
        .atMost(WAIT)
        .until(() -> h.client.resources(Datacenter.class).withName("dc-gone").get() == null);
    createDc(Fixtures.openstackDc("dc-gone", true));
    awaitPhase("orphan", PHASE_READY);
  }

  @Test
  void noStatusWriteAndNoEventOnANoOpResync() {
    createDc(Fixtures.openstackDc("dc-quiet", true));
    create(Fixtures.openstackCluster("quiet", "dc-quiet"));
    awaitPhase("quiet", PHASE_READY);
    await().atMost(WAIT).until(() -> h.events("quiet", EVENT_NETWORK_ACCEPTED).size() == 1);
    // the write and the events it caused have settled when one more reconcile changes nothing
    long before = h.reconciliations();
    int writes = h.statusWrites("quiet");
    assertThat(writes).isGreaterThanOrEqualTo(1);

    // a label that does not matter to the rules triggers a reconcile that changes nothing
    edit(
        "quiet",
        c -> {
          c.getMetadata().setLabels(Map.of("touched", "yes"));
          return c;
        });
    await().atMost(WAIT).until(() -> h.reconciliations() > before);

    assertThat(h.statusWrites("quiet")).isEqualTo(writes);
    assertThat(h.events("quiet", EVENT_NETWORK_ACCEPTED)).hasSize(1);
  }

  @Test
  void ipv4ToDualStackMigrationShowsTheMigrationCondition() {
    Datacenter dc = Fixtures.openstackDc("dc-migrate", true);
    createDc(dc);
    create(Fixtures.openstackCluster("migrate", "dc-migrate"));
    ClusterStatus ipv4 = awaitPhase("migrate", PHASE_READY);
    assertThat(ipv4.ipFamily()).isEqualTo("IPv4");

    edit(
        "migrate",
        c -> {
          c.setSpec(Fixtures.spec(c.getSpec().cloud(), Fixtures.dualStackNetwork()));
          return c;
        });

    await().atMost(WAIT).until(() -> h.reconciled("migrate"));
    ClusterStatus s = h.status("migrate");
    // the pipeline accepts the appended IPv6 blocks as a migration ...
    Cluster updated = h.cluster("migrate");
    updated.setStatus(ipv4);
    var expected =
        new Pipeline(CapabilityMatrixLoader.builtin())
            .evaluate(ClusterInput.of(updated), DatacenterInput.of(dc));
    assertThat(expected.migration()).isNotNull();
    // ... and the status shows it: dual-stack rendering plus the steps still to do
    assertThat(s.phase()).isEqualTo(PHASE_READY);
    assertThat(s.acceptedGeneration()).isEqualTo(2L);
    assertThat(s.ipFamily()).isEqualTo("IPv4+IPv6");
    assertThat(s.network().pods()).containsExactly("172.25.0.0/16", "fd01::/48");
    assertThat(condition(s, DUAL_STACK_MIGRATION))
        .get()
        .satisfies(
            c -> {
              assertThat(c.getStatus()).isEqualTo("True");
              assertThat(c.getReason()).isEqualTo(REASON_MIGRATION_IN_PROGRESS);
              assertThat(c.getMessage()).isEqualTo(String.join("; ", expected.migration().steps()));
            });
  }

  @Test
  void byoClusterOwnsItsKubeadmJoinConfigMap() {
    createDc(Fixtures.byoDc("dc-byo"));
    create(
        Fixtures.cluster(
            "byo",
            Fixtures.byoCloud(
                "dc-byo",
                java.util.List.of(new CloudSpec.ByoNode("node-a", "192.168.10.11", "fd10::11"))),
            Fixtures.dualStackNetwork()));
    awaitPhase("byo", PHASE_READY);
    String uid = h.cluster("byo").getMetadata().getUid();

    await().atMost(WAIT).until(() -> configMap("byo-kubeadm-join") != null);
    ConfigMap cm = configMap("byo-kubeadm-join");
    assertThat(cm.getMetadata().getOwnerReferences())
        .singleElement()
        .satisfies(
            o -> {
              assertThat(o.getKind()).isEqualTo("Cluster");
              assertThat(o.getUid()).isEqualTo(uid);
              assertThat(o.getController()).isTrue();
            });
    assertThat(cm.getData()).containsOnlyKeys("node-a.yaml");
    assertThat(yaml(cm, "node-a.yaml").path("kind").asText()).isEqualTo("JoinConfiguration");
    assertThat(nodeIp(cm, "node-a.yaml")).isEqualTo("192.168.10.11,fd10::11");

    edit(
        "byo",
        c -> {
          c.setSpec(
              Fixtures.spec(
                  Fixtures.byoCloud(
                      "dc-byo",
                      java.util.List.of(
                          new CloudSpec.ByoNode("node-a", "192.168.10.11", "fd10::11"),
                          new CloudSpec.ByoNode("node-b", "192.168.10.12", "fd10::12"))),
                  c.getSpec().clusterNetwork()));
          return c;
        });

    await()
        .atMost(WAIT)
        .until(() -> configMap("byo-kubeadm-join").getData().containsKey("node-b.yaml"));
    assertThat(nodeIp(configMap("byo-kubeadm-join"), "node-b.yaml"))
        .isEqualTo("192.168.10.12,fd10::12");
  }

  @Test
  void aConflictOnTheStatusPatchIsRetriedToSuccess() {
    createDc(Fixtures.openstackDc("dc-conflict", true));
    String path = "/apis/dualstack.dev/v1/clusters/conflict/status";
    h.api
        .server()
        .expect()
        .patch()
        .withPath(path)
        .andReturn(
            409,
            new StatusBuilder()
                .withStatus("Failure")
                .withReason("Conflict")
                .withCode(409)
                .withMessage("the object has been modified")
                .build())
        .once();

    create(Fixtures.openstackCluster("conflict", "dc-conflict"));

    awaitPhase("conflict", PHASE_READY);
    assertThat(h.statusWrites("conflict")).isGreaterThanOrEqualTo(2);
    await().atMost(WAIT).until(() -> h.events("conflict", EVENT_NETWORK_ACCEPTED).size() == 1);
    assertThat(h.events("conflict", EVENT_NETWORK_ACCEPTED)).hasSize(1);
  }

  @Test
  void datacenterStatusShowsProviderDualStackAndOperatingSystems() {
    createDc(Fixtures.openstackDc("dc-v6", true));
    createDc(Fixtures.openstackDc("dc-v4", false));

    await().atMost(WAIT).until(() -> dcStatus("dc-v6") != null && dcStatus("dc-v4") != null);
    DatacenterStatus v6 = dcStatus("dc-v6");
    assertThat(v6.provider()).isEqualTo("openstack");
    assertThat(v6.dualStack().available()).isTrue();
    assertThat(v6.operatingSystems()).containsKey("ubuntu");
    DatacenterStatus v4 = dcStatus("dc-v4");
    assertThat(v4.dualStack().available()).isFalse();
    assertThat(v4.dualStack().reason()).isEqualTo(REASON_DATACENTER_IPV6_DISABLED);
  }

  static JsonNode yaml(ConfigMap cm, String key) {
    try {
      return new ObjectMapper(new YAMLFactory()).readTree(cm.getData().get(key));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static String nodeIp(ConfigMap cm, String key) {
    JsonNode args = yaml(cm, key).path("nodeRegistration").path("kubeletExtraArgs");
    if (args.isArray()) { // kubeadm v1beta4: [{name, value}]
      for (JsonNode a : args) {
        if ("node-ip".equals(a.path("name").asText())) {
          return a.path("value").asText();
        }
      }
      return null;
    }
    return args.path("node-ip").asText();
  }

  private DatacenterStatus dcStatus(String name) {
    Datacenter d = h.client.resources(Datacenter.class).withName(name).get();
    return d == null ? null : d.getStatus();
  }

  private ConfigMap configMap(String name) {
    return h.client.configMaps().inNamespace(OperatorHarness.NAMESPACE).withName(name).get();
  }

  @Test
  void anUnsafeLabelAloneTriggersAReconcile() {
    createDc(Fixtures.openstackDc("dc-label", true));
    create(Fixtures.openstackCluster("label", "dc-label"));
    awaitPhase("label", PHASE_READY);
    long before = h.reconciliations();

    edit(
        "label",
        c -> {
          c.getMetadata().setLabels(Map.of(LABEL_UNSAFE_CNI_MIGRATION, "true"));
          return c;
        });

    await().atMost(WAIT).until(() -> h.reconciliations() > before);
    assertThat(h.cluster("label").getMetadata().getGeneration()).isEqualTo(1L);
  }

  @Test
  void aDatacenterChangeReEvaluatesTheClustersThatReferenceIt() {
    createDc(Fixtures.openstackDc("dc-flag", true));
    create(
        Fixtures.cluster(
            "flag", Fixtures.openstackCloud("dc-flag", null), Fixtures.dualStackNetwork()));
    ClusterStatus ready = awaitPhase("flag", PHASE_READY);
    assertThat(ready.ipFamily()).isEqualTo("IPv4+IPv6");

    // the datacenter withdraws IPv6: the dual-stack cluster is refused, its rendering kept
    h.client
        .resources(Datacenter.class)
        .withName("dc-flag")
        .edit(
            d -> {
              d.setSpec(Fixtures.openstackDc("dc-flag", false).getSpec());
              return d;
            });

    await().atMost(WAIT).until(() -> !PHASE_READY.equals(h.status("flag").phase()));
    ClusterStatus refused = h.status("flag");
    assertThat(refused.phase()).isIn(PHASE_INVALID, PHASE_UNSUPPORTED);
    assertThat(refused.observedGeneration()).isEqualTo(1L);
    assertThat(refused.network()).isEqualTo(ready.network());
    assertThat(condition(refused, READY)).get().extracting(Condition::getStatus).isEqualTo("False");
  }
}
