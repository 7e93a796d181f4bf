package dev.dualstack.operator.bench;

import dev.dualstack.operator.api.CloudSpec;
import dev.dualstack.operator.api.Cluster;
import dev.dualstack.operator.api.Datacenter;
import dev.dualstack.operator.reconciler.Fixtures;
import java.util.ArrayList;
import java.util.List;

/** The clusters the harnesses measure, built from the reconciler test fixtures. */
final class BenchClusters {
  static final String OPENSTACK_DC = "bench-openstack";
  static final String BYO_DC = "bench-byo";

  private BenchClusters() {}

  static Datacenter openstackDc() {
    return Fixtures.openstackDc(OPENSTACK_DC, true);
  }

  static Datacenter byoDc() {
    return Fixtures.byoDc(BYO_DC);
  }

  /** An IPv4 OpenStack cluster: phase Ready. */
  static Cluster ipv4(String name) {
    return Fixtures.cluster(
        name, Fixtures.openstackCloud(OPENSTACK_DC, null), Fixtures.ipv4Network());
  }

  /** A dual-stack OpenStack cluster: phase Ready. */
  static Cluster dualStack(String name) {
    return Fixtures.cluster(
        name, Fixtures.openstackCloud(OPENSTACK_DC, null), Fixtures.dualStackNetwork());
  }

  /**
   * A dual-stack OpenStack cluster whose pod and service ranges are its own ({@code i} from 0 to
   * 16,383): phase Ready. Many of them defeat any memory of parsed strings but the Datacenter's.
   */
  static Cluster dualStackDistinct(String name, int i) {
    // 16 x 256 x 4 blocks of /26: 172.16.0.0/12 holds the pods, 10.16.0.0/12 the services
    String v4 = (16 + (i >> 10)) + "." + ((i >> 2) & 0xff) + "." + ((i & 3) << 6);
    String hex = Integer.toHexString(i);
    return Fixtures.cluster(
        name,
        Fixtures.openstackCloud(OPENSTACK_DC, null),
        Fixtures.network(
            "IPv4+IPv6",
            List.of("172." + v4 + "/26", "fd01:" + hex + "::/56"),
            List.of("10." + v4 + "/26", "fd02:" + hex + "::/108"),
            28));
  }

  /**
   * A dual-stack cluster refused with two errors on its pod ranges (the IPv6 range listed first,
   * host bits set); its services also overlap the pods: phase Invalid.
   */
  static Cluster invalid(String name) {
    return Fixtures.cluster(
        name,
        Fixtures.openstackCloud(OPENSTACK_DC, null),
        Fixtures.network(
            "IPv4+IPv6",
            List.of("fd01::/48", "172.25.0.1/16"),
            List.of("172.25.16.0/20", "fd01::/108"),
            24));
  }

  /** A dual-stack bring-your-own cluster with {@code nodes} nodes: phase Ready. */
  static Cluster byo(String name, int nodes) {
    List<CloudSpec.ByoNode> list = new ArrayList<>();
    for (int i = 1; i <= nodes; i++) {
      list.add(
          new CloudSpec.ByoNode(
              "node-" + i,
              "10.0." + (i / 250) + "." + (i % 250 + 1),
              "fd00::" + Integer.toHexString(i)));
    }
    return Fixtures.cluster(name, Fixtures.byoCloud(BYO_DC, list), Fixtures.dualStackNetwork());
  }
}
