package dev.dualstack.operator.pipeline.render;

import dev.dualstack.operator.api.CloudSpec;
import dev.dualstack.operator.api.DatacenterSpec;
import dev.dualstack.operator.api.ProviderStatus.Openstack;
import dev.dualstack.operator.api.ProviderStatus.Subnet;
import dev.dualstack.operator.pipeline.defaulting.ClusterDefaulter;
import dev.dualstack.operator.pipeline.net.Cidr;
import dev.dualstack.operator.pipeline.net.IpFamily;
import java.math.BigInteger;
import java.util.List;

/**
 * The OpenStack subnet plan. A pre-created subnet is kept by its ID; otherwise the operator creates
 * {@code kubernetes-<cluster>} (IPv4, default {@code 192.168.1.0/24}, allocation pool {@code
 * .2}–{@code .254}) and, when dual-stack, {@code kubernetes-<cluster>-ipv6} in mode {@code
 * dhcpv6-stateless}, from the cluster's {@code ipv6SubnetPool}, else from its {@code
 * ipv6SubnetCidr}, else from the datacenter's default IPv6 subnet pool with {@code fd00::/64} as
 * the CIDR when the datacenter has none. The datacenter's DNS servers are split by family.
 */
final class OpenstackSubnetRenderer {
  /** The pool value meaning "the default IPv6 subnet pool of the datacenter's OpenStack". */
  static final String DATACENTER_DEFAULT_POOL = "the datacenter's default IPv6 pool";

  static final String DHCPV6_STATELESS = "dhcpv6-stateless";

  private OpenstackSubnetRenderer() {}

  static Openstack render(
      String cluster,
      CloudSpec.Openstack effective,
      CloudSpec.Openstack user,
      DatacenterSpec.Openstack dc,
      boolean dual) {
    List<String> dns = dc == null ? null : dc.dnsServers();
    Subnet v4;
    if (!blank(effective.subnetID())) {
      v4 = new Subnet(effective.subnetID(), null, null, null, null, null, null);
    } else {
      String cidr =
          blank(effective.subnetCidr())
              ? ClusterDefaulter.OPENSTACK_SUBNET_V4
              : effective.subnetCidr();
      v4 =
          new Subnet(
              null,
              "kubernetes-" + cluster,
              null,
              cidr,
              allocationPool(cidr),
              null,
              Families.orNull(Families.addresses(dns, IpFamily.IPV4)));
    }
    Subnet v6 = null;
    if (dual) {
      List<String> dns6 = Families.orNull(Families.addresses(dns, IpFamily.IPV6));
      String name = "kubernetes-" + cluster + "-ipv6";
      if (!blank(effective.ipv6SubnetID())) {
        v6 = new Subnet(effective.ipv6SubnetID(), null, null, null, null, null, null);
      } else if (!blank(effective.ipv6SubnetPool())) {
        v6 = new Subnet(null, name, effective.ipv6SubnetPool(), null, null, DHCPV6_STATELESS, dns6);
      } else if (user != null && !blank(user.ipv6SubnetCidr())) {
        v6 = new Subnet(null, name, null, user.ipv6SubnetCidr(), null, DHCPV6_STATELESS, dns6);
      } else {
        String fallback =
            blank(effective.ipv6SubnetCidr())
                ? ClusterDefaulter.OPENSTACK_SUBNET_V6
                : effective.ipv6SubnetCidr();
        v6 =
            new Subnet(null, name, DATACENTER_DEFAULT_POOL, fallback, null, DHCPV6_STATELESS, dns6);
      }
    }
    return new Openstack(v4, v6);
  }

  /** {@code <first+2>-<last-1>} of an IPv4 CIDR (network, gateway and broadcast left out). */
  static String allocationPool(String cidr) {
    return Cidr.parse(cidr)
        .filter(c -> c.family() == IpFamily.IPV4 && c.hostBits() >= 2)
        .flatMap(
            c -> {
              long last = c.size().subtract(BigInteger.TWO).longValueExact();
              return c.addressAt(2).flatMap(lo -> c.addressAt(last).map(hi -> lo + "-" + hi));
            })
        .orElse(null);
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
