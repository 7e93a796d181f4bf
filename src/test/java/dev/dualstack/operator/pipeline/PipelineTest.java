package dev.dualstack.operator.pipeline;

import static dev.dualstack.operator.pipeline.Expect.err;
import static dev.dualstack.operator.pipeline.field.ErrorType.FORBIDDEN;
import static dev.dualstack.operator.pipeline.field.ErrorType.INVALID;
import static dev.dualstack.operator.pipeline.field.ErrorType.NOT_FOUND;
import static dev.dualstack.operator.pipeline.field.ErrorType.NOT_SUPPORTED;
import static dev.dualstack.operator.pipeline.field.ErrorType.REQUIRED;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dualstack.operator.api.ClusterStatus;
import dev.dualstack.operator.api.Conditions;
import dev.dualstack.operator.pipeline.model.ClusterInput;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The whole pipeline on fixtures: phases, collected errors, refused updates keep the rendering. */
class PipelineTest {
  private static final String S = "cluster.spec.";
  private static final String N = "cluster.spec.clusterNetwork.";

  @Test
  void dualStackDefaultedRendersTheDefaults() {
    PipelineResult r = Fixture.load("dualstack-defaulted").evaluate();
    assertThat(r.errors()).isEmpty();
    assertThat(r.phase()).isEqualTo(Conditions.PHASE_READY);
    assertThat(r.rendering().ipFamily()).isEqualTo("IPv4+IPv6");
    assertThat(r.rendering().network().pods()).containsExactly("172.25.0.0/16", "fd01::/48");
    assertThat(r.rendering().network().services()).containsExactly("10.240.16.0/20", "fd02::/108");
    assertThat(r.rendering().network().apiserverServiceIP()).isEqualTo("10.240.16.1");
    assertThat(r.rendering().network().dnsServiceIP()).isEqualTo("10.240.16.10");
  }

  @Test
  void everyErrorIsCollectedInOnePass() {
    PipelineResult r =
        Fixture.load("dualstack-explicit")
            .set(N + "pods.cidrBlocks[0]", "010.0.0.0/8")
            .set(N + "services.cidrBlocks[1]", "fd02::1/108")
            .set(N + "dnsDomain", "corp.local")
            .set(N + "proxyMode", "userspace")
            .set(S + "cniPlugin.version", "v9.99")
            .set(S + "version", "one.two")
            .evaluate();
    assertThat(Expect.nonCapability(r))
        .containsExactlyInAnyOrder(
            err(INVALID, "spec.clusterNetwork.pods.cidrBlocks[0]", "NET-003"),
            err(INVALID, "spec.clusterNetwork.services.cidrBlocks[1]", "NET-006"),
            err(INVALID, "spec.clusterNetwork.dnsDomain", "NET-014"),
            err(NOT_SUPPORTED, "spec.clusterNetwork.proxyMode", "NET-015"),
            err(NOT_SUPPORTED, "spec.cniPlugin.version", "CNI-002"),
            err(NOT_SUPPORTED, "spec.version", "VER-001"));
    assertThat(r.phase()).isEqualTo(Conditions.PHASE_INVALID);
    assertThat(r.rendering()).isNull();
  }

  @Test
  void errorsReadLikeApimachinery() {
    PipelineResult r =
        Fixture.load("dualstack-explicit").set(N + "pods.cidrBlocks[1]", "fd01::1/48").evaluate();
    assertThat(r.errors()).hasSize(1);
    assertThat(r.errors().get(0).toString())
        .startsWith("spec.clusterNetwork.pods.cidrBlocks[1]: Invalid value: \"fd01::1/48\": ");
  }

  @Test
  void missingDatacenterIsPendingAndStillValidated() {
    PipelineResult r =
        Fixture.load("ipv4")
            .set(S + "cloud.dc", "later")
            .set(N + "dnsDomain", "corp.local")
            .evaluate();
    assertThat(r.phase()).isEqualTo(Conditions.PHASE_PENDING);
    assertThat(Expect.nonCapability(r))
        .containsExactlyInAnyOrder(
            err(NOT_FOUND, "spec.cloud.dc", "DC-002"),
            err(INVALID, "spec.clusterNetwork.dnsDomain", "NET-014"));
  }

  @Test
  void emptyAndNullSpecsDoNotThrow() {
    PipelineResult none =
        Fixture.PIPELINE.evaluate(new ClusterInput(null, null, null, null, null), null);
    assertThat(Expect.nonCapability(none))
        .contains(err(REQUIRED, "spec.cloud.dc", "DC-001"), err(REQUIRED, "spec.cloud", "PRV-001"));
    PipelineResult nulls =
        Fixture.load("dualstack-explicit")
            .set(N + "pods.cidrBlocks", java.util.Arrays.asList(null, null))
            .set(N + "services", null)
            .set(S + "cniPlugin", null)
            .set(
                S + "cloud.openstack.nodePortsAllowedIPRanges.cidrBlocks",
                java.util.Arrays.asList((Object) null))
            .evaluate();
    assertThat(Expect.nonCapability(nulls))
        .containsExactlyInAnyOrder(
            err(REQUIRED, "spec.clusterNetwork.pods.cidrBlocks[0]", "NET-003"),
            err(REQUIRED, "spec.clusterNetwork.pods.cidrBlocks[1]", "NET-003"));
    // a list of only nulls counts as empty: the datacenter's node-port ranges apply
    assertThat(nulls.effective().cloud().openstack().nodePortsAllowedIPRanges().cidrBlocks())
        .containsExactly("0.0.0.0/0", "::/0");
  }

  @Test
  void refusedUpdateKeepsTheLastGoodRendering() {
    Fixture f = Fixture.load("ipv4");
    ClusterStatus good = f.status();
    f.previous(good).set(N + "proxyMode", "iptables").set(S + "exposeStrategy", "Tunneling");
    PipelineResult r = f.evaluate();
    assertThat(Expect.nonCapability(r))
        .containsExactlyInAnyOrder(
            err(INVALID, "spec.clusterNetwork.proxyMode", "UPD-004"),
            err(INVALID, "spec.exposeStrategy", "UPD-008"));
    ClusterStatus refused = f.status();
    assertThat(refused.network()).isEqualTo(good.network());
    assertThat(refused.cni()).isEqualTo(good.cni());
    assertThat(refused.conditions())
        .anySatisfy(
            c -> {
              assertThat(c.getType()).isEqualTo(Conditions.NETWORK_VALID);
              assertThat(c.getReason()).isEqualTo(Conditions.REASON_UPDATE_REFUSED);
            });
  }

  @Test
  void unsafeLabelsUnlockByPresenceOfTheKey() {
    Fixture f = Fixture.load("ipv4");
    f.previous(f.status())
        .set(N + "proxyMode", "iptables")
        .set("cluster.labels", java.util.Map.of(Conditions.LABEL_UNSAFE_CNI_MIGRATION, ""));
    assertThat(f.evaluate().errors()).isEmpty();
  }

  @Test
  void typeChangeOfCniIsForbiddenAndNamesTheLabel() {
    Fixture f = Fixture.load("ipv4");
    f.previous(f.status()).set(S + "cniPlugin", java.util.Map.of("type", "none"));
    PipelineResult r = f.evaluate();
    assertThat(Expect.nonCapability(r))
        .containsExactly(err(FORBIDDEN, "spec.cniPlugin.type", "UPD-012"));
    assertThat(r.errors().get(0).message()).contains(Conditions.LABEL_UNSAFE_CNI_MIGRATION);
    assertThat(List.of(r.phase())).containsExactly(Conditions.PHASE_INVALID);
  }

  @Test
  void cniNearMissHintsTheListedSpellingAndStatusCarriesIt() {
    PipelineResult canal =
        Fixture.load("dualstack-explicit").set(S + "cniPlugin.version", "v3.22.0").evaluate();
    assertThat(canal.errors())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.rule().id()).isEqualTo("CNI-002");
              assertThat(e.message()).startsWith("did you mean v3.22? ");
            });
    PipelineResult cilium = Fixture.load("ipv4").set(S + "cniPlugin.version", "v1.19.4").evaluate();
    assertThat(cilium.errors().get(0).message()).startsWith("did you mean 1.19.4? ");
    PipelineResult garbage = Fixture.load("ipv4").set(S + "cniPlugin.version", "9.9.9").evaluate();
    assertThat(garbage.errors().get(0).message()).doesNotContain("did you mean");
    Fixture listed = Fixture.load("dualstack-explicit").set(S + "cniPlugin.version", "v3.22");
    assertThat(listed.evaluate().errors()).isEmpty();
    assertThat(listed.status().cni().version()).isEqualTo("v3.22");
  }

  @Test
  void aDatacenterNameNoDatacenterCanHaveIsInvalidNotPending() {
    PipelineResult r = Fixture.load("ipv4").set(S + "cloud.dc", "AWS_EU").evaluate();
    assertThat(r.phase()).isEqualTo(Conditions.PHASE_INVALID);
    PipelineResult later = Fixture.load("ipv4").set(S + "cloud.dc", "aws-later").evaluate();
    assertThat(later.phase()).isEqualTo(Conditions.PHASE_PENDING);
  }

  @Test
  void statusErrorsAndWarningsCarryTheirRule() {
    ClusterStatus s =
        Fixture.load("ipv4")
            .set(N + "services.cidrBlocks[0]", "10.240.16.0/29")
            .set(S + "cniPlugin.version", "1.13.0")
            .status();
    assertThat(s.errors())
        .extracting(ClusterStatus.StatusError::field, ClusterStatus.StatusError::rule)
        .containsExactly(
            org.assertj.core.api.Assertions.tuple(
                "spec.clusterNetwork.services.cidrBlocks[0]", "NET-026"));
    assertThat(s.warnings())
        .extracting(dev.dualstack.operator.api.Warning::rule)
        .containsExactly("CNI-002");
  }

  @Test
  void providersOutsideKkpsDualStackListAreUnknown() {
    for (String provider : List.of("edge", "baremetal")) {
      Fixture f =
          Fixture.load("dualstack-defaulted")
              .set(S + "version", "1.33.0")
              .remove(S + "cloud.openstack")
              .set(S + "cloud." + provider, java.util.Map.of())
              .remove("datacenter.spec.openstack")
              .set("datacenter.spec." + provider, java.util.Map.of());
      PipelineResult r = f.evaluate();
      assertThat(r.errors()).as(provider).isEmpty();
      assertThat(r.dualStack().status()).as(provider).isEqualTo("Unknown");
      assertThat(r.warnings())
          .as(provider)
          .anySatisfy(
              w -> {
                assertThat(w.code()).isEqualTo("DualStackUnknownProvider");
                assertThat(w.rule()).isEqualTo("CAP-004");
              });
    }
  }

  @Test
  void aDatacenterWithoutASingleKnownProviderBlockDoesNotResolve() {
    for (Fixture f :
        List.of(
            Fixture.load("ipv4").remove("datacenter.spec.aws"),
            Fixture.load("ipv4").set("datacenter.spec.gcp.region", "eu"))) {
      ClusterStatus s = f.status();
      assertThat(s.phase()).isEqualTo(Conditions.PHASE_INVALID);
      assertThat(s.conditions())
          .filteredOn(c -> c.getType().equals(Conditions.DATACENTER_RESOLVED))
          .singleElement()
          .satisfies(
              c -> {
                assertThat(c.getStatus()).isEqualTo("False");
                assertThat(c.getReason()).isEqualTo(Conditions.REASON_DATACENTER_INVALID);
                assertThat(c.getMessage()).contains("aws-eu").doesNotContain("null");
              });
    }
    // a provider the deployment's matrix has no row for (the built-in one has them all)
    var builtin = Fixture.MATRIX;
    var providers = new java.util.HashMap<>(builtin.providers());
    providers.remove("aws");
    var withoutAws =
        new dev.dualstack.operator.pipeline.capability.CapabilityMatrix(
            builtin.defaultCni(),
            providers,
            builtin.cni(),
            builtin.operatingSystemNotes(),
            builtin.kubernetes(),
            "test");
    Fixture f = Fixture.load("ipv4");
    PipelineResult r = new Pipeline(withoutAws).evaluate(f.input(), f.datacenter());
    assertThat(Expect.nonCapability(r)).contains(err(INVALID, "spec.cloud.dc", "DC-005"));
    ClusterStatus s =
        new dev.dualstack.operator.pipeline.status.ClusterStatusFactory(Fixture.CLOCK)
            .build(null, r, 1L);
    assertThat(s.conditions())
        .filteredOn(c -> c.getType().equals(Conditions.DATACENTER_RESOLVED))
        .singleElement()
        .satisfies(c -> assertThat(c.getReason()).isEqualTo(Conditions.REASON_DATACENTER_INVALID));
  }

  @Test
  void aResolvedDatacenterNeverSaysProviderNull() {
    ClusterStatus s = Fixture.load("ipv4").set(S + "cloud.gcp", java.util.Map.of()).status();
    assertThat(s.conditions())
        .filteredOn(c -> c.getType().equals(Conditions.DATACENTER_RESOLVED))
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.getStatus()).isEqualTo("True");
              assertThat(c.getMessage()).doesNotContain("null");
            });
  }
}
