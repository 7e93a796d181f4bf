package dev.dualstack.operator.reconciler;

import static dev.dualstack.operator.api.Conditions.EVENT_NETWORK_REFUSED;
import static dev.dualstack.operator.api.Conditions.PHASE_INVALID;
import static dev.dualstack.operator.api.Conditions.PHASE_READY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.dualstack.operator.api.ClusterStatus;
import dev.dualstack.operator.api.ClusterStatus.StatusError;
import dev.dualstack.operator.api.Datacenter;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.math.BigInteger;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Objects the API classes cannot read (a string or a 20-digit number where an integer belongs),
 * stored through an API server without schema validation: before fabric8's informer failed on them
 * and the operator framework ended the process. Now the operator keeps running, reconciles every
 * other object and reports the unreadable one in its status, an event and a gauge.
 */
class UnreadableClusterIT {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final String MASK = "spec.clusterNetwork.nodeCidrMaskSizeIPv4";
  private final OperatorHarness h = new OperatorHarness();

  @AfterEach
  void stop() {
    h.close();
  }

  private NonNamespaceOperation<
          GenericKubernetesResource,
          io.fabric8.kubernetes.api.model.GenericKubernetesResourceList,
          Resource<GenericKubernetesResource>>
      raw(String kind) {
    return h.client.genericKubernetesResources("dualstack.dev/v1", kind);
  }

  static GenericKubernetesResource cluster(String name, Object mask) {
    return new GenericKubernetesResourceBuilder()
        .withApiVersion("dualstack.dev/v1")
        .withKind("Cluster")
        .withNewMetadata()
        .withName(name)
        .endMetadata()
        .withAdditionalProperties(
            Map.of(
                "spec",
                Map.of(
                    "version",
                    "1.31.4",
                    "cloud",
                    Map.of("dc", "dc-x", "openstack", Map.of("network", "net")),
                    "clusterNetwork",
                    Map.of("nodeCidrMaskSizeIPv4", mask))))
        .build();
  }

  private StatusError onlyError(String name) {
    ClusterStatus s = h.status(name);
    assertThat(s.phase()).isEqualTo(PHASE_INVALID);
    assertThat(s.errors()).hasSize(1);
    return s.errors().get(0);
  }

  @Test
  void unreadableClustersAreReportedAndEveryOtherClusterIsReconciled() {
    h.client.resource(Fixtures.openstackDc("dc-x", true)).create();
    // stored before the operator starts: the informer's first list must cope
    raw("Cluster").resource(cluster("listed-bad", "abc")).create();
    h.startOperator();
    // and after: the watch must cope
    raw("Cluster")
        .resource(cluster("watched-bad", new BigInteger("99999999999999999999")))
        .create();
    h.client.resource(Fixtures.openstackCluster("good", "dc-x")).create();

    await().atMost(WAIT).until(() -> h.reconciled("good"));
    assertThat(h.status("good").phase()).isEqualTo(PHASE_READY);
    await()
        .atMost(WAIT)
        .until(() -> statusOf("listed-bad") != null && statusOf("watched-bad") != null);

    StatusError listed = onlyError("listed-bad");
    assertThat(listed.field()).isEqualTo(MASK);
    assertThat(listed.type()).isEqualTo("Invalid");
    assertThat(listed.value()).isEqualTo("abc");
    assertThat(listed.message()).contains("cannot be read");
    StatusError watched = onlyError("watched-bad");
    assertThat(watched.field()).isEqualTo(MASK);
    assertThat(watched.value()).isEqualTo("99999999999999999999");
    await().atMost(WAIT).until(() -> h.events("listed-bad", EVENT_NETWORK_REFUSED).size() == 1);
    assertThat(h.events("listed-bad", EVENT_NETWORK_REFUSED).get(0).getMessage()).contains(MASK);
    assertThat(h.runtime.clusterReconciler().unreadableClusters()).isEqualTo(2);
    assertThat(h.runtime.alive()).isTrue();
    assertThat(h.runtime.ready()).isTrue();
    // the status write did not touch the stored spec
    assertThat(rawMask("listed-bad")).isEqualTo("abc");

    // fixing the spec makes it readable again and Ready
    raw("Cluster").resource(cluster("listed-bad", 24)).update();
    await().atMost(WAIT).until(() -> PHASE_READY.equals(h.status("listed-bad").phase()));
    assertThat(h.status("listed-bad").errors()).isNull();
    await().atMost(WAIT).until(() -> h.runtime.clusterReconciler().unreadableClusters() == 1);
  }

  @Test
  void anUnreadableStatusIsReplacedByAFreshOne() {
    h.startOperator();
    h.client.resource(Fixtures.openstackDc("dc-x", true)).create();
    h.client.resource(Fixtures.openstackCluster("scribbled", "dc-x")).create();
    await().atMost(WAIT).until(() -> h.reconciled("scribbled"));

    // someone writes a status of the wrong shape around the schema
    GenericKubernetesResource r = raw("Cluster").withName("scribbled").get();
    r.setAdditionalProperty("status", Map.of("phase", Map.of("not", "a string")));
    raw("Cluster").resource(r).updateStatus();
    assertThat(h.cluster("scribbled").getUnreadableStatus().field()).isEqualTo("status.phase");
    h.client.resource(Fixtures.openstackCluster("after", "dc-x")).create();
    await().atMost(WAIT).until(() -> h.reconciled("after"));
    assertThat(h.runtime.alive()).isTrue();

    // the next reconcile (here: a label change) writes a fresh status over it
    raw("Cluster")
        .withName("scribbled")
        .edit(
            g -> {
              g.getMetadata().setLabels(Map.of("touched", "yes"));
              return g;
            });
    await().atMost(WAIT).until(() -> h.reconciled("scribbled"));
    assertThat(h.status("scribbled").phase()).isEqualTo(PHASE_READY);
    assertThat(h.cluster("scribbled").getUnreadableStatus()).isNull();
  }

  @Test
  void anUnreadableDatacenterIsReportedAndTheOperatorKeepsRunning() {
    h.startOperator();
    GenericKubernetesResource dc =
        new GenericKubernetesResourceBuilder()
            .withApiVersion("dualstack.dev/v1")
            .withKind("Datacenter")
            .withNewMetadata()
            .withName("dc-bad")
            .endMetadata()
            .withAdditionalProperties(
                Map.of(
                    "spec",
                    Map.of("country", "DE", "openstack", Map.of("ipv6Enabled", Map.of("x", 1)))))
            .build();
    raw("Datacenter").resource(dc).create();
    h.client.resource(Fixtures.openstackDc("dc-x", true)).create();
    h.client.resource(Fixtures.openstackCluster("good", "dc-x")).create();

    await().atMost(WAIT).until(() -> h.reconciled("good"));
    await()
        .atMost(WAIT)
        .until(
            () ->
                h.client.resources(Datacenter.class).withName("dc-bad").get().getStatus() != null);
    var status = h.client.resources(Datacenter.class).withName("dc-bad").get().getStatus();
    assertThat(status.errors())
        .first()
        .satisfies(
            e -> {
              assertThat(e.field()).isEqualTo("spec.openstack.ipv6Enabled");
              assertThat(e.message()).contains("cannot be read");
            });
    assertThat(h.runtime.alive()).isTrue();
  }

  @SuppressWarnings("unchecked")
  private Object rawMask(String name) {
    var spec = (Map<String, Object>) raw("Cluster").withName(name).get().get("spec");
    return ((Map<String, Object>) spec.get("clusterNetwork")).get("nodeCidrMaskSizeIPv4");
  }

  @SuppressWarnings("unchecked")
  private Object statusOf(String name) {
    GenericKubernetesResource r = raw("Cluster").withName(name).get();
    return r == null ? null : r.getAdditionalProperties().get("status");
  }
}
