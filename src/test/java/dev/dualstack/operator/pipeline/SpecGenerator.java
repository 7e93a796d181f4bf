package dev.dualstack.operator.pipeline;

import dev.dualstack.operator.api.CloudSpec;
import dev.dualstack.operator.api.CloudSpecBuilder;
import dev.dualstack.operator.api.CloudSpecOpenstackBuilder;
import dev.dualstack.operator.api.ClusterNetwork;
import dev.dualstack.operator.api.ClusterNetworkBuilder;
import dev.dualstack.operator.api.ClusterSpec;
import dev.dualstack.operator.api.ClusterSpecBuilder;
import dev.dualstack.operator.api.ClusterStatus;
import dev.dualstack.operator.api.ClusterStatus.CniStatus;
import dev.dualstack.operator.api.ClusterStatus.NetworkStatus;
import dev.dualstack.operator.api.ClusterStatusBuilder;
import dev.dualstack.operator.api.DatacenterSpec;
import dev.dualstack.operator.api.DatacenterSpecBuilder;
import dev.dualstack.operator.api.IpRanges;
import dev.dualstack.operator.api.NetworkRanges;
import dev.dualstack.operator.api.NetworkStatusBuilder;
import dev.dualstack.operator.api.ProviderBlock;
import dev.dualstack.operator.api.ProviderStatusBuilder;
import dev.dualstack.operator.pipeline.model.ClusterInput;
import dev.dualstack.operator.pipeline.model.DatacenterInput;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;

/**
 * Seeded generator of cluster inputs for the fuzz test: each spec starts from a plausible valid
 * shape and replaces every field with an adversarial value with a per-spec probability (0 gives
 * valid specs, 1 gives pure garbage). Adversarial values: garbage strings, out-of-range and
 * negative prefixes, zones, IPv4-mapped blocks, leading zeros, host names, huge numbers, nulls
 * everywhere (also inside lists), lists of 3 or more blocks.
 */
public final class SpecGenerator {
  private static final double[] RATES = {0, 0, 0.02, 0.05, 0.15, 0.4, 1};
  private static final String[] ADVERSARIAL = {
    "0.0.0.0/0",
    "::/0",
    "10.0.0.0/33",
    "fd00::/129",
    "10.0.0.0/-1",
    "10.0.0.0/-33",
    "fe80::1%eth0/64",
    "fe80::1%eth0",
    "::ffff:10.0.0.0/104",
    "::ffff:10.0.0.1",
    "010.0.0.0/8",
    "example.com/24",
    "localhost",
    "10.0.0.1/8",
    "fd01::1/48",
    "999999999999999999999",
    "10.0.0.0/99999999999999",
    "-1",
    "1.2.3/24",
    "::",
    "0.0.0.0",
    "10.0.0.0/8/8",
    "\u0000",
    "\u0663.\u0663.\u0663.\u0663/8",
    " 10.0.0.0/8",
    "fd00::/64 ",
    "[fd00::]/64",
    "*",
    "1.19.4",
    "v3.22",
    "v3.21",
    "IPv4+IPv6",
    "IPv4",
    "IPv6",
    "ebpf",
    "ipvs",
    "canal",
    "cilium",
    "none",
    "30000-32767",
    "0-0",
    "65535-1",
    "1-99999",
    "LoadBalancer",
    "Tunneling",
    "1.33.0",
    "v1.99",
    "projects/p/regions/r/subnetworks/s",
    "projects//regions//subnetworks/",
    "%",
    "/",
    "",
    " ",
    "255.255.255.255/32",
    "224.0.0.0/4",
    "ff00::/8",
    "100.64.30.10",
    "::1",
    "fd02::/108",
    "10.240.16.0/20",
    "172.25.0.0/16",
    "fd01::/48",
    "192.168.1.0/24",
    "fd00::/64",
    "10.0.0.0/16",
    // special-purpose and documentation ranges (NET-024, NET-025, NET-028, BYO-005)
    "0.0.0.0/8",
    "127.0.0.0/8",
    "169.254.0.0/16",
    "240.0.0.0/4",
    "::/96",
    "::1/128",
    "fe80::/10",
    "192.0.2.0/24",
    "198.51.100.0/24",
    "2001:db8::/32",
    "127.0.0.1",
    "169.254.169.254",
    "fe80::1",
    "ff02::1",
    // names (NAM-001..003)
    "Prod_EU",
    "prod.eu",
    "-prod",
    "a234567890123456789012345678901234567890123456789012345678901234",
    // versions (VER-001, VER-002) and near-miss CNI versions (CNI-002)
    "1.30.9",
    "1.38.0",
    "v1.32",
    "1.31.4-rc.0",
    "01.31.4",
    "v3.22.0",
    "3.22",
    "v1.19.4",
    "01.19.4",
    "1.16.15"
  };

  /** Special-purpose pod/service blocks: an IPv4 one, then an IPv6 one. */
  private static final List<List<String>> SPECIAL_BLOCKS =
      List.of(
          List.of("169.254.0.0/16", "fe80::/48"),
          List.of("127.0.0.0/16", "ff00::/48"),
          List.of("192.0.2.0/24", "2001:db8::/48"),
          List.of("240.0.0.0/16", "::/108"),
          List.of("100.64.0.0/16", "fd01::/48"));

  private static final List<String> PROVIDERS = ProviderBlock.NAMES;
  private static final List<String> LABELS =
      List.of("unsafe-cni-migration", "unsafe-cni-upgrade", "unsafe-expose-strategy-migration");

  private final Random r;
  private double rate;

  public SpecGenerator(long seed) {
    this.r = new Random(seed);
  }

  /** A cluster input and its datacenter (either may be odd, the datacenter may be null). */
  public record Case(ClusterInput input, DatacenterInput datacenter) {}

  public Case next() {
    rate = RATES[r.nextInt(RATES.length)];
    String provider = PROVIDERS.get(r.nextInt(PROVIDERS.size()));
    boolean dual = r.nextBoolean();
    String dcName = s("dc-" + provider);
    DatacenterInput dc =
        r.nextInt(20) == 0
            ? null
            : new DatacenterInput(
                r.nextInt(30) == 0 ? "other" : "dc-" + provider, datacenter(provider));
    ClusterSpec spec = r.nextInt(200) == 0 ? null : spec(provider, dcName, dual);
    Map<String, String> labels = new HashMap<>();
    for (String l : LABELS) {
      if (r.nextInt(6) == 0) {
        labels.put(l, "true");
      }
    }
    ClusterStatus previous = r.nextInt(3) == 0 ? status(dcName, provider) : null;
    String name =
        rare() ? pick("Prod_EU", "prod.eu", "-prod", "x".repeat(64), "") : pick("c", "prod-eu-1");
    return new Case(new ClusterInput(name, labels, (long) r.nextInt(10), spec, previous), dc);
  }

  private ClusterSpec spec(String provider, String dc, boolean dual) {
    List<String> pods = dual ? List.of("172.25.0.0/16", "fd01::/48") : List.of("172.25.0.0/16");
    List<String> services =
        dual ? List.of("10.240.16.0/20", "fd02::/108") : List.of("10.240.16.0/20");
    if (r.nextBoolean()) {
      pods = validBlocks(dual, 8, 20, 32, 64);
      services = validBlocks(dual, 12, 28, 108, 124);
    }
    if (r.nextInt(25) == 0) {
      List<String> special = SPECIAL_BLOCKS.get(r.nextInt(SPECIAL_BLOCKS.size()));
      List<String> chosen = dual ? special : special.subList(0, 1);
      if (r.nextBoolean()) {
        pods = chosen;
      } else {
        services = chosen;
      }
    }
    String expose = s(pick("NodePort", "LoadBalancer", "Tunneling"));
    return ClusterSpecBuilder.builder()
        .version(
            s(
                r.nextInt(25) == 0
                    ? pick("1.30.9", "1.38.0", "v1.32", "1.31.4-rc.0", "01.31.4")
                    : pick("1.31.0", "1.31.4", "1.33.0", "1.34.2", "v1.35.0", "1.37.1", null)))
        .cloud(rare() ? null : cloud(provider, dc, dual))
        .cniPlugin(
            rare()
                ? null
                : new ClusterSpec.CniPluginSettings(
                    s(pick("cilium", "canal", "none", null)),
                    s(
                        r.nextInt(25) == 0
                            ? pick("v3.22.0", "3.22", "v1.19.4", "01.19.4", "1.16.15")
                            : pick(
                                "1.19.4", "1.18.10", "1.13.0", "v3.31", "v3.30", "v3.22", "v3.21",
                                "", null))))
        .exposeStrategy(r.nextBoolean() ? null : expose)
        .apiServerAllowedIPRanges("LoadBalancer".equals(expose) || rare() ? ranges() : null)
        .componentsOverride(
            rare()
                ? null
                : new ClusterSpec.ComponentSettings(
                    rare()
                        ? null
                        : new ClusterSpec.ApiServerSettings(
                            s(pick("30000-32767", "31000-32000", null)))))
        .operatingSystems(list(() -> s(pick("ubuntu", "flatcar", "rhel", "rockylinux"))))
        .machineNetworks("vsphere".equals(provider) || rare() ? machineNetworks() : null)
        .clusterNetwork(
            rare()
                ? null
                : ClusterNetworkBuilder.builder()
                    .ipFamily(s(pick(dual ? "IPv4+IPv6" : "IPv4", null)))
                    .pods(
                        rare()
                            ? null
                            : new NetworkRanges(blocks(r.nextBoolean() ? pods : List.of())))
                    .services(
                        rare()
                            ? null
                            : new NetworkRanges(blocks(r.nextBoolean() ? services : List.of())))
                    .nodeCidrMaskSizeIPv4(mask(24, 32))
                    .nodeCidrMaskSizeIPv6(mask(64, 128))
                    .proxyMode(s(pick("ipvs", "iptables", "nftables", "ebpf", null)))
                    .ipvs(
                        rare()
                            ? null
                            : new ClusterNetwork.IpvsConfiguration(
                                r.nextBoolean() ? null : r.nextBoolean()))
                    .dnsDomain(s(pick("cluster.local", null)))
                    .nodeLocalDNSCacheEnabled(bool())
                    .konnectivityEnabled(rare() ? Boolean.FALSE : bool())
                    .tunnelingAgentIP(
                        "Tunneling".equals(expose)
                            ? s(
                                r.nextInt(16) == 0
                                    ? pick(
                                        "fd00:30::10", "127.0.0.10", "169.254.20.10", "172.25.0.10")
                                    : pick("100.64.30.10", null))
                            : rare() ? s("100.64.30.10") : null)
                    .build())
        .build();
  }

  private CloudSpec cloud(String provider, String dc, boolean dual) {
    Map<String, Object> blocks = new HashMap<>();
    blocks.put(provider, block(provider, dual));
    if (rare()) {
      String other = PROVIDERS.get(r.nextInt(PROVIDERS.size()));
      blocks.put(other, block(other, dual));
    }
    if (rare()) {
      blocks.remove(provider);
    }
    return CloudSpecBuilder.builder()
        .dc(dc)
        .providerName(r.nextInt(4) == 0 ? s(provider) : null)
        .aws((CloudSpec.Aws) blocks.get("aws"))
        .azure((CloudSpec.Azure) blocks.get("azure"))
        .digitalocean((CloudSpec.Digitalocean) blocks.get("digitalocean"))
        .packet((CloudSpec.Packet) blocks.get("packet"))
        .gcp((CloudSpec.Gcp) blocks.get("gcp"))
        .hetzner((CloudSpec.Hetzner) blocks.get("hetzner"))
        .openstack((CloudSpec.Openstack) blocks.get("openstack"))
        .vsphere((CloudSpec.Vsphere) blocks.get("vsphere"))
        .bringyourown((CloudSpec.BringYourOwn) blocks.get("bringyourown"))
        .edge((CloudSpec.Edge) blocks.get("edge"))
        .baremetal((CloudSpec.Baremetal) blocks.get("baremetal"))
        .kubevirt((CloudSpec.Kubevirt) blocks.get("kubevirt"))
        .nutanix((CloudSpec.Nutanix) blocks.get("nutanix"))
        .vmwareclouddirector((CloudSpec.Vmwareclouddirector) blocks.get("vmwareclouddirector"))
        .alibaba((CloudSpec.Alibaba) blocks.get("alibaba"))
        .anexia((CloudSpec.Anexia) blocks.get("anexia"))
        .build();
  }

  private Object block(String provider, boolean dual) {
    return switch (provider) {
      case "aws" -> new CloudSpec.Aws(s(pick("vpc-1", null)), maybeRanges(), deprecatedRange());
      case "azure" ->
          new CloudSpec.Azure(
              s(pick("vnet", null)),
              s(pick("subnet", null)),
              s("rg"),
              maybeRanges(),
              deprecatedRange());
      case "gcp" ->
          new CloudSpec.Gcp(
              s(pick("global/networks/n", dual ? "global/networks/n" : null)),
              s(
                  pick(
                      "projects/p/regions/europe-west3/subnetworks/s",
                      dual ? "projects/p/regions/europe-west3/subnetworks/s" : null)),
              maybeRanges(),
              deprecatedRange());
      case "hetzner" -> new CloudSpec.Hetzner(s(pick("net", null)));
      case "openstack" ->
          CloudSpecOpenstackBuilder.builder()
              .network(s("net"))
              .subnetID(s(pick(null, "subnet-id")))
              .subnetCidr(s(pick(null, "192.168.1.0/24", "192.168.7.0/24")))
              .ipv6SubnetID(s(pick(null, "v6-id")))
              .ipv6SubnetPool(s(pick(null, "pool")))
              .ipv6SubnetCidr(s(pick(null, "fd00::/64", "fd00:7::/64")))
              .nodePortsAllowedIPRanges(maybeRanges())
              .nodePortsAllowedIPRange(deprecatedRange())
              .build();
      case "vsphere" -> new CloudSpec.Vsphere(list(() -> s("vm-network")));
      case "bringyourown" -> new CloudSpec.BringYourOwn(byoNodes(dual));
      case "digitalocean" -> new CloudSpec.Digitalocean();
      case "packet" -> new CloudSpec.Packet();
      case "edge" -> new CloudSpec.Edge();
      case "baremetal" -> new CloudSpec.Baremetal();
      case "kubevirt" -> new CloudSpec.Kubevirt();
      case "nutanix" -> new CloudSpec.Nutanix();
      case "vmwareclouddirector" -> new CloudSpec.Vmwareclouddirector();
      case "alibaba" -> new CloudSpec.Alibaba();
      case "anexia" -> new CloudSpec.Anexia();
      default -> throw new IllegalArgumentException(provider);
    };
  }

  private List<CloudSpec.ByoNode> byoNodes(boolean dual) {
    int n = r.nextInt(4);
    List<CloudSpec.ByoNode> nodes = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      nodes.add(
          rare()
              ? null
              : new CloudSpec.ByoNode(
                  rare() ? pick("Node_" + i, "node-" + i + ".example.com", "") : s("node-" + i),
                  r.nextInt(15) == 0
                      ? pick("127.0.0.1", "169.254.1." + i, "224.0.0." + i)
                      : s("192.168.20." + (10 + i)),
                  dual || rare()
                      ? s(
                          r.nextInt(15) == 0
                              ? pick("fe80::" + i, "ff02::1", "::1")
                              : "fd20::" + (10 + i))
                      : null));
    }
    return r.nextInt(10) == 0 ? null : nodes;
  }

  private DatacenterSpec datacenter(String provider) {
    Boolean ipv6 = r.nextInt(5) == 0 ? null : r.nextInt(5) != 0;
    String p = rare() ? PROVIDERS.get(r.nextInt(PROVIDERS.size())) : provider;
    return DatacenterSpecBuilder.builder()
        .country(s("DE"))
        .location(s("Frankfurt"))
        .aws(p.equals("aws") ? new DatacenterSpec.Aws(s("eu-central-1")) : null)
        .azure(p.equals("azure") ? new DatacenterSpec.Azure(s("westeurope")) : null)
        .digitalocean(p.equals("digitalocean") ? new DatacenterSpec.Digitalocean(s("fra1")) : null)
        .packet(p.equals("packet") ? new DatacenterSpec.Packet(list(() -> s("fr2"))) : null)
        .gcp(p.equals("gcp") ? new DatacenterSpec.Gcp(s("europe-west3")) : null)
        .hetzner(
            p.equals("hetzner")
                ? new DatacenterSpec.Hetzner(s("fsn1-dc14"), s("fsn1"), s("net"))
                : null)
        .openstack(
            p.equals("openstack")
                ? new DatacenterSpec.Openstack(
                    s("https://k"),
                    s("fra"),
                    list(() -> s(pick("8.8.8.8", "2001:4860:4860::8888"))),
                    ipv6,
                    maybeRanges())
                : null)
        .vsphere(
            p.equals("vsphere")
                ? new DatacenterSpec.Vsphere(s("https://vc"), s("dc1"), ipv6)
                : null)
        .bringyourown(p.equals("bringyourown") ? new DatacenterSpec.BringYourOwn() : null)
        .edge(p.equals("edge") ? new DatacenterSpec.Edge() : null)
        .baremetal(p.equals("baremetal") ? new DatacenterSpec.Baremetal() : null)
        .kubevirt(p.equals("kubevirt") ? new DatacenterSpec.Kubevirt() : null)
        .nutanix(p.equals("nutanix") ? new DatacenterSpec.Nutanix() : null)
        .vmwareclouddirector(
            p.equals("vmwareclouddirector") ? new DatacenterSpec.Vmwareclouddirector() : null)
        .alibaba(p.equals("alibaba") ? new DatacenterSpec.Alibaba() : null)
        .anexia(p.equals("anexia") ? new DatacenterSpec.Anexia() : null)
        .reservedNetworks(
            r.nextBoolean()
                ? null
                : new IpRanges(blocks(List.of("100.100.0.0/16", "fd00:100::/56"))))
        .build();
  }

  private ClusterStatus status(String dc, String provider) {
    boolean dual = r.nextBoolean();
    NetworkStatus n =
        rare()
            ? null
            : NetworkStatusBuilder.builder()
                .pods(
                    blocks(dual ? List.of("172.25.0.0/16", "fd01::/48") : List.of("172.25.0.0/16")))
                .services(
                    blocks(
                        dual ? List.of("10.240.16.0/20", "fd02::/108") : List.of("10.240.16.0/20")))
                .nodeCidrMaskSizeIPv4(mask(24, 32))
                .nodeCidrMaskSizeIPv6(mask(64, 128))
                .proxyMode(s(pick("ipvs", "nftables", "iptables", null)))
                .ipvsStrictArp(bool())
                .dnsDomain(s(pick("cluster.local", null)))
                .nodeLocalDNSCacheEnabled(bool())
                .konnectivityEnabled(bool())
                .exposeStrategy(s(pick("NodePort", null)))
                .nodePortRange(s(pick("30000-32767", null)))
                .apiserverServiceIP(s("10.240.16.1"))
                .dnsServiceIP(s("10.240.16.10"))
                .build();
    return ClusterStatusBuilder.builder()
        .observedGeneration(1L)
        .acceptedGeneration(r.nextBoolean() ? 1L : null)
        .phase(s(pick("Ready", "Invalid", null)))
        .ipFamily(s(pick(dual ? "IPv4+IPv6" : "IPv4", null)))
        .datacenter(s(pick(dc, null)))
        .network(n)
        .cni(
            rare()
                ? null
                : new CniStatus(
                    s(pick("cilium", "canal", null)),
                    s(pick("1.19.4", "1.17.16", "v3.19", "v3.31", null))))
        .provider(rare() ? null : ProviderStatusBuilder.builder().name(s(provider)).build())
        .build();
  }

  private List<ClusterSpec.MachineNetwork> machineNetworks() {
    return list(
        () ->
            rare()
                ? null
                : new ClusterSpec.MachineNetwork(
                    s(pick("192.168.10.0/24", "2001:db8:10::/64")),
                    s(pick("192.168.10.1", "2001:db8:10::1", null)),
                    list(() -> s("192.168.10.2"))));
  }

  /** KKP's deprecated single node-port range: mostly absent, sometimes a duplicate or garbage. */
  private String deprecatedRange() {
    return r.nextInt(8) != 0 ? null : s(pick("10.0.0.0/8", "0.0.0.0/0", "::/0"));
  }

  private IpRanges maybeRanges() {
    return r.nextBoolean() ? null : ranges();
  }

  private IpRanges ranges() {
    return rare() ? new IpRanges(null) : new IpRanges(blocks(List.of("0.0.0.0/0", "::/0")));
  }

  /** Valid-looking random blocks: an IPv4 block, then (dual-stack) an IPv6 block. */
  private List<String> validBlocks(boolean dual, int min4, int max4, int min6, int max6) {
    int p4 = min4 + r.nextInt(max4 - min4 + 1);
    long v4 = ((long) r.nextInt(1 << 16) << 16) & (0xFFFFFFFFL << (32 - p4));
    String b4 =
        ((v4 >> 24) & 255)
            + "."
            + ((v4 >> 16) & 255)
            + "."
            + ((v4 >> 8) & 255)
            + "."
            + (v4 & 255)
            + "/"
            + p4;
    if (!dual) {
      return List.of(b4);
    }
    int p6 = min6 + r.nextInt(max6 - min6 + 1);
    String b6 =
        "fd"
            + Integer.toHexString(16 + r.nextInt(240))
            + ":"
            + Integer.toHexString(r.nextInt(1 << 16))
            + "::/"
            + p6;
    return List.of(b4, b6);
  }

  /** The list, or with the adversarial rate: null, empty, nulls inside, extra or garbage blocks. */
  private List<String> blocks(List<String> valid) {
    if (r.nextDouble() >= rate) {
      return valid;
    }
    return switch (r.nextInt(5)) {
      case 0 -> null;
      case 1 -> new ArrayList<>();
      case 2 -> {
        List<String> l = new ArrayList<>(valid);
        l.add(r.nextInt(l.size() + 1), garbage());
        yield l;
      }
      case 3 -> {
        List<String> l = new ArrayList<>();
        for (int i = 0, n = 1 + r.nextInt(4); i < n; i++) {
          l.add(garbage());
        }
        yield l;
      }
      default -> {
        List<String> l = new ArrayList<>(valid);
        if (!l.isEmpty()) {
          l.set(r.nextInt(l.size()), garbage());
        }
        yield l;
      }
    };
  }

  private <T> List<T> list(Supplier<T> element) {
    if (rare()) {
      return null;
    }
    List<T> out = new ArrayList<>();
    for (int i = 0, n = r.nextInt(3); i < n; i++) {
      out.add(rare() ? null : element.get());
    }
    return out;
  }

  private Integer mask(int valid, int bits) {
    if (r.nextDouble() >= rate) {
      return r.nextBoolean() ? null : valid;
    }
    return switch (r.nextInt(6)) {
      case 0 -> null;
      case 1 -> r.nextInt(bits + 4) - 2;
      case 2 -> Integer.MAX_VALUE;
      case 3 -> Integer.MIN_VALUE;
      case 4 -> -1;
      default -> r.nextInt();
    };
  }

  private Boolean bool() {
    return r.nextDouble() < rate
        ? (r.nextBoolean() ? null : Boolean.FALSE)
        : (r.nextBoolean() ? null : Boolean.TRUE);
  }

  /** {@code valid}, or with the adversarial rate a garbage value. */
  private String s(String valid) {
    return r.nextDouble() < rate ? garbage() : valid;
  }

  private boolean rare() {
    return r.nextDouble() < rate / 4;
  }

  private String pick(String... values) {
    return values[r.nextInt(values.length)];
  }

  private String garbage() {
    return switch (r.nextInt(7)) {
      case 0 -> null;
      case 1, 2 -> ADVERSARIAL[r.nextInt(ADVERSARIAL.length)];
      case 3 ->
          randomChars(r.nextInt(24), r.nextBoolean() ? 0x20 : 0, r.nextBoolean() ? 0x7f : 0x3000);
      case 4 ->
          r.nextInt(300)
              - 20
              + "."
              + (r.nextInt(300) - 20)
              + "."
              + r.nextInt(256)
              + "."
              + r.nextInt(256)
              + "/"
              + (r.nextInt(150) - 10);
      case 5 ->
          Integer.toHexString(r.nextInt(1 << 16))
              + ":"
              + (r.nextBoolean() ? ":" : Integer.toHexString(r.nextInt(1 << 16)) + "::")
              + "/"
              + (r.nextInt(150) - 10);
      default -> String.valueOf(r.nextLong()) + (r.nextBoolean() ? "" : "/" + r.nextLong());
    };
  }

  private String randomChars(int n, int from, int to) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n; i++) {
      sb.append((char) (from + r.nextInt(to - from)));
    }
    return sb.toString();
  }
}
