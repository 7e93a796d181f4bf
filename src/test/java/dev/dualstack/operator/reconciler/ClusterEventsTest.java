package dev.dualstack.operator.reconciler;

import static dev.dualstack.operator.api.Conditions.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dualstack.operator.api.ClusterStatus;
import dev.dualstack.operator.api.ClusterStatus.NetworkStatus;
import dev.dualstack.operator.api.ClusterStatus.StatusError;
import dev.dualstack.operator.api.ClusterStatusBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Events on transitions only: (previous, next) → reasons. */
class ClusterEventsTest {
  private static final NetworkStatus NET_A =
      Fixtures.yaml(
          NetworkStatus.class,
          "{pods: [172.25.0.0/16], services: [10.240.16.0/20], nodeCidrMaskSizeIPv4: 24,"
              + " proxyMode: ipvs, ipvsStrictArp: true, dnsDomain: cluster.local,"
              + " nodeLocalDNSCacheEnabled: true, konnectivityEnabled: true,"
              + " exposeStrategy: NodePort, nodePortRange: 30000-32767,"
              + " apiserverServiceIP: 10.240.16.1, dnsServiceIP: 10.240.16.10}");
  private static final NetworkStatus NET_B =
      Fixtures.yaml(
          NetworkStatus.class,
          "{pods: [172.25.0.0/16], services: [10.240.16.0/20], nodeCidrMaskSizeIPv4: 26,"
              + " proxyMode: ipvs, ipvsStrictArp: true, dnsDomain: cluster.local,"
              + " nodeLocalDNSCacheEnabled: true, konnectivityEnabled: true,"
              + " exposeStrategy: NodePort, nodePortRange: 30000-32767,"
              + " apiserverServiceIP: 10.240.16.1, dnsServiceIP: 10.240.16.10}");
  private static final List<StatusError> ERR =
      List.of(
          new StatusError(
              "spec.cloud.providerName", "FieldValueInvalid", "gcp", "must match", "PRV-002"));
  private static final List<StatusError> ERR2 =
      List.of(
          new StatusError("spec.cloud.dc", "FieldValueNotFound", "x", "no Datacenter", "DC-002"));

  private static ClusterStatus status(
      long observed, Long accepted, String phase, NetworkStatus net, List<StatusError> errors) {
    return ClusterStatusBuilder.builder()
        .observedGeneration(observed)
        .acceptedGeneration(accepted)
        .phase(phase)
        .ipFamily(net == null ? null : "IPv4")
        .datacenter("dc")
        .network(net)
        .errors(errors)
        .conditions(List.of())
        .build();
  }

  private static List<String> reasons(ClusterStatus previous, ClusterStatus next) {
    return ClusterEvents.between(previous, next).stream().map(ClusterEvent::reason).toList();
  }

  @Test
  void firstAcceptanceIsANormalEvent() {
    var events = ClusterEvents.between(null, status(1, 1L, PHASE_READY, NET_A, null));
    assertThat(events).extracting(ClusterEvent::type).containsExactly("Normal");
    assertThat(events).extracting(ClusterEvent::reason).containsExactly(EVENT_NETWORK_ACCEPTED);
  }

  @Test
  void sameAcceptedGenerationAndRenderingIsQuiet() {
    assertThat(
            reasons(
                status(1, 1L, PHASE_READY, NET_A, null), status(1, 1L, PHASE_READY, NET_A, null)))
        .isEmpty();
    // datacenter came back: the same rendering again is not news
    assertThat(
            reasons(
                status(1, 1L, PHASE_PENDING, NET_A, ERR2), status(1, 1L, PHASE_READY, NET_A, null)))
        .isEmpty();
  }

  @Test
  void aNewAcceptedGenerationOrRenderingIsAnnounced() {
    assertThat(
            reasons(
                status(1, 1L, PHASE_READY, NET_A, null), status(2, 2L, PHASE_READY, NET_B, null)))
        .containsExactly(EVENT_NETWORK_ACCEPTED);
    assertThat(
            reasons(
                status(1, 1L, PHASE_READY, NET_A, null), status(1, 1L, PHASE_READY, NET_B, null)))
        .containsExactly(EVENT_NETWORK_ACCEPTED);
  }

  @Test
  void refusalsAreWarnedOncePerGenerationAndErrorSet() {
    ClusterStatus refused = status(2, 1L, PHASE_INVALID, NET_A, ERR);
    assertThat(reasons(status(1, 1L, PHASE_READY, NET_A, null), refused))
        .containsExactly(EVENT_NETWORK_REFUSED);
    assertThat(reasons(refused, refused)).isEmpty();
    assertThat(reasons(refused, status(3, 1L, PHASE_INVALID, NET_A, ERR)))
        .containsExactly(EVENT_NETWORK_REFUSED);
    assertThat(reasons(refused, status(2, 1L, PHASE_UNSUPPORTED, NET_A, ERR)))
        .containsExactly(EVENT_NETWORK_REFUSED);
    assertThat(ClusterEvents.between(null, refused).get(0).message())
        .contains("spec.cloud.providerName")
        .contains("generation 1 stays in effect");
  }

  @Test
  void becomingPendingIsWarnedOnce() {
    ClusterStatus pending = status(1, null, PHASE_PENDING, null, ERR2);
    assertThat(ClusterEvents.between(null, pending))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.reason()).isEqualTo(EVENT_DATACENTER_NOT_FOUND);
              assertThat(e.message()).isEqualTo("no Datacenter");
            });
    assertThat(reasons(pending, pending)).isEmpty();
  }
}
