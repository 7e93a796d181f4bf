package dev.dualstack.operator.pipeline.defaulting;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dualstack.operator.api.ClusterNetwork;
import dev.dualstack.operator.api.ClusterSpec;
import dev.dualstack.operator.api.ProviderBlock;
import dev.dualstack.operator.pipeline.Fixture;
import dev.dualstack.operator.pipeline.model.DatacenterInput;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** SPEC §3.1 defaults, and idempotence: default(default(s)) equals default(s). */
class ClusterDefaulterTest {
  private static final String S = "cluster.spec.";
  private static final String N = "cluster.spec.clusterNetwork.";

  private static ClusterSpec effective(Fixture f) {
    DatacenterInput dc = f.datacenter();
    return ClusterDefaulter.apply(f.spec(), provider(f), dc, Fixture.MATRIX, null);
  }

  private static String provider(Fixture f) {
    List<String> p = f.spec().cloud().providers().stream().map(ProviderBlock::name).toList();
    return p.size() == 1 ? p.get(0) : null;
  }

  @ParameterizedTest(name = "{0}")
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
  void idempotent(String name) {
    Fixture f = Fixture.load(name);
    ClusterSpec once = effective(f);
    ClusterSpec twice =
        ClusterDefaulter.apply(once, provider(f), f.datacenter(), Fixture.MATRIX, null);
    assertThat(twice).isEqualTo(once);
    assertThat(f.spec()).as("the user's spec is not touched").isEqualTo(Fixture.load(name).spec());
  }

  static Stream<Arguments> defaults() {
    return Stream.of(
        Arguments.of(
            "dual-stack defaults (no version: ipvs, KKP's default for an unknown version)",
            "dualstack-defaulted",
            (UnaryOperator<Fixture>) f -> f,
            List.of("172.25.0.0/16", "fd01::/48"),
            List.of("10.240.16.0/20", "fd02::/108"),
            "IPv4+IPv6",
            "ipvs"),
        Arguments.of(
            "nftables from Kubernetes 1.35",
            "dualstack-defaulted",
            (UnaryOperator<Fixture>) f -> f.set(S + "version", "1.35.0"),
            List.of("172.25.0.0/16", "fd01::/48"),
            List.of("10.240.16.0/20", "fd02::/108"),
            "IPv4+IPv6",
            "nftables"),
        Arguments.of(
            "ipvs below 1.35",
            "dualstack-defaulted",
            (UnaryOperator<Fixture>) f -> f.set(S + "version", "v1.34.9"),
            List.of("172.25.0.0/16", "fd01::/48"),
            List.of("10.240.16.0/20", "fd02::/108"),
            "IPv4+IPv6",
            "ipvs"),
        Arguments.of(
            "inferred IPv4",
            "dualstack-defaulted",
            (UnaryOperator<Fixture>) f -> f.remove(N + "ipFamily").set(S + "version", "1.34.1"),
            List.of("172.25.0.0/16"),
            List.of("10.240.16.0/20"),
            "IPv4",
            "ipvs"),
        Arguments.of(
            "inferred dual-stack from two pod blocks",
            "dualstack-defaulted",
            (UnaryOperator<Fixture>)
                f ->
                    f.remove(N + "ipFamily")
                        .set(N + "pods.cidrBlocks", List.of("172.30.0.0/16", "fd05::/48")),
            List.of("172.30.0.0/16", "fd05::/48"),
            List.of("10.240.16.0/20", "fd02::/108"),
            "IPv4+IPv6",
            "ipvs"),
        Arguments.of(
            "KubeVirt networks",
            "dualstack-defaulted",
            (UnaryOperator<Fixture>)
                f ->
                    f.remove(S + "cloud.openstack")
                        .set(S + "cloud.kubevirt", java.util.Map.of())
                        .remove("datacenter.spec.openstack")
                        .set("datacenter.spec.kubevirt", java.util.Map.of()),
            List.of("172.26.0.0/16", "fd01::/48"),
            List.of("10.241.0.0/20", "fd02::/108"),
            "IPv4+IPv6",
            "ipvs"),
        Arguments.of(
            "Hetzner proxy mode",
            "dualstack-defaulted",
            (UnaryOperator<Fixture>)
                f ->
                    f.remove(S + "cloud.openstack")
                        .set(S + "cloud.hetzner", java.util.Map.of())
                        .remove("datacenter.spec.openstack")
                        .set("datacenter.spec.hetzner.location", "fsn1"),
            List.of("172.25.0.0/16", "fd01::/48"),
            List.of("10.240.16.0/20", "fd02::/108"),
            "IPv4+IPv6",
            "iptables"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("defaults")
  void fillsSpecDefaults(
      String title,
      String fixture,
      UnaryOperator<Fixture> modifier,
      List<String> pods,
      List<String> services,
      String family,
      String proxyMode) {
    Fixture f = modifier.apply(Fixture.load(fixture));
    ClusterSpec e = effective(f);
    ClusterNetwork n = e.clusterNetwork();
    assertThat(n.pods().cidrBlocks()).isEqualTo(pods);
    assertThat(n.services().cidrBlocks()).isEqualTo(services);
    assertThat(n.ipFamily()).isEqualTo(family);
    assertThat(n.proxyMode()).isEqualTo(proxyMode);
    assertThat(n.nodeCidrMaskSizeIPv4()).isEqualTo(24);
    assertThat(n.nodeCidrMaskSizeIPv6()).isEqualTo(pods.size() == 2 ? 64 : null);
    assertThat(n.dnsDomain()).isEqualTo("cluster.local");
    assertThat(n.nodeLocalDNSCacheEnabled()).isTrue();
    assertThat(n.konnectivityEnabled()).isTrue();
    assertThat(e.exposeStrategy()).isEqualTo("NodePort");
    assertThat(e.componentsOverride().apiserver().nodePortRange()).isEqualTo("30000-32767");
    assertThat(ClusterDefaulter.apply(e, provider(f), f.datacenter(), Fixture.MATRIX, null))
        .isEqualTo(e);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"dualstack-defaulted"})
  void openstackSubnetsAndCniDefaults(String name) {
    ClusterSpec e = effective(Fixture.load(name));
    assertThat(e.cloud().openstack().subnetCidr()).isEqualTo("192.168.1.0/24");
    assertThat(e.cloud().openstack().ipv6SubnetCidr()).isEqualTo("fd00::/64");
    assertThat(e.cloud().openstack().nodePortsAllowedIPRanges().cidrBlocks())
        .containsExactly("0.0.0.0/0", "::/0");
    assertThat(e.cniPlugin().type()).isEqualTo("cilium");
    assertThat(e.cniPlugin().version()).isEqualTo("1.19.4");
    assertThat(e.clusterNetwork().tunnelingAgentIP()).isNull();
    ClusterSpec tunneling = effective(Fixture.load(name).set(S + "exposeStrategy", "Tunneling"));
    assertThat(tunneling.clusterNetwork().tunnelingAgentIP()).isEqualTo("100.64.30.10");
  }

  /** KKP's GetNodePortsAllowedIPRanges: list entries, then the single range unless listed. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("deprecatedNodePortRange")
  void deprecatedSingleNodePortRangeIsMerged(
      String title, String fixture, UnaryOperator<Fixture> modifier, List<String> expected) {
    ClusterSpec e = effective(modifier.apply(Fixture.load(fixture)));
    var block =
        (dev.dualstack.operator.api.CloudSpec.NodePortProvider) e.cloud().providers().get(0);
    assertThat(block.nodePortsAllowedIPRanges().cidrBlocks()).isEqualTo(expected);
    Fixture f = modifier.apply(Fixture.load(fixture));
    assertThat(ClusterDefaulter.apply(e, provider(f), f.datacenter(), Fixture.MATRIX, null))
        .isEqualTo(e);
  }

  static Stream<Arguments> deprecatedNodePortRange() {
    return Stream.of(
        Arguments.of(
            "appended after the list",
            "ipv4",
            (UnaryOperator<Fixture>)
                f -> f.set(S + "cloud.aws.nodePortsAllowedIPRange", "10.0.0.0/8"),
            List.of("0.0.0.0/0", "10.0.0.0/8")),
        Arguments.of(
            "not duplicated",
            "ipv4",
            (UnaryOperator<Fixture>)
                f -> f.set(S + "cloud.aws.nodePortsAllowedIPRange", "0.0.0.0/0"),
            List.of("0.0.0.0/0")),
        Arguments.of(
            "alone, the defaults do not apply",
            "ipv4",
            (UnaryOperator<Fixture>)
                f ->
                    f.remove(S + "cloud.aws.nodePortsAllowedIPRanges")
                        .set(S + "cloud.aws.nodePortsAllowedIPRange", "10.0.0.0/8"),
            List.of("10.0.0.0/8")),
        Arguments.of(
            "before the datacenter's OpenStack default",
            "dualstack-explicit",
            (UnaryOperator<Fixture>)
                f ->
                    f.remove(S + "cloud.openstack.nodePortsAllowedIPRanges")
                        .set(S + "cloud.openstack.nodePortsAllowedIPRange", "10.0.0.0/8"),
            List.of("10.0.0.0/8")),
        Arguments.of(
            "unset: the datacenter's OpenStack default",
            "dualstack-explicit",
            (UnaryOperator<Fixture>) f -> f.remove(S + "cloud.openstack.nodePortsAllowedIPRanges"),
            List.of("0.0.0.0/0", "::/0")));
  }
}
