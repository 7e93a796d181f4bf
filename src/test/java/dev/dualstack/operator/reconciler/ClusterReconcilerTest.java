package dev.dualstack.operator.reconciler;

import static dev.dualstack.operator.api.Conditions.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dualstack.operator.api.CloudSpec;
import dev.dualstack.operator.api.Cluster;
import dev.dualstack.operator.api.ClusterStatus;
import dev.dualstack.operator.api.ClusterStatusBuilder;
import dev.dualstack.operator.api.Datacenter;
import dev.dualstack.operator.api.UnreadableField;
import dev.dualstack.operator.pipeline.Pipeline;
import dev.dualstack.operator.pipeline.capability.CapabilityMatrixLoader;
import dev.dualstack.operator.pipeline.status.ClusterStatusFactory;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The reconciler with a fake JOSDK Context and a fixed clock. */
class ClusterReconcilerTest {
  private static final Instant T0 = Instant.parse("2026-01-02T03:04:05Z");

  private final List<ClusterEvent> events = new ArrayList<>();
  private final Fakes.RecordingWriter writer = new Fakes.RecordingWriter();
  private Clock clock = Clock.fixed(T0, ZoneOffset.UTC);

  private ClusterReconciler reconciler() {
    return new ClusterReconciler(
        new Pipeline(CapabilityMatrixLoader.builtin()),
        new ClusterStatusFactory(clock),
        (cluster, event) -> events.add(event),
        new JoinConfigMaps("ns", writer));
  }

  private static Context<Cluster> context(Datacenter dc, ConfigMap cm) {
    return Fakes.context(dc, cm);
  }

  private static Cluster withGeneration(Cluster c, long generation) {
    c.getMetadata().setGeneration(generation);
    c.getMetadata().setUid("uid-" + c.getMetadata().getName());
    return c;
  }

  @Test
  void patchesAFreshStatusOnceAndNothingOnTheNextReconcile() {
    Datacenter dc = Fixtures.openstackDc("dc", true);
    Cluster c = withGeneration(Fixtures.openstackCluster("c", "dc"), 1);

    UpdateControl<Cluster> first = reconciler().reconcile(c, context(dc, null));

    assertThat(first.isPatchStatus()).isTrue();
    ClusterStatus s = first.getResource().orElseThrow().getStatus();
    assertThat(s.phase()).isEqualTo(PHASE_READY);
    assertThat(s.observedGeneration()).isEqualTo(1L);
    assertThat(s.conditions())
        .allSatisfy(
            cond -> assertThat(cond.getLastTransitionTime()).isEqualTo("2026-01-02T03:04:05Z"));
    assertThat(events).extracting(ClusterEvent::reason).containsExactly(EVENT_NETWORK_ACCEPTED);

    // a later resync with the written status: nothing to write, no event, time kept
    clock = Clock.fixed(T0.plusSeconds(3600), ZoneOffset.UTC);
    c.setStatus(s);
    UpdateControl<Cluster> second = reconciler().reconcile(c, context(dc, null));

    assertThat(second.isNoUpdate()).isTrue();
    assertThat(events).hasSize(1);
  }

  @Test
  void anUnreadableSpecIsInvalidWithOneErrorAndKeepsTheLastRendering() {
    Datacenter dc = Fixtures.openstackDc("dc", true);
    Cluster c = withGeneration(Fixtures.openstackCluster("c", "dc"), 1);
    ClusterStatus ready =
        reconciler().reconcile(c, context(dc, null)).getResource().orElseThrow().getStatus();
    Cluster broken = withGeneration(Fixtures.openstackCluster("c", "dc"), 2);
    broken.setSpec(null);
    broken.setStatus(ready);
    broken.markUnreadable(
        new UnreadableField(
            "spec.clusterNetwork.nodeCidrMaskSizeIPv4", "abc", "not a valid Integer value"));

    UpdateControl<Cluster> u = reconciler().reconcile(broken, context(dc, null));

    ClusterStatus s = u.getResource().orElseThrow().getStatus();
    assertThat(s.phase()).isEqualTo(PHASE_INVALID);
    assertThat(s.observedGeneration()).isEqualTo(2L);
    assertThat(s.acceptedGeneration()).isEqualTo(1L);
    assertThat(s.network()).isEqualTo(ready.network());
    assertThat(s.errors())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.field()).isEqualTo("spec.clusterNetwork.nodeCidrMaskSizeIPv4");
              assertThat(e.type()).isEqualTo("Invalid");
              assertThat(e.value()).isEqualTo("abc");
              assertThat(e.message()).contains("cannot be read");
            });
    assertThat(events)
        .extracting(ClusterEvent::reason)
        .containsExactly(EVENT_NETWORK_ACCEPTED, EVENT_NETWORK_REFUSED);
  }

  @Test
  void aMissingDatacenterMakesTheClusterPendingWithAWarningEvent() {
    Cluster c = withGeneration(Fixtures.openstackCluster("c", "nowhere"), 1);

    UpdateControl<Cluster> u = reconciler().reconcile(c, context(null, null));

    ClusterStatus s = u.getResource().orElseThrow().getStatus();
    assertThat(s.phase()).isEqualTo(PHASE_PENDING);
    assertThat(s.conditions())
        .filteredOn(cond -> cond.getType().equals(DATACENTER_RESOLVED))
        .singleElement()
        .satisfies(cond -> assertThat(cond.getStatus()).isEqualTo("False"));
    assertThat(events)
        .extracting(ClusterEvent::type, ClusterEvent::reason)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("Warning", EVENT_DATACENTER_NOT_FOUND));
  }

  @Test
  void aRefusedUpdateKeepsTheRenderingAndFlipsTheTransitionTime() {
    Datacenter dc = Fixtures.openstackDc("dc", true);
    Cluster c = withGeneration(Fixtures.openstackCluster("c", "dc"), 1);
    ClusterStatus good =
        reconciler().reconcile(c, context(dc, null)).getResource().orElseThrow().getStatus();

    clock = Clock.fixed(T0.plusSeconds(60), ZoneOffset.UTC);
    Cluster bad =
        withGeneration(
            Fixtures.cluster("c", Fixtures.openstackCloud("dc", "aws"), Fixtures.ipv4Network()), 2);
    bad.setStatus(good);
    ClusterStatus s =
        reconciler().reconcile(bad, context(dc, null)).getResource().orElseThrow().getStatus();

    assertThat(s.phase()).isEqualTo(PHASE_INVALID);
    assertThat(s.network()).isEqualTo(good.network());
    assertThat(s.acceptedGeneration()).isEqualTo(1L);
    assertThat(s.conditions())
        .filteredOn(cond -> cond.getType().equals(READY))
        .singleElement()
        .satisfies(
            cond -> assertThat(cond.getLastTransitionTime()).isEqualTo("2026-01-02T03:05:05Z"));
    assertThat(s.conditions())
        .filteredOn(cond -> cond.getType().equals(DATACENTER_RESOLVED))
        .singleElement()
        .satisfies(
            cond -> assertThat(cond.getLastTransitionTime()).isEqualTo("2026-01-02T03:04:05Z"));
    assertThat(events)
        .extracting(ClusterEvent::reason)
        .containsExactly(EVENT_NETWORK_ACCEPTED, EVENT_NETWORK_REFUSED);
  }

  @Test
  void writesTheJoinConfigMapOfAByoClusterAndLeavesAnUpToDateOneAlone() {
    Datacenter dc = Fixtures.byoDc("byo");
    Cluster c =
        withGeneration(
            Fixtures.cluster(
                "b",
                Fixtures.byoCloud("byo", List.of(new CloudSpec.ByoNode("n1", "10.0.0.1", null))),
                Fixtures.ipv4Network()),
            1);

    reconciler().reconcile(c, context(dc, null));

    assertThat(writer.written).hasSize(1);
    assertThat(writer.replaced).containsExactly((ConfigMap) null);
    ConfigMap written = writer.written.get(0);
    assertThat(written.getMetadata().getName()).isEqualTo("b-kubeadm-join");
    assertThat(written.getMetadata().getNamespace()).isEqualTo("ns");

    Fakes.RecordingWriter second = new Fakes.RecordingWriter();
    new ClusterReconciler(
            new Pipeline(CapabilityMatrixLoader.builtin()),
            new ClusterStatusFactory(clock),
            (cluster, event) -> {},
            new JoinConfigMaps("ns", second))
        .reconcile(c, context(dc, written));
    assertThat(second.written).isEmpty();
    assertThat(second.deleted).isEmpty();
  }

  @Test
  void specAndLabelChangesAreReconciledStatusWritesAreNot() {
    Cluster old = withGeneration(Fixtures.openstackCluster("c", "dc"), 1);
    Cluster statusOnly = withGeneration(Fixtures.openstackCluster("c", "dc"), 1);
    statusOnly.setStatus(
        ClusterStatusBuilder.builder()
            .observedGeneration(1L)
            .acceptedGeneration(1L)
            .phase(PHASE_READY)
            .build());
    Cluster labelled = withGeneration(Fixtures.openstackCluster("c", "dc"), 1);
    labelled.getMetadata().setLabels(java.util.Map.of(LABEL_UNSAFE_CNI_MIGRATION, "true"));
    Cluster newSpec = withGeneration(Fixtures.openstackCluster("c", "dc"), 2);

    assertThat(ClusterReconciler.relevantUpdate(statusOnly, old)).isFalse();
    assertThat(ClusterReconciler.relevantUpdate(labelled, old)).isTrue();
    assertThat(ClusterReconciler.relevantUpdate(newSpec, old)).isTrue();
  }
}
