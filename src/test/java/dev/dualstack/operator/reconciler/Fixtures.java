package dev.dualstack.operator.reconciler;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.dualstack.operator.api.CloudSpec;
import dev.dualstack.operator.api.CloudSpecBuilder;
import dev.dualstack.operator.api.Cluster;
import dev.dualstack.operator.api.ClusterNetwork;
import dev.dualstack.operator.api.ClusterNetworkBuilder;
import dev.dualstack.operator.api.ClusterSpec;
import dev.dualstack.operator.api.ClusterSpecBuilder;
import dev.dualstack.operator.api.Datacenter;
import dev.dualstack.operator.api.DatacenterSpec;
import dev.dualstack.operator.api.NetworkRanges;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.List;

/** Valid golden objects for the reconciler tests. */
public final class Fixtures {
  private Fixtures() {}

  public static Datacenter openstackDc(String name, boolean ipv6Enabled) {
    return datacenter(
        name,
        yaml(
            DatacenterSpec.class,
            "{country: DE, location: Frankfurt, openstack: {authURL: 'https://keystone.example:5000/v3',"
                + " region: fra, dnsServers: [8.8.8.8, '2001:4860:4860::8888'], ipv6Enabled: "
                + ipv6Enabled
                + "}}"));
  }

  public static Datacenter byoDc(String name) {
    return datacenter(
        name, yaml(DatacenterSpec.class, "{country: DE, location: Berlin, bringyourown: {}}"));
  }

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  /** Reads {@code yaml} (flow style is handy for one-liners) into an API record. */
  public static <T> T yaml(Class<T> type, String yaml) {
    try {
      return YAML.readValue(yaml, type);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("bad test YAML: " + yaml, e);
    }
  }

  public static Datacenter datacenter(String name, DatacenterSpec spec) {
    Datacenter dc = new Datacenter();
    dc.setMetadata(new ObjectMetaBuilder().withName(name).build());
    dc.setSpec(spec);
    return dc;
  }

  /** An IPv4 OpenStack cluster in {@code dc}. */
  public static Cluster openstackCluster(String name, String dc) {
    return cluster(name, openstackCloud(dc, null), ipv4Network());
  }

  public static CloudSpec openstackCloud(String dc, String providerName) {
    return CloudSpecBuilder.builder()
        .dc(dc)
        .providerName(providerName)
        .openstack(yaml(CloudSpec.Openstack.class, "{network: net}"))
        .build();
  }

  public static CloudSpec byoCloud(String dc, List<CloudSpec.ByoNode> nodes) {
    return CloudSpecBuilder.builder()
        .dc(dc)
        .bringyourown(new CloudSpec.BringYourOwn(nodes))
        .build();
  }

  public static ClusterNetwork ipv4Network() {
    return network("IPv4", List.of("172.25.0.0/16"), List.of("10.240.16.0/20"), 24);
  }

  public static ClusterNetwork dualStackNetwork() {
    return network(
        "IPv4+IPv6",
        List.of("172.25.0.0/16", "fd01::/48"),
        List.of("10.240.16.0/20", "fd02::/108"),
        24);
  }

  public static ClusterNetwork network(
      String family, List<String> pods, List<String> services, Integer maskV4) {
    return ClusterNetworkBuilder.builder()
        .ipFamily(family)
        .pods(new NetworkRanges(pods))
        .services(new NetworkRanges(services))
        .nodeCidrMaskSizeIPv4(maskV4)
        .build();
  }

  public static Cluster cluster(String name, CloudSpec cloud, ClusterNetwork network) {
    Cluster c = new Cluster();
    c.setMetadata(new ObjectMetaBuilder().withName(name).build());
    c.setSpec(spec(cloud, network));
    return c;
  }

  public static ClusterSpec spec(CloudSpec cloud, ClusterNetwork network) {
    return ClusterSpecBuilder.builder()
        .version("1.31.4")
        .cloud(cloud)
        .clusterNetwork(network)
        .build();
  }
}
