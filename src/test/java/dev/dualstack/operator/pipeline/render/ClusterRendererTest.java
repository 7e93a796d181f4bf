package dev.dualstack.operator.pipeline.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dualstack.operator.api.ClusterSpec;
import dev.dualstack.operator.api.DatacenterSpec;
import dev.dualstack.operator.pipeline.Pipeline;
import dev.dualstack.operator.pipeline.capability.CapabilityMatrixLoader;
import dev.dualstack.operator.pipeline.model.ClusterInput;
import dev.dualstack.operator.pipeline.model.DatacenterInput;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Targeted rendering rules; the golden tests cover whole statuses. */
class ClusterRendererTest {
  static Rendering render(String dc, String cluster) throws Exception {
    var r =
        new Pipeline(CapabilityMatrixLoader.builtin())
            .evaluate(
                new ClusterInput(
                    "c1",
                    Map.of(),
                    1L,
                    TestManifests.YAML.readValue(cluster, ClusterSpec.class),
                    null),
                new DatacenterInput("dc1", TestManifests.YAML.readValue(dc, DatacenterSpec.class)));
    assertThat(r.errors()).isEmpty();
    return r.rendering();
  }

  @Test
  void singleStackControllerManagerHasOneMaskFlag() throws Exception {
    var kcm =
        render("aws: {}", "cloud: {dc: dc1, aws: {}}\ncniPlugin: {type: canal}")
            .components()
            .kubeControllerManager();
    assertThat(kcm.nodeCIDRMaskSize()).isEqualTo(24);
    assertThat(kcm.nodeCIDRMaskSizeIPv4()).isNull();
    assertThat(kcm.nodeCIDRMaskSizeIPv6()).isNull();
    assertThat(kcm.clusterCIDR()).isEqualTo("172.25.0.0/16");
  }

  @Test
  void dualStackControllerManagerHasOneMaskFlagPerFamily() throws Exception {
    var kcm =
        render(
                "aws: {}",
                "cloud: {dc: dc1, aws: {}}\ncniPlugin: {type: none}\n"
                    + "clusterNetwork: {ipFamily: IPv4+IPv6, nodeCidrMaskSizeIPv6: 60}")
            .components()
            .kubeControllerManager();
    assertThat(kcm.nodeCIDRMaskSize()).isNull();
    assertThat(kcm.nodeCIDRMaskSizeIPv4()).isEqualTo(24);
    assertThat(kcm.nodeCIDRMaskSizeIPv6()).isEqualTo(60);
    assertThat(kcm.serviceClusterIPRange()).isEqualTo("10.240.16.0/20,fd02::/108");
  }

  @Test
  void ciliumOwnsPodCidrsAndEbpfReplacesKubeProxy() throws Exception {
    var c =
        render(
                "aws: {}",
                "cloud: {dc: dc1, aws: {}}\n"
                    + "clusterNetwork: {ipFamily: IPv4+IPv6, proxyMode: ebpf}")
            .components();
    assertThat(c.kubeControllerManager()).isNull();
    assertThat(c.kubeProxy()).isNull();
    assertThat(c.cilium().kubeProxyReplacement()).isTrue();
    assertThat(c.cilium().ipv6Enabled()).isTrue();
    assertThat(c.cilium().clusterPoolIPv6PodCIDRList()).containsExactly("fd01::/48");
    assertThat(c.canal()).isNull();
  }

  @Test
  void singleStackCiliumHasNoIpv6Pool() throws Exception {
    var cilium = render("aws: {}", "cloud: {dc: dc1, aws: {}}").components().cilium();
    assertThat(cilium.ipv6Enabled()).isFalse();
    assertThat(cilium.clusterPoolIPv6PodCIDRList()).isNull();
    assertThat(cilium.clusterPoolIPv6MaskSize()).isNull();
  }

  @Test
  void openstackUserIpv6CidrIsUsedWithoutPool() throws Exception {
    var v6 =
        render(
                "openstack: {ipv6Enabled: true}",
                "cloud: {dc: dc1, openstack: {ipv6SubnetCidr: \"fd00:1::/64\"}}\n"
                    + "clusterNetwork: {ipFamily: IPv4+IPv6}")
            .provider()
            .openstack()
            .ipv6Subnet();
    assertThat(v6.cidr()).isEqualTo("fd00:1::/64");
    assertThat(v6.pool()).isNull();
    assertThat(v6.name()).isEqualTo("kubernetes-c1-ipv6");
    assertThat(v6.addressMode()).isEqualTo("dhcpv6-stateless");
  }

  @Test
  void nodePortRangesFallBackToAnyAddressPerPodFamily() throws Exception {
    var network =
        render(
                "hetzner: {}",
                "cloud: {dc: dc1, hetzner: {}}\nclusterNetwork: {ipFamily: IPv4+IPv6}")
            .network();
    assertThat(network.nodePortsAllowedIPRanges()).containsExactly("0.0.0.0/0", "::/0");
    assertThat(network.apiserverServiceIP()).isEqualTo("10.240.16.1");
    assertThat(network.dnsServiceIP()).isEqualTo("10.240.16.10");
  }

  @Test
  void allocationPoolLeavesOutNetworkGatewayAndBroadcast() {
    assertThat(OpenstackSubnetRenderer.allocationPool("192.168.1.0/24"))
        .isEqualTo("192.168.1.2-192.168.1.254");
    assertThat(OpenstackSubnetRenderer.allocationPool("10.1.0.0/16"))
        .isEqualTo("10.1.0.2-10.1.255.254");
    assertThat(OpenstackSubnetRenderer.allocationPool("10.1.0.0/31")).isNull();
  }
}
