package dev.dualstack.operator.pipeline.validation;

import static dev.dualstack.operator.pipeline.Expect.err;
import static dev.dualstack.operator.pipeline.field.ErrorType.FORBIDDEN;
import static dev.dualstack.operator.pipeline.field.ErrorType.INVALID;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dualstack.operator.api.ClusterStatus;
import dev.dualstack.operator.api.Conditions;
import dev.dualstack.operator.pipeline.Expect;
import dev.dualstack.operator.pipeline.Fixture;
import dev.dualstack.operator.pipeline.PipelineResult;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Update rules against the real rendered status: a golden fixture is evaluated, its status (built
 * by ClusterStatusFactory from the ClusterRenderer output) becomes the previous state, and a
 * one-line modifier changes the spec (or, for states an older operator may have left, the status).
 */
class UpdateRulesTest {
  private static final String S = "cluster.spec.";
  private static final String N = "cluster.spec.clusterNetwork.";
  private static final String NET = "spec.clusterNetwork.";

  /** The fixture with its own accepted status as previous state. */
  static Fixture accepted(String name) {
    Fixture f = Fixture.load(name);
    ClusterStatus status = f.status();
    assertThat(status.network()).as("fixture %s is accepted", name).isNotNull();
    return f.previous(status);
  }

  @ParameterizedTest(name = "{0}: rendered status fed back gives no error")
  @ValueSource(
      strings = {
        "ipv4",
        "dualstack-explicit",
        "dualstack-defaulted",
        "gcp-dualstack",
        "vsphere-dualstack",
        "byo-dualstack",
        "azure-dualstack"
      })
  void renderedStatusFedBackIsAccepted(String name) {
    PipelineResult r = accepted(name).evaluate();
    assertThat(Expect.nonCapability(r)).isEmpty();
    assertThat(r.migration()).isNull();
  }

  static Stream<Arguments> refused() {
    return Stream.of(
        bad(
            "dualstack-explicit",
            f ->
                f.set(N + "ipFamily", "IPv4")
                    .set(N + "pods.cidrBlocks", List.of("172.25.0.0/16"))
                    .set(N + "services.cidrBlocks", List.of("10.240.16.0/20"))
                    .remove(N + "nodeCidrMaskSizeIPv6"),
            err(INVALID, NET + "ipFamily", "UPD-001"),
            err(INVALID, NET + "pods.cidrBlocks", "UPD-002"),
            err(INVALID, NET + "services.cidrBlocks", "UPD-003")),
        bad(
            "ipv4",
            f -> f.set(N + "pods.cidrBlocks[0]", "172.26.0.0/16"),
            err(INVALID, NET + "pods.cidrBlocks", "UPD-002")),
        bad(
            "ipv4",
            f -> f.set(N + "services.cidrBlocks[0]", "10.241.0.0/20"),
            err(INVALID, NET + "services.cidrBlocks", "UPD-003")),
        bad(
            "ipv4",
            f ->
                f.set(N + "ipFamily", "IPv4+IPv6")
                    .set(N + "pods.cidrBlocks", List.of("172.26.0.0/16", "fd01::/48"))
                    .set(N + "services.cidrBlocks", List.of("10.240.16.0/20", "fd02::/108")),
            err(INVALID, NET + "pods.cidrBlocks", "UPD-002")),
        bad(
            "ipv4",
            f -> f.set(N + "proxyMode", "iptables"),
            err(INVALID, NET + "proxyMode", "UPD-004")),
        bad(
            "ipv4",
            f -> f.set("cluster.status.network.dnsDomain", "cluster.internal"),
            err(INVALID, NET + "dnsDomain", "UPD-005")),
        bad(
            "ipv4",
            f -> f.set(N + "nodeLocalDNSCacheEnabled", false),
            err(INVALID, NET + "nodeLocalDNSCacheEnabled", "UPD-006")),
        bad(
            "ipv4",
            f -> f.set(S + "componentsOverride.apiserver.nodePortRange", "30000-32000"),
            err(INVALID, "spec.componentsOverride.apiserver.nodePortRange", "UPD-007")),
        bad(
            "ipv4",
            f -> f.set(S + "exposeStrategy", "LoadBalancer"),
            err(INVALID, "spec.exposeStrategy", "UPD-008")),
        bad(
            "ipv4",
            f -> f.set(S + "cloud.dc", "aws-us").set("datacenter.name", "aws-us"),
            err(INVALID, "spec.cloud.dc", "UPD-009")),
        bad(
            "ipv4",
            f -> f.set("cluster.status.provider.name", "gcp"),
            err(INVALID, "spec.cloud", "UPD-010")),
        bad(
            "ipv4",
            f ->
                f.set("cluster.status.cni", Map.of("type", "canal", "version", "v3.31"))
                    .remove(S + "cniPlugin"),
            err(FORBIDDEN, "spec.cniPlugin", "UPD-011")),
        bad(
            "ipv4",
            f -> f.set(S + "cniPlugin", Map.of("type", "canal", "version", "v3.31")),
            err(FORBIDDEN, "spec.cniPlugin.type", "UPD-012")),
        bad(
            "ipv4",
            f ->
                f.set("cluster.status.cni.version", "1.17.16")
                    .set(S + "cniPlugin.version", "1.19.4"),
            err(FORBIDDEN, "spec.cniPlugin.version", "UPD-013")),
        bad(
            "dualstack-explicit",
            f -> f.set("cluster.status.cni.version", "v3.19").set(S + "cniPlugin.version", "v3.23"),
            err(FORBIDDEN, "spec.cniPlugin.version", "UPD-013")));
  }

  @ParameterizedTest(name = "[{index}] {0}: {2}")
  @MethodSource("refused")
  void changeIsRefused(String fixture, UnaryOperator<Fixture> modifier, List<Expect> expected) {
    PipelineResult r = modifier.apply(accepted(fixture)).evaluate();
    assertThat(Expect.nonCapability(r)).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(r.rendering()).isNull();
  }

  static Stream<Arguments> allowed() {
    return Stream.of(
        ok("ipv4", f -> f.set(N + "nodeCidrMaskSizeIPv4", 26)),
        ok("ipv4", f -> f.set(S + "version", "1.35.0")),
        ok("ipv4", f -> f.remove(N + "proxyMode").set(S + "version", "1.35.0")),
        ok(
            "ipv4",
            f -> f.set(N + "proxyMode", "iptables").label(Conditions.LABEL_UNSAFE_CNI_MIGRATION)),
        ok(
            "ipv4",
            f ->
                f.set(S + "exposeStrategy", "LoadBalancer")
                    .label(Conditions.LABEL_UNSAFE_EXPOSE_STRATEGY_MIGRATION)),
        ok(
            "ipv4",
            f ->
                f.set(S + "cniPlugin", Map.of("type", "canal", "version", "v3.31"))
                    .label(Conditions.LABEL_UNSAFE_CNI_MIGRATION)),
        ok("ipv4", f -> f.set(S + "cniPlugin.version", "1.18.10")),
        ok(
            "ipv4",
            f ->
                f.set("cluster.status.cni.version", "1.17.16")
                    .set(S + "cniPlugin.version", "1.19.4")
                    .label(Conditions.LABEL_UNSAFE_CNI_UPGRADE)),
        ok(
            "dualstack-explicit",
            f ->
                f.set("cluster.status.cni.version", "v3.19").set(S + "cniPlugin.version", "v3.22")),
        ok("dualstack-defaulted", f -> f.set(S + "version", "1.35.1")),
        ok("ipv4", f -> f.set(N + "pods.cidrBlocks[0]", "172.25.0.0/16")),
        ok("ipv4", f -> f.set("cluster.status.network", null)));
  }

  @ParameterizedTest(name = "[{index}] {0} is accepted")
  @MethodSource("allowed")
  void changeIsAccepted(String fixture, UnaryOperator<Fixture> modifier) {
    PipelineResult r = modifier.apply(accepted(fixture)).evaluate();
    assertThat(Expect.nonCapability(r)).isEmpty();
    assertThat(r.migration()).isNull();
  }

  @Test
  void unsetProxyModeKeepsTheAcceptedOneAcrossVersionUpgrades() {
    Fixture f = Fixture.load("ipv4").remove(N + "proxyMode").set(S + "version", "1.34.2");
    f = f.previous(f.status()).set(S + "version", "1.35.0");
    PipelineResult r = f.evaluate();
    assertThat(r.errors()).isEmpty();
    assertThat(r.effective().clusterNetwork().proxyMode()).isEqualTo("ipvs");
    assertThat(
            Fixture.load("ipv4")
                .remove(N + "proxyMode")
                .set(S + "version", "1.35.0")
                .evaluate()
                .effective()
                .clusterNetwork()
                .proxyMode())
        .isEqualTo("nftables");
  }

  @Test
  void migrationToDualStackIsAcceptedAndReported() {
    Fixture f =
        accepted("ipv4")
            .set(N + "ipFamily", "IPv4+IPv6")
            .set(N + "pods.cidrBlocks[1]", "fd01::/48")
            .set(N + "services.cidrBlocks[1]", "fd02::/108");
    PipelineResult r = f.evaluate();
    assertThat(Expect.nonCapability(r)).isEmpty();
    assertThat(r.migration()).isNotNull();
    assertThat(r.migration().addedPods()).containsExactly("fd01::/48");
    assertThat(r.migration().addedServices()).containsExactly("fd02::/108");
    assertThat(r.migration().steps()).hasSize(3);

    ClusterStatus migrated = f.status();
    assertThat(migrated.ipFamily()).isEqualTo("IPv4+IPv6");
    assertThat(migrated.conditions())
        .anySatisfy(
            c -> {
              assertThat(c.getType()).isEqualTo(Conditions.DUAL_STACK_MIGRATION);
              assertThat(c.getStatus()).isEqualTo("True");
            });
    PipelineResult again = f.previous(migrated).evaluate();
    assertThat(again.errors()).isEmpty();
    assertThat(again.migration()).isNull();
  }

  @Test
  void migrationWithDefaultedRangesIsAccepted() {
    Fixture f = Fixture.load("dualstack-defaulted").set(N + "ipFamily", "IPv4");
    f = f.previous(f.status()).set(N + "ipFamily", "IPv4+IPv6");
    PipelineResult r = f.evaluate();
    assertThat(Expect.nonCapability(r)).isEmpty();
    assertThat(r.migration()).isNotNull();
    assertThat(r.migration().addedPods()).containsExactly("fd01::/48");
  }

  @Test
  void migrationAppendingToPodsOnlyIsRefused() {
    PipelineResult r =
        accepted("ipv4")
            .set(N + "ipFamily", "IPv4+IPv6")
            .set(N + "pods.cidrBlocks[1]", "fd01::/48")
            .evaluate();
    assertThat(Expect.nonCapability(r))
        .containsExactly(err(INVALID, NET + "services.cidrBlocks", "NET-002"));
    assertThat(r.migration()).isNull();
  }

  private static Arguments bad(
      String fixture, UnaryOperator<Fixture> modifier, Expect... expected) {
    return Arguments.of(fixture, modifier, List.of(expected));
  }

  private static Arguments ok(String fixture, UnaryOperator<Fixture> modifier) {
    return Arguments.of(fixture, modifier);
  }
}
