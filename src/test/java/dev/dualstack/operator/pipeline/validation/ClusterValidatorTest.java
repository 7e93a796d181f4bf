package dev.dualstack.operator.pipeline.validation;

import static dev.dualstack.operator.pipeline.Expect.err;
import static dev.dualstack.operator.pipeline.field.ErrorType.DUPLICATE;
import static dev.dualstack.operator.pipeline.field.ErrorType.FORBIDDEN;
import static dev.dualstack.operator.pipeline.field.ErrorType.INVALID;
import static dev.dualstack.operator.pipeline.field.ErrorType.NOT_FOUND;
import static dev.dualstack.operator.pipeline.field.ErrorType.NOT_SUPPORTED;
import static dev.dualstack.operator.pipeline.field.ErrorType.REQUIRED;
import static dev.dualstack.operator.pipeline.field.ErrorType.TOO_MANY;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dualstack.operator.api.Warning;
import dev.dualstack.operator.pipeline.Expect;
import dev.dualstack.operator.pipeline.Fixture;
import dev.dualstack.operator.pipeline.PipelineResult;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * One golden valid fixture plus a one-line modifier per case: the positive case asserts exactly the
 * (type, field, rule) triples, the negative case (a near miss) asserts the spec stays valid.
 */
class ClusterValidatorTest {
  private static final String S = "cluster.spec.";
  private static final String N = "cluster.spec.clusterNetwork.";
  private static final String PODS = "spec.clusterNetwork.pods.cidrBlocks";
  private static final String SVCS = "spec.clusterNetwork.services.cidrBlocks";
  private static final String NET = "spec.clusterNetwork.";

  @ParameterizedTest(name = "golden {0} is valid")
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
  void goldenFixturesAreValid(String name) {
    PipelineResult r = Fixture.load(name).evaluate();
    assertThat(Expect.nonCapability(r)).isEmpty();
    assertThat(r.datacenterFound()).isTrue();
  }

  static Stream<Arguments> invalid() {
    return Stream.of(
        bad(
            "ipv4",
            f -> f.set(S + "version", "1.x"),
            err(NOT_SUPPORTED, "spec.version", "VER-001")),
        bad(
            "ipv4",
            f -> f.set(S + "version", "v1.32"),
            err(NOT_SUPPORTED, "spec.version", "VER-001")),
        bad(
            "ipv4",
            f -> f.set(S + "version", "1.31.4-rc.0"),
            err(NOT_SUPPORTED, "spec.version", "VER-001")),
        bad(
            "ipv4",
            f -> f.set(S + "version", "1.30.9"),
            err(NOT_SUPPORTED, "spec.version", "VER-002")),
        bad(
            "ipv4",
            f -> f.set(S + "version", "1.38.0"),
            err(NOT_SUPPORTED, "spec.version", "VER-002")),
        bad(
            "ipv4",
            f -> f.set("cluster.name", "Prod_EU"),
            err(INVALID, "metadata.name", "NAM-001")),
        bad(
            "ipv4",
            f -> f.set("cluster.name", "a".repeat(64)),
            err(INVALID, "metadata.name", "NAM-001")),
        bad("ipv4", f -> f.remove("cluster.name"), err(REQUIRED, "metadata.name", "NAM-001")),
        bad(
            "ipv4",
            f -> f.set(S + "cloud.dc", "AWS_EU"),
            err(INVALID, "spec.cloud.dc", "NAM-002"),
            err(NOT_FOUND, "spec.cloud.dc", "DC-002")),
        bad(
            "byo-dualstack",
            f -> f.set(S + "cloud.bringyourown.nodes[0].name", "Node_1"),
            err(INVALID, "spec.cloud.bringyourown.nodes[0].name", "NAM-003")),
        bad(
            "ipv4",
            f -> f.set(S + "operatingSystems", java.util.List.of("ubuntu", "flatcar", "ubuntu")),
            err(DUPLICATE, "spec.operatingSystems[2]", "OS-001")),
        bad(
            "dualstack-explicit",
            f -> f.set(N + "pods.cidrBlocks[2]", "fd03::/48"),
            err(TOO_MANY, PODS, "NET-001"),
            err(INVALID, SVCS, "NET-002")),
        bad(
            "dualstack-explicit",
            f -> f.set(N + "services.cidrBlocks", List.of("10.240.16.0/20")),
            err(INVALID, SVCS, "NET-002")),
        bad(
            "ipv4",
            f -> f.set(N + "pods.cidrBlocks[0]", "example.com/24"),
            err(INVALID, PODS + "[0]", "NET-003")),
        bad(
            "ipv4",
            f -> f.set(N + "pods.cidrBlocks[0]", "010.0.0.0/8"),
            err(INVALID, PODS + "[0]", "NET-003")),
        bad(
            "ipv4",
            f -> f.set(N + "services.cidrBlocks[0]", "10.240.16.0/33"),
            err(INVALID, SVCS + "[0]", "NET-003")),
        bad(
            "ipv4",
            f -> f.set(N + "pods.cidrBlocks[0]", null),
            err(REQUIRED, PODS + "[0]", "NET-003")),
        bad(
            "dualstack-explicit",
            f -> f.set(N + "pods.cidrBlocks[1]", "fe80::1%eth0/64"),
            err(INVALID, PODS + "[1]", "NET-003")),
        bad(
            "dualstack-explicit",
            f -> f.set(N + "pods.cidrBlocks[1]", "::ffff:10.0.0.0/104"),
            err(INVALID, PODS + "[1]", "NET-004")),
        bad(
            "dualstack-explicit",
            f -> f.set(N + "pods.cidrBlocks", List.of("fd01::/48", "172.25.0.0/16")),
            err(INVALID, PODS + "[0]", "NET-005"),
            err(INVALID, PODS + "[1]", "NET-005")),
        bad(
            "ipv4",
            f -> f.set(N + "services.cidrBlocks[0]", "10.240.16.1/20"),
            err(INVALID, SVCS + "[0]", "NET-006")),
        bad(
            "ipv4",
            f -> f.set(N + "ipFamily", "IPv6"),
            err(NOT_SUPPORTED, NET + "ipFamily", "NET-007")),
        bad(
            "ipv4",
            f -> f.set(N + "ipFamily", "IPv4+IPv6"),
            err(INVALID, NET + "ipFamily", "NET-008")),
        bad(
            "dualstack-explicit",
            f -> f.set(N + "ipFamily", "IPv4"),
            err(INVALID, NET + "ipFamily", "NET-008")),
        bad(
            "ipv4",
            f -> f.set(N + "nodeCidrMaskSizeIPv4", 16),
            err(INVALID, NET + "nodeCidrMaskSizeIPv4", "NET-009")),
        bad(
            "dualstack-explicit",
            f -> f.set(N + "nodeCidrMaskSizeIPv6", 48),
            err(INVALID, NET + "nodeCidrMaskSizeIPv6", "NET-009")),
        bad(
            "ipv4",
            f ->
                f.set(N + "pods.cidrBlocks[0]", "172.16.0.0/12")
                    .set(N + "nodeCidrMaskSizeIPv4", 29),
            err(INVALID, NET + "nodeCidrMaskSizeIPv4", "NET-010")),
        bad(
            "ipv4",
            f -> f.set(N + "nodeCidrMaskSizeIPv4", 31),
            err(INVALID, NET + "nodeCidrMaskSizeIPv4", "NET-011")),
        bad(
            "dualstack-explicit",
            f -> f.set(N + "nodeCidrMaskSizeIPv6", 127),
            err(INVALID, NET + "nodeCidrMaskSizeIPv6", "NET-011")),
        bad(
            "ipv4",
            f -> f.set(N + "services.cidrBlocks[0]", "10.240.16.0/30"),
            err(INVALID, SVCS + "[0]", "NET-012")),
        bad(
            "ipv4",
            f -> f.set(N + "services.cidrBlocks[0]", "10.240.16.0/29"),
            err(INVALID, SVCS + "[0]", "NET-026")),
        bad(
            "dualstack-explicit",
            f -> f.set(N + "services.cidrBlocks[1]", "fd02::/125"),
            err(INVALID, SVCS + "[1]", "NET-026")),
        bad(
            "ipv4",
            f -> f.set(N + "services.cidrBlocks[0]", "10.224.0.0/11"),
            err(INVALID, SVCS + "[0]", "NET-013")),
        bad(
            "ipv4",
            f -> f.set(N + "pods.cidrBlocks[0]", "169.254.0.0/16"),
            err(INVALID, PODS + "[0]", "NET-024")),
        bad(
            "ipv4",
            f -> f.set(N + "services.cidrBlocks[0]", "127.0.0.0/20"),
            err(INVALID, SVCS + "[0]", "NET-024")),
        bad(
            "ipv4",
            f -> f.set(N + "services.cidrBlocks[0]", "224.0.0.0/20"),
            err(INVALID, SVCS + "[0]", "NET-024")),
        bad(
            "ipv4",
            f -> f.set(N + "pods.cidrBlocks[0]", "0.0.0.0/16"),
            err(INVALID, PODS + "[0]", "NET-024")),
        bad(
            "ipv4",
            f -> f.set(N + "pods.cidrBlocks[0]", "240.0.0.0/16"),
            err(INVALID, PODS + "[0]", "NET-024")),
        bad(
            "dualstack-explicit",
            f -> f.set(N + "pods.cidrBlocks[1]", "fe80::/48"),
            err(INVALID, PODS + "[1]", "NET-024")),
        bad(
            "dualstack-explicit",
            f -> f.set(N + "pods.cidrBlocks[1]", "ff00::/48"),
            err(INVALID, PODS + "[1]", "NET-024")),
        bad(
            "dualstack-explicit",
            f -> f.set(N + "services.cidrBlocks[1]", "::/108"),
            err(INVALID, SVCS + "[1]", "NET-024")),
        bad(
            "dualstack-explicit",
            f -> f.set(N + "services.cidrBlocks[1]", "fd02::/107"),
            err(INVALID, SVCS + "[1]", "NET-013")),
        bad(
            "ipv4",
            f -> f.set(N + "dnsDomain", "example.local"),
            err(INVALID, NET + "dnsDomain", "NET-014")),
        bad(
            "ipv4",
            f -> f.set(N + "proxyMode", "userspace"),
            err(NOT_SUPPORTED, NET + "proxyMode", "NET-015")),
        bad(
            "dualstack-explicit",
            f -> f.set(N + "proxyMode", "ebpf"),
            err(FORBIDDEN, NET + "proxyMode", "NET-016")),
        bad(
            "ipv4",
            f -> f.set(N + "konnectivityEnabled", false),
            err(FORBIDDEN, NET + "konnectivityEnabled", "NET-017")),
        bad(
            "ipv4",
            f -> f.set(N + "proxyMode", "ebpf").set(N + "konnectivityEnabled", false),
            err(FORBIDDEN, NET + "konnectivityEnabled", "NET-017"),
            err(FORBIDDEN, NET + "proxyMode", "NET-023")),
        bad(
            "ipv4",
            f -> f.set(S + "exposeStrategy", "Ingress"),
            err(NOT_SUPPORTED, "spec.exposeStrategy", "NET-018")),
        bad(
            "ipv4",
            f -> f.set(S + "apiServerAllowedIPRanges.cidrBlocks", List.of("10.0.0.0/8")),
            err(FORBIDDEN, "spec.apiServerAllowedIPRanges", "NET-019")),
        bad(
            "ipv4",
            f ->
                f.set(S + "exposeStrategy", "LoadBalancer")
                    .set(S + "apiServerAllowedIPRanges.cidrBlocks", List.of("10.0.0.1/8")),
            err(INVALID, "spec.apiServerAllowedIPRanges.cidrBlocks[0]", "NET-006")),
        bad(
            "ipv4",
            f -> f.set(N + "tunnelingAgentIP", "100.64.30.10"),
            err(FORBIDDEN, NET + "tunnelingAgentIP", "NET-020")),
        bad(
            "ipv4",
            f -> f.set(S + "exposeStrategy", "Tunneling").set(N + "tunnelingAgentIP", "tunnel"),
            err(INVALID, NET + "tunnelingAgentIP", "NET-021")),
        bad(
            "ipv4",
            f ->
                f.set(S + "exposeStrategy", "Tunneling").set(N + "tunnelingAgentIP", "fd00:30::10"),
            err(INVALID, NET + "tunnelingAgentIP", "NET-027")),
        bad(
            "ipv4",
            f -> f.set(S + "exposeStrategy", "Tunneling").set(N + "tunnelingAgentIP", "127.0.0.10"),
            err(INVALID, NET + "tunnelingAgentIP", "NET-028")),
        bad(
            "ipv4",
            f ->
                f.set(S + "exposeStrategy", "Tunneling")
                    .set(N + "tunnelingAgentIP", "169.254.20.10"),
            err(INVALID, NET + "tunnelingAgentIP", "NET-028")),
        bad(
            "ipv4",
            f -> f.set(S + "exposeStrategy", "Tunneling").set(N + "tunnelingAgentIP", "172.25.1.1"),
            err(INVALID, NET + "tunnelingAgentIP", "OVL-004")),
        bad(
            "ipv4",
            f ->
                f.set(S + "exposeStrategy", "Tunneling")
                    .set(N + "pods.cidrBlocks[0]", "100.64.0.0/16"),
            err(INVALID, NET + "tunnelingAgentIP", "OVL-004")),
        bad(
            "dualstack-explicit",
            f ->
                f.set(S + "exposeStrategy", "Tunneling")
                    .set(N + "tunnelingAgentIP", "192.168.1.20"),
            err(INVALID, NET + "tunnelingAgentIP", "OVL-004")),
        bad(
            "ipv4",
            f -> f.set(S + "componentsOverride.apiserver.nodePortRange", "32767-30000"),
            err(INVALID, "spec.componentsOverride.apiserver.nodePortRange", "NET-022")),
        bad(
            "ipv4",
            f -> f.set(S + "componentsOverride.apiserver.nodePortRange", "30000-65536"),
            err(INVALID, "spec.componentsOverride.apiserver.nodePortRange", "NET-022")),
        bad(
            "ipv4",
            f -> f.set(S + "cniPlugin.type", "flannel"),
            err(NOT_SUPPORTED, "spec.cniPlugin.type", "CNI-001")),
        bad(
            "ipv4",
            f -> f.set(S + "cniPlugin", Map.of("version", "1.19.4")),
            err(REQUIRED, "spec.cniPlugin.type", "CNI-001")),
        bad(
            "ipv4",
            f -> f.set(S + "cniPlugin.version", "1.12.0"),
            err(NOT_SUPPORTED, "spec.cniPlugin.version", "CNI-002")),
        bad(
            "ipv4",
            f -> f.set(S + "cniPlugin.version", "banana 1.19.4"),
            err(NOT_SUPPORTED, "spec.cniPlugin.version", "CNI-002")),
        bad(
            "ipv4",
            f -> f.set(S + "cniPlugin.version", "v1.19.4"),
            err(NOT_SUPPORTED, "spec.cniPlugin.version", "CNI-002")),
        bad(
            "ipv4",
            f -> f.set(S + "cniPlugin.version", "01.19.4"),
            err(NOT_SUPPORTED, "spec.cniPlugin.version", "CNI-002")),
        bad(
            "ipv4",
            f -> f.set(S + "cniPlugin.version", "1.16.15"),
            err(NOT_SUPPORTED, "spec.cniPlugin.version", "CNI-002")),
        bad(
            "dualstack-explicit",
            f -> f.set(S + "cniPlugin.version", "v3.22.0"),
            err(NOT_SUPPORTED, "spec.cniPlugin.version", "CNI-002")),
        bad(
            "dualstack-explicit",
            f -> f.set(S + "cniPlugin.version", "3.22"),
            err(NOT_SUPPORTED, "spec.cniPlugin.version", "CNI-002")),
        bad(
            "dualstack-explicit",
            f -> f.set(S + "cniPlugin.version", "v3.21"),
            err(FORBIDDEN, "spec.cniPlugin.version", "CNI-003")),
        bad(
            "gcp-dualstack",
            f -> f.remove(S + "cloud.gcp.network"),
            err(REQUIRED, "spec.cloud.gcp.network", "GCP-001")),
        bad(
            "gcp-dualstack",
            f -> f.remove(S + "cloud.gcp.subnetwork"),
            err(REQUIRED, "spec.cloud.gcp.subnetwork", "GCP-002")),
        bad(
            "gcp-dualstack",
            f -> f.set(S + "cloud.gcp.subnetwork", "dualstack"),
            err(INVALID, "spec.cloud.gcp.subnetwork", "GCP-003")),
        bad(
            "gcp-dualstack",
            f -> f.set(S + "cloud.gcp.subnetwork", "projects/acme/regions/us-east1/subnetworks/ds"),
            err(INVALID, "spec.cloud.gcp.subnetwork", "GCP-004")),
        bad(
            "ipv4",
            f -> f.set(S + "machineNetworks[0].cidr", "192.168.10.0/24"),
            err(FORBIDDEN, "spec.machineNetworks", "VSP-001")),
        bad(
            "vsphere-dualstack",
            f -> f.set(S + "machineNetworks[0].gateway", "192.168.11.1"),
            err(INVALID, "spec.machineNetworks[0].gateway", "VSP-002")),
        bad(
            "vsphere-dualstack",
            f -> f.set(S + "machineNetworks[1].dnsServers[0]", "dns.example.com"),
            err(INVALID, "spec.machineNetworks[1].dnsServers[0]", "VSP-002")),
        bad(
            "vsphere-dualstack",
            f -> f.set(S + "machineNetworks[1].cidr", "2001:db8:10::1/64"),
            err(INVALID, "spec.machineNetworks[1].cidr", "NET-006")),
        bad(
            "ipv4",
            f -> f.set(S + "cloud.aws.nodePortsAllowedIPRange", "10.0.0.1/8"),
            err(INVALID, "spec.cloud.aws.nodePortsAllowedIPRange", "NET-006")),
        bad(
            "dualstack-explicit",
            f -> f.set(S + "cloud.openstack.nodePortsAllowedIPRange", "office"),
            err(INVALID, "spec.cloud.openstack.nodePortsAllowedIPRange", "NET-003")),
        bad(
            "dualstack-explicit",
            f -> f.set(S + "cloud.openstack.subnetCidr", "fd03::/64"),
            err(INVALID, "spec.cloud.openstack.subnetCidr", "OST-001")),
        bad(
            "dualstack-explicit",
            f -> f.set(S + "cloud.openstack.ipv6SubnetCidr", "192.168.2.0/24"),
            err(INVALID, "spec.cloud.openstack.ipv6SubnetCidr", "OST-002")),
        bad(
            "dualstack-explicit",
            f -> f.set(S + "cloud.openstack.nodePortsAllowedIPRanges.cidrBlocks[1]", "::/129"),
            err(INVALID, "spec.cloud.openstack.nodePortsAllowedIPRanges.cidrBlocks[1]", "NET-003")),
        bad(
            "ipv4",
            f -> f.set(N + "services.cidrBlocks[0]", "172.25.16.0/20"),
            err(INVALID, SVCS + "[0]", "OVL-001")),
        bad(
            "dualstack-explicit",
            f -> f.set(N + "pods.cidrBlocks[0]", "192.168.0.0/16"),
            err(INVALID, PODS + "[0]", "OVL-002")),
        bad(
            "dualstack-defaulted",
            f -> f.set(N + "pods.cidrBlocks", List.of("172.25.0.0/16", "fd00::/56")),
            err(INVALID, PODS + "[1]", "OVL-002")),
        bad(
            "azure-dualstack",
            f -> f.set(N + "pods.cidrBlocks", List.of("10.0.0.0/16", "fd01::/48")),
            err(INVALID, PODS + "[0]", "OVL-002")),
        bad(
            "vsphere-dualstack",
            f -> f.set(N + "pods.cidrBlocks", List.of("192.168.0.0/16", "fd01::/48")),
            err(INVALID, PODS + "[0]", "OVL-002")),
        bad(
            "dualstack-explicit",
            f -> f.set(N + "pods.cidrBlocks[1]", "fd00:10::/48"),
            err(INVALID, PODS + "[1]", "OVL-003")),
        bad(
            "dualstack-explicit",
            f -> f.set(S + "cloud.openstack.subnetCidr", "10.0.1.0/24"),
            err(INVALID, "spec.cloud.openstack.subnetCidr", "OVL-003")),
        bad(
            "byo-dualstack",
            f -> f.set(S + "cloud.bringyourown.nodes[0].ipv4", "2001:db8::1"),
            err(INVALID, "spec.cloud.bringyourown.nodes[0].ipv4", "BYO-001")),
        bad(
            "byo-dualstack",
            f -> f.set(S + "cloud.bringyourown.nodes[0].ipv4", "0.0.0.0"),
            err(INVALID, "spec.cloud.bringyourown.nodes[0].ipv4", "BYO-001")),
        bad(
            "byo-dualstack",
            f -> f.remove(S + "cloud.bringyourown.nodes[0].ipv4"),
            err(REQUIRED, "spec.cloud.bringyourown.nodes[0].ipv4", "BYO-001")),
        bad(
            "byo-dualstack",
            f -> f.set(S + "cloud.bringyourown.nodes[1].ipv6", null),
            err(REQUIRED, "spec.cloud.bringyourown.nodes[1].ipv6", "BYO-002")),
        bad(
            "byo-dualstack",
            f -> f.set(S + "cloud.bringyourown.nodes[1].ipv6", "fe80::1%eth0"),
            err(INVALID, "spec.cloud.bringyourown.nodes[1].ipv6", "BYO-002")),
        bad(
            "byo-dualstack",
            f -> f.set(S + "cloud.bringyourown.nodes[0].ipv4", "172.25.0.5"),
            err(INVALID, "spec.cloud.bringyourown.nodes[0].ipv4", "BYO-003")),
        bad(
            "byo-dualstack",
            f -> f.set(S + "cloud.bringyourown.nodes[1].ipv6", "fd02::5"),
            err(INVALID, "spec.cloud.bringyourown.nodes[1].ipv6", "BYO-003")),
        bad(
            "byo-dualstack",
            f -> f.set(S + "cloud.bringyourown.nodes[0].ipv4", "127.0.0.1"),
            err(INVALID, "spec.cloud.bringyourown.nodes[0].ipv4", "BYO-005")),
        bad(
            "byo-dualstack",
            f -> f.set(S + "cloud.bringyourown.nodes[0].ipv4", "169.254.10.1"),
            err(INVALID, "spec.cloud.bringyourown.nodes[0].ipv4", "BYO-005")),
        bad(
            "byo-dualstack",
            f -> f.set(S + "cloud.bringyourown.nodes[0].ipv4", "224.0.0.5"),
            err(INVALID, "spec.cloud.bringyourown.nodes[0].ipv4", "BYO-005")),
        bad(
            "byo-dualstack",
            f -> f.set(S + "cloud.bringyourown.nodes[1].ipv6", "fe80::12"),
            err(INVALID, "spec.cloud.bringyourown.nodes[1].ipv6", "BYO-005")),
        bad(
            "byo-dualstack",
            f -> f.set(S + "cloud.bringyourown.nodes[1].ipv6", "::1"),
            err(INVALID, "spec.cloud.bringyourown.nodes[1].ipv6", "BYO-005")),
        bad(
            "byo-dualstack",
            f -> f.set(S + "cloud.bringyourown.nodes[1].ipv6", "ff02::1"),
            err(INVALID, "spec.cloud.bringyourown.nodes[1].ipv6", "BYO-005")),
        bad(
            "byo-dualstack",
            f -> f.set(S + "cloud.bringyourown.nodes[1].name", "node-1"),
            err(DUPLICATE, "spec.cloud.bringyourown.nodes[1].name", "BYO-004")),
        bad(
            "byo-dualstack",
            f -> f.set(S + "cloud.bringyourown.nodes[1].ipv4", "192.168.20.11"),
            err(DUPLICATE, "spec.cloud.bringyourown.nodes[1].ipv4", "BYO-004")),
        bad(
            "byo-dualstack",
            f -> f.set(S + "cloud.bringyourown.nodes[2]", null),
            err(REQUIRED, "spec.cloud.bringyourown.nodes[2]", "BYO-004")),
        bad("ipv4", f -> f.remove(S + "cloud.dc"), err(REQUIRED, "spec.cloud.dc", "DC-001")),
        bad(
            "ipv4",
            f -> f.set(S + "cloud.dc", "nowhere"),
            err(NOT_FOUND, "spec.cloud.dc", "DC-002")),
        bad("ipv4", f -> f.set(S + "cloud.gcp", Map.of()), err(FORBIDDEN, "spec.cloud", "PRV-001")),
        bad(
            "ipv4",
            f -> f.set(S + "cloud.providerName", "gcp"),
            err(INVALID, "spec.cloud.providerName", "PRV-002")),
        bad(
            "ipv4",
            f -> f.remove("datacenter.spec.aws").set("datacenter.spec.gcp.region", "eu"),
            err(INVALID, "spec.cloud.aws", "PRV-003")),
        bad("ipv4", f -> f.remove("datacenter.spec.aws"), err(INVALID, "spec.cloud.dc", "DC-003")),
        bad(
            "ipv4",
            f -> f.set("datacenter.spec.gcp.region", "eu"),
            err(INVALID, "spec.cloud.dc", "DC-003")));
  }

  @ParameterizedTest(name = "[{index}] {0}: {2}")
  @MethodSource("invalid")
  void ruleReportsExactly(String fixture, UnaryOperator<Fixture> modifier, List<Expect> expected) {
    PipelineResult r = modifier.apply(Fixture.load(fixture)).evaluate();
    assertThat(Expect.nonCapability(r)).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(r.rendering()).isNull();
  }

  /** Near misses: each sits just inside a rule's boundary and must stay valid. */
  static Stream<Arguments> valid() {
    return Stream.of(
        ok("ipv4", f -> f.set(S + "version", "v1.32.0")),
        ok("ipv4", f -> f.set(S + "version", "1.31.0")),
        ok("ipv4", f -> f.set(S + "version", "1.37.12")),
        ok("ipv4", f -> f.set("cluster.name", "a".repeat(63))),
        ok("ipv4", f -> f.set("cluster.name", "0-prod-eu-1")),
        ok(
            "ipv4",
            f ->
                f.set(S + "cloud.dc", "aws.eu-central-1")
                    .set("datacenter.name", "aws.eu-central-1")),
        ok(
            "byo-dualstack",
            f -> f.set(S + "cloud.bringyourown.nodes[0].name", "node-1.example.com")),
        ok("ipv4", f -> f.set(N + "pods.cidrBlocks[0]", "169.255.0.0/16")),
        ok("ipv4", f -> f.set(N + "services.cidrBlocks[0]", "128.0.0.0/20")),
        ok("ipv4", f -> f.set(N + "services.cidrBlocks[0]", "223.255.255.0/28")),
        ok("dualstack-explicit", f -> f.set(N + "pods.cidrBlocks[1]", "fec0::/48")),
        ok("ipv4", f -> f.set(N + "proxyMode", "ebpf").set(N + "konnectivityEnabled", true)),
        ok(
            "ipv4",
            f ->
                f.set(S + "exposeStrategy", "Tunneling")
                    .set(N + "tunnelingAgentIP", "100.64.30.11")),
        ok(
            "ipv4",
            f ->
                f.set(S + "exposeStrategy", "Tunneling").set(N + "tunnelingAgentIP", "172.26.0.1")),
        ok("byo-dualstack", f -> f.set(S + "cloud.bringyourown.nodes[0].ipv4", "192.168.20.13")),
        ok("byo-dualstack", f -> f.set(S + "cloud.bringyourown.nodes[1].ipv6", "fd20::12")),
        ok("ipv4", f -> f.set(S + "cniPlugin.version", "v1.11")),
        ok("ipv4", f -> f.set(S + "cniPlugin.version", "1.13.0")),
        ok("ipv4", f -> f.set(S + "cniPlugin.version", "1.18.8")),
        ok("ipv4", f -> f.remove(S + "version")),
        ok("ipv4", f -> f.set(N + "pods.cidrBlocks[0]", "172.16.0.0/12")),
        ok("ipv4", f -> f.set(N + "nodeCidrMaskSizeIPv4", 17)),
        ok(
            "ipv4",
            f ->
                f.set(N + "pods.cidrBlocks[0]", "172.16.0.0/12")
                    .set(N + "nodeCidrMaskSizeIPv4", 28)),
        ok(
            "ipv4",
            f ->
                f.set(N + "pods.cidrBlocks[0]", "172.25.0.0/22")
                    .set(N + "nodeCidrMaskSizeIPv4", 30)),
        ok("dualstack-explicit", f -> f.set(N + "nodeCidrMaskSizeIPv6", 64)),
        ok("dualstack-explicit", f -> f.set(N + "pods.cidrBlocks[1]", "fd01::/56")),
        ok("ipv4", f -> f.set(N + "services.cidrBlocks[0]", "10.240.16.0/28")),
        ok("ipv4", f -> f.set(N + "services.cidrBlocks[0]", "10.240.0.0/12")),
        ok("dualstack-explicit", f -> f.set(N + "services.cidrBlocks[1]", "fd02::/124")),
        ok("ipv4", f -> f.remove(N + "ipFamily")),
        ok("ipv4", f -> f.set(N + "proxyMode", "ebpf")),
        ok("ipv4", f -> f.set(N + "proxyMode", "nftables")),
        ok(
            "ipv4",
            f ->
                f.set(S + "cniPlugin", Map.of("type", "none", "version", ""))
                    .set(N + "proxyMode", "ebpf")),
        ok(
            "ipv4",
            f ->
                f.set(S + "exposeStrategy", "LoadBalancer")
                    .set(S + "apiServerAllowedIPRanges.cidrBlocks", List.of("10.0.0.0/8", "::/0"))),
        ok(
            "ipv4",
            f ->
                f.set(S + "exposeStrategy", "Tunneling")
                    .set(N + "tunnelingAgentIP", "100.64.30.10")),
        ok("ipv4", f -> f.set(S + "exposeStrategy", "Tunneling")),
        ok("ipv4", f -> f.set(S + "componentsOverride.apiserver.nodePortRange", "1-65535")),
        ok("ipv4", f -> f.set(S + "cniPlugin.version", "1.16.9")),
        ok("ipv4", f -> f.set(S + "cniPlugin", Map.of("type", "canal"))),
        ok("dualstack-explicit", f -> f.set(S + "cniPlugin.version", "v3.22")),
        ok(
            "gcp-dualstack",
            f ->
                f.set(N + "pods.cidrBlocks", List.of("172.25.0.0/16"))
                    .set(N + "services.cidrBlocks", List.of("10.240.16.0/20"))
                    .remove(S + "cloud.gcp.network")
                    .remove(S + "cloud.gcp.subnetwork")),
        ok("vsphere-dualstack", f -> f.remove(S + "machineNetworks[0].gateway")),
        ok("dualstack-explicit", f -> f.set(S + "cloud.openstack.subnetCidr", "192.168.100.0/24")),
        ok(
            "dualstack-explicit",
            f ->
                f.remove(S + "cloud.openstack.subnetCidr")
                    .set(S + "cloud.openstack.subnetID", "abc")),
        ok(
            "azure-dualstack",
            f ->
                f.set(S + "cloud.azure.vnet", "my-vnet")
                    .set(N + "pods.cidrBlocks", List.of("10.0.0.0/16", "fd01::/48"))),
        ok("dualstack-explicit", f -> f.set(N + "pods.cidrBlocks[1]", "fd00:11::/48")),
        ok(
            "byo-dualstack",
            f ->
                f.set(N + "ipFamily", "IPv4")
                    .remove(S + "cloud.bringyourown.nodes[0].ipv6")
                    .remove(S + "cloud.bringyourown.nodes[1].ipv6")),
        ok("ipv4", f -> f.set(S + "cloud.providerName", "aws")));
  }

  @ParameterizedTest(name = "[{index}] {0} stays valid")
  @MethodSource("valid")
  void nearMissStaysValid(String fixture, UnaryOperator<Fixture> modifier) {
    PipelineResult r = modifier.apply(Fixture.load(fixture)).evaluate();
    assertThat(Expect.nonCapability(r)).isEmpty();
  }

  @ParameterizedTest(name = "warning {0} ({1}) quotes {2}")
  @MethodSource("warnings")
  void warningsCarryStableCodes(
      String code, String rule, String value, String fixture, UnaryOperator<Fixture> modifier) {
    PipelineResult r = modifier.apply(Fixture.load(fixture)).evaluate();
    assertThat(Expect.nonCapability(r)).isEmpty();
    assertThat(r.warnings())
        .filteredOn(w -> w.code().equals(code))
        .isNotEmpty()
        .allSatisfy(w -> assertThat(w.rule()).isEqualTo(rule))
        .anySatisfy(
            w -> assertThat(w.message()).contains(value == null ? "" : "\"" + value + "\""));
  }

  /** The near miss of each warning: the same modifier just inside the boundary warns nothing. */
  @ParameterizedTest(name = "no warning {0}")
  @MethodSource("noWarnings")
  void nearMissWarnsNothing(String code, String fixture, UnaryOperator<Fixture> modifier) {
    PipelineResult r = modifier.apply(Fixture.load(fixture)).evaluate();
    assertThat(Expect.nonCapability(r)).isEmpty();
    assertThat(r.warnings()).extracting(Warning::code).doesNotContain(code);
  }

  static Stream<Arguments> warnings() {
    return Stream.of(
        warn(
            NetworkRules.WARN_SERVICE_RANGE_TOO_LARGE,
            "NET-013",
            "10.224.0.0/11",
            "ipv4",
            f -> f.set(S + "version", "1.34.0").set(N + "services.cidrBlocks[0]", "10.224.0.0/11")),
        warn(
            NetworkRules.WARN_SERVICE_RANGE_TOO_LARGE,
            "NET-013",
            "fd02::/100",
            "dualstack-explicit",
            f -> f.set(S + "version", "1.35.1").set(N + "services.cidrBlocks[1]", "fd02::/100")),
        warn(
            NetworkRules.WARN_SERVICE_RANGE_TOO_LARGE,
            "NET-013",
            "10.224.0.0/11",
            "ipv4",
            f -> f.remove(S + "version").set(N + "services.cidrBlocks[0]", "10.224.0.0/11")),
        warn(
            CniRules.WARN_CNI_VERSION_DEPRECATED,
            "CNI-002",
            "1.16.9",
            "ipv4",
            f -> f.set(S + "cniPlugin.version", "1.16.9")),
        warn(
            CniRules.WARN_CNI_VERSION_DEPRECATED,
            "CNI-002",
            "v3.21",
            "ipv4",
            f -> f.set(S + "cniPlugin.type", "canal").set(S + "cniPlugin.version", "v3.21")),
        warn(
            SpecialRangeRules.WARN_DOCUMENTATION_RANGE,
            "NET-025",
            "198.51.100.0/24",
            "ipv4",
            f -> f.set(N + "services.cidrBlocks[0]", "198.51.100.0/24")),
        warn(
            SpecialRangeRules.WARN_DOCUMENTATION_RANGE,
            "NET-025",
            "2001:db8:1::/48",
            "dualstack-explicit",
            f -> f.set(N + "pods.cidrBlocks[1]", "2001:db8:1::/48")),
        warn(
            ProviderRules.WARN_NODE_PORT_RANGE_DEPRECATED,
            "PRV-004",
            "10.0.0.0/8",
            "ipv4",
            f -> f.set(S + "cloud.aws.nodePortsAllowedIPRange", "10.0.0.0/8")),
        warn(
            VersionRules.WARN_VERSION_UNSET, "VER-003", null, "ipv4", f -> f.remove(S + "version")),
        warn(
            ByoRules.WARN_NODE_IPV6_SINGLE_STACK,
            "BYO-006",
            "2001:db8:20::11",
            "byo-dualstack",
            f -> f.set(N + "ipFamily", "IPv4")));
  }

  static Stream<Arguments> noWarnings() {
    return Stream.of(
        Arguments.of(
            NetworkRules.WARN_SERVICE_RANGE_TOO_LARGE,
            "ipv4",
            (UnaryOperator<Fixture>)
                f ->
                    f.set(S + "version", "1.34.0")
                        .set(N + "services.cidrBlocks[0]", "10.224.0.0/12")),
        Arguments.of(
            CniRules.WARN_CNI_VERSION_DEPRECATED,
            "ipv4",
            (UnaryOperator<Fixture>) f -> f.set(S + "cniPlugin.version", "1.17.16")),
        Arguments.of(
            SpecialRangeRules.WARN_DOCUMENTATION_RANGE,
            "ipv4",
            (UnaryOperator<Fixture>) f -> f.set(N + "services.cidrBlocks[0]", "198.51.101.0/24")),
        Arguments.of(
            VersionRules.WARN_VERSION_UNSET,
            "ipv4",
            (UnaryOperator<Fixture>) f -> f.set(S + "version", "1.31.0")),
        Arguments.of(
            ByoRules.WARN_NODE_IPV6_SINGLE_STACK,
            "byo-dualstack",
            (UnaryOperator<Fixture>)
                f ->
                    f.set(N + "ipFamily", "IPv4")
                        .remove(S + "cloud.bringyourown.nodes[0].ipv6")
                        .remove(S + "cloud.bringyourown.nodes[1].ipv6")));
  }

  private static Arguments warn(
      String code, String rule, String value, String fixture, UnaryOperator<Fixture> modifier) {
    return Arguments.of(code, rule, value, fixture, modifier);
  }

  private static Arguments bad(
      String fixture, UnaryOperator<Fixture> modifier, Expect... expected) {
    return Arguments.of(fixture, modifier, List.of(expected));
  }

  private static Arguments ok(String fixture, UnaryOperator<Fixture> modifier) {
    return Arguments.of(fixture, modifier);
  }
}
