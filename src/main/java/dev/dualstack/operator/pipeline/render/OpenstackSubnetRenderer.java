package dev.dualstack.operator.pipeline.render;

import static dev.dualstack.operator.pipeline.field.Strings.blank;

import dev.dualstack.operator.api.CloudSpec;
import dev.dualstack.operator.api.DatacenterSpec;
import dev.dualstack.operator.api.ProviderStatus.Openstack;
import dev.dualstack.operator.api.ProviderStatus.Subnet;
import dev.dualstack.operator.api.SubnetBuilder;
import dev.dualstack.operator.pipeline.defaulting.ClusterDefaulter;
import dev.dualstack.operator.pipeline.net.Cidr;
import dev.dualstack.operator.pipeline.net.IpFamily;
import java.math.BigInteger;
import java.util.List;

/**
 * The OpenStack subnet plan of the effective spec. A pre-created subnet is kept by its ID;
 * otherwise the operator creates {@code kubernetes-<cluster>} (IPv4, from {@code subnetCidr},
 * allocation pool {@code .2}–{@code .254}) and, when dual-stack, {@code kubernetes-<cluster>-ipv6}
 * in mode {@code dhcpv6-stateless} from {@code ipv6SubnetPool}, else from {@code ipv6SubnetCidr};
 * the datacenter's default pool ({@link ClusterDefaulter#OPENSTACK_DATACENTER_POOL}, the default)
 * carries the CIDR to use when the datacenter has no pool. The datacenter's DNS servers are split
 * by family.
 */
final class OpenstackSubnetRenderer {
  static final String DHCPV6_STATELESS = "dhcpv6-stateless";

  private OpenstackSubnetRenderer() {}

  static Openstack render(
      String cluster, CloudSpec.Openstack os, DatacenterSpec.Openstack dc, boolean dual) {
    List<String> dns = dc == null ? null : dc.dnsServers();
    Subnet v4 =
        !blank(os.subnetID())
            ? existing(os.subnetID())
            : SubnetBuilder.builder()
                .name("kubernetes-" + cluster)
                .cidr(os.subnetCidr())
                .allocationPool(allocationPool(os.subnetCidr()))
                .dnsServers(Families.orNull(Families.addresses(dns, IpFamily.IPV4)))
                .build();
    Subnet v6 = null;
    if (dual && !blank(os.ipv6SubnetID())) {
      v6 = existing(os.ipv6SubnetID());
    } else if (dual) {
      String pool = blank(os.ipv6SubnetPool()) ? null : os.ipv6SubnetPool();
      boolean withCidr = pool == null || ClusterDefaulter.OPENSTACK_DATACENTER_POOL.equals(pool);
      v6 =
          SubnetBuilder.builder()
              .name("kubernetes-" + cluster + "-ipv6")
              .pool(pool)
              .cidr(withCidr ? os.ipv6SubnetCidr() : null)
              .addressMode(DHCPV6_STATELESS)
              .dnsServers(Families.orNull(Families.addresses(dns, IpFamily.IPV6)))
              .build();
    }
    return new Openstack(v4, v6);
  }

  private static Subnet existing(String id) {
    return SubnetBuilder.builder().id(id).build();
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
}
