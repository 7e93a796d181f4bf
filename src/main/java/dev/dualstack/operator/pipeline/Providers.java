package dev.dualstack.operator.pipeline;

import dev.dualstack.operator.api.CloudSpec;
import dev.dualstack.operator.api.DatacenterSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Which provider blocks are set, by their JSON names (aws, azure, ..., bringyourown). */
public final class Providers {
  private Providers() {}

  /** Every provider name the API knows, in schema order. */
  public static final List<String> ALL =
      List.of(
          "aws",
          "azure",
          "digitalocean",
          "packet",
          "gcp",
          "hetzner",
          "openstack",
          "vsphere",
          "bringyourown",
          "edge",
          "baremetal",
          "kubevirt",
          "nutanix",
          "vmwareclouddirector",
          "alibaba",
          "anexia");

  /** Names of the provider blocks set in a cluster's {@code spec.cloud}. */
  public static List<String> of(CloudSpec c) {
    if (c == null) {
      return List.of();
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("aws", c.aws());
    m.put("azure", c.azure());
    m.put("digitalocean", c.digitalocean());
    m.put("packet", c.packet());
    m.put("gcp", c.gcp());
    m.put("hetzner", c.hetzner());
    m.put("openstack", c.openstack());
    m.put("vsphere", c.vsphere());
    m.put("bringyourown", c.bringyourown());
    m.put("edge", c.edge());
    m.put("baremetal", c.baremetal());
    m.put("kubevirt", c.kubevirt());
    m.put("nutanix", c.nutanix());
    m.put("vmwareclouddirector", c.vmwareclouddirector());
    m.put("alibaba", c.alibaba());
    m.put("anexia", c.anexia());
    return present(m);
  }

  /** Names of the provider blocks set in a datacenter's spec. */
  public static List<String> of(DatacenterSpec d) {
    if (d == null) {
      return List.of();
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("aws", d.aws());
    m.put("azure", d.azure());
    m.put("digitalocean", d.digitalocean());
    m.put("packet", d.packet());
    m.put("gcp", d.gcp());
    m.put("hetzner", d.hetzner());
    m.put("openstack", d.openstack());
    m.put("vsphere", d.vsphere());
    m.put("bringyourown", d.bringyourown());
    m.put("edge", d.edge());
    m.put("baremetal", d.baremetal());
    m.put("kubevirt", d.kubevirt());
    m.put("nutanix", d.nutanix());
    m.put("vmwareclouddirector", d.vmwareclouddirector());
    m.put("alibaba", d.alibaba());
    m.put("anexia", d.anexia());
    return present(m);
  }

  private static List<String> present(Map<String, Object> m) {
    List<String> out = new ArrayList<>();
    m.forEach(
        (k, v) -> {
          if (v != null) {
            out.add(k);
          }
        });
    return out;
  }
}
