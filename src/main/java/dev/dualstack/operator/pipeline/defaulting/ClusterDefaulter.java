package dev.dualstack.operator.pipeline.defaulting;

import static dev.dualstack.operator.pipeline.field.Strings.blank;

import dev.dualstack.operator.api.CloudSpec;
import dev.dualstack.operator.api.CloudSpecOpenstackBuilder;
import dev.dualstack.operator.api.ClusterNetwork;
import dev.dualstack.operator.api.ClusterNetwork.IpvsConfiguration;
import dev.dualstack.operator.api.ClusterNetworkBuilder;
import dev.dualstack.operator.api.ClusterSpec;
import dev.dualstack.operator.api.ClusterSpec.ApiServerSettings;
import dev.dualstack.operator.api.ClusterSpec.CniPluginSettings;
import dev.dualstack.operator.api.ClusterSpec.ComponentSettings;
import dev.dualstack.operator.api.ClusterSpecBuilder;
import dev.dualstack.operator.api.ClusterStatus;
import dev.dualstack.operator.api.DatacenterSpec;
import dev.dualstack.operator.api.IpFamilies;
import dev.dualstack.operator.api.IpRanges;
import dev.dualstack.operator.api.NetworkRanges;
import dev.dualstack.operator.api.SchemaEnums;
import dev.dualstack.operator.pipeline.capability.CapabilityMatrix;
import dev.dualstack.operator.pipeline.capability.CapabilityMatrix.CniCapability;
import dev.dualstack.operator.pipeline.capability.CapabilityMatrix.DefaultNetworks;
import dev.dualstack.operator.pipeline.capability.CapabilityMatrix.ProviderCapability;
import dev.dualstack.operator.pipeline.model.DatacenterInput;
import dev.dualstack.operator.pipeline.model.KubeVersion;
import dev.dualstack.operator.pipeline.net.Cidr;
import dev.dualstack.operator.pipeline.net.IpFamily;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * Stage 2: returns the effective spec, a new record with every default of docs/api.md (Cluster
 * {@code spec}) filled in. The user's spec is never touched; applying the defaulter to its own
 * output changes nothing.
 */
public final class ClusterDefaulter {
  public static final String POD_V4 = "172.25.0.0/16";
  public static final String POD_V6 = "fd01::/48";
  public static final String SERVICE_V4 = "10.240.16.0/20";
  public static final String SERVICE_V6 = "fd02::/108";
  public static final int NODE_MASK_V4 = 24;
  public static final int NODE_MASK_V6 = 64;
  public static final String DNS_DOMAIN = "cluster.local";
  public static final String TUNNELING_AGENT_IP = "100.64.30.10";
  public static final String EXPOSE_STRATEGY = "NodePort";
  public static final String TUNNELING = "Tunneling";
  public static final String NODE_PORT_RANGE = "30000-32767";
  public static final String ANY_V4 = "0.0.0.0/0";
  public static final String ANY_V6 = "::/0";
  public static final String OPENSTACK_SUBNET_V4 = "192.168.1.0/24";
  public static final String OPENSTACK_SUBNET_V6 = "fd00::/64";

  /**
   * The {@code ipv6SubnetPool} of a dual-stack OpenStack cluster that names neither an IPv6 subnet,
   * a pool nor a CIDR: the default IPv6 subnet pool of the datacenter's OpenStack, with {@link
   * #OPENSTACK_SUBNET_V6} as the CIDR when it has none.
   */
  public static final String OPENSTACK_DATACENTER_POOL = "the datacenter's default IPv6 pool";

  /** Address space of the Azure VNet the operator creates when {@code azure.vnet} is empty. */
  public static final String AZURE_VNET_V4 = "10.0.0.0/16";

  public static final String AZURE_VNET_V6 = "fd00::/48";

  private ClusterDefaulter() {}

  /**
   * The effective spec. An unset {@code proxyMode} keeps the accepted one of {@code previous}: its
   * default depends on the Kubernetes version, and a version upgrade must not switch the proxy of a
   * running cluster.
   *
   * @param provider resolved provider name, may be null
   * @param dc the cluster's datacenter, may be null
   * @param previous the cluster's status (last accepted state), may be null
   */
  public static ClusterSpec apply(
      ClusterSpec spec,
      String provider,
      DatacenterInput dc,
      CapabilityMatrix matrix,
      ClusterStatus previous) {
    ProviderCapability cap = provider == null ? null : matrix.provider(provider);
    ClusterNetwork n =
        spec.clusterNetwork() != null
            ? spec.clusterNetwork()
            : ClusterNetworkBuilder.builder().build();
    // KKP's GetDefaultProxyMode: nftables from 1.35; ipvs for older and for an unknown version
    boolean nftables =
        KubeVersion.parse(spec.version()).map(v -> v.atLeast(1, 35)).orElse(Boolean.FALSE);

    List<String> pods = blocks(n.pods());
    List<String> services = blocks(n.services());
    String ipFamily =
        blank(n.ipFamily())
            ? (pods.size() >= 2 ? IpFamilies.DUAL_STACK : IpFamilies.IPV4)
            : n.ipFamily();
    boolean dual = IpFamilies.DUAL_STACK.equals(ipFamily);

    List<String> defaultPods = List.of(POD_V4, POD_V6);
    List<String> defaultServices = List.of(SERVICE_V4, SERVICE_V6);
    if (cap != null && cap.defaultNetworks() != null) {
      DefaultNetworks d = cap.defaultNetworks();
      if (d.pods() != null && !d.pods().isEmpty()) {
        defaultPods = withV6(d.pods(), POD_V6);
      }
      if (d.services() != null && !d.services().isEmpty()) {
        defaultServices = withV6(d.services(), SERVICE_V6);
      }
    }
    if (pods.isEmpty()) {
      pods = dual ? defaultPods : defaultPods.subList(0, 1);
    }
    if (services.isEmpty()) {
      services = dual ? defaultServices : defaultServices.subList(0, 1);
    }

    Integer maskV4 = n.nodeCidrMaskSizeIPv4();
    if (maskV4 == null && hasFamily(pods, IpFamily.IPV4)) {
      maskV4 = NODE_MASK_V4;
    }
    Integer maskV6 = n.nodeCidrMaskSizeIPv6();
    if (maskV6 == null && hasFamily(pods, IpFamily.IPV6)) {
      maskV6 = NODE_MASK_V6;
    }

    String proxyMode = n.proxyMode();
    String accepted =
        previous == null || previous.network() == null ? null : previous.network().proxyMode();
    if (blank(proxyMode) && !blank(accepted)) {
      proxyMode = accepted;
    } else if (blank(proxyMode)) {
      if (cap != null && cap.defaultProxyMode() != null) {
        proxyMode = SchemaEnums.value(cap.defaultProxyMode());
      } else {
        proxyMode = nftables ? "nftables" : "ipvs";
      }
    }
    IpvsConfiguration ipvs = n.ipvs();
    if ("ipvs".equals(proxyMode) && (ipvs == null || ipvs.strictArp() == null)) {
      ipvs = new IpvsConfiguration(true);
    }

    String expose = blank(spec.exposeStrategy()) ? EXPOSE_STRATEGY : spec.exposeStrategy();
    String tunnelingIp = n.tunnelingAgentIP();
    if (blank(tunnelingIp) && TUNNELING.equals(expose)) {
      tunnelingIp = TUNNELING_AGENT_IP;
    }

    ClusterNetwork effectiveNetwork =
        ClusterNetworkBuilder.builder(n)
            .ipFamily(ipFamily)
            .pods(new NetworkRanges(List.copyOf(pods)))
            .services(new NetworkRanges(List.copyOf(services)))
            .nodeCidrMaskSizeIPv4(maskV4)
            .nodeCidrMaskSizeIPv6(maskV6)
            .proxyMode(proxyMode)
            .ipvs(ipvs)
            .dnsDomain(blank(n.dnsDomain()) ? DNS_DOMAIN : n.dnsDomain())
            .nodeLocalDNSCacheEnabled(
                n.nodeLocalDNSCacheEnabled() == null ? Boolean.TRUE : n.nodeLocalDNSCacheEnabled())
            .konnectivityEnabled(
                n.konnectivityEnabled() == null ? Boolean.TRUE : n.konnectivityEnabled())
            .tunnelingAgentIP(blank(tunnelingIp) ? null : tunnelingIp)
            .build();

    return ClusterSpecBuilder.builder(spec)
        .cloud(defaultCloud(spec.cloud(), dual, dc))
        .cniPlugin(defaultCni(spec.cniPlugin(), cap, matrix))
        .exposeStrategy(expose)
        .componentsOverride(defaultComponents(spec.componentsOverride()))
        .clusterNetwork(effectiveNetwork)
        .build();
  }

  private static CniPluginSettings defaultCni(
      CniPluginSettings cni, ProviderCapability cap, CapabilityMatrix matrix) {
    String type = cni == null ? null : cni.type();
    String version = cni == null ? null : cni.version();
    if (blank(type)) {
      if (cni != null && !blank(version)) {
        return cni; // a version without a type: validation reports the missing type
      }
      type = cap != null && !blank(cap.defaultCni()) ? cap.defaultCni() : matrix.defaultCni();
    }
    if (blank(version)) {
      CniCapability c = matrix.cni().get(type);
      version = c == null ? version : c.defaultVersion();
    }
    return new CniPluginSettings(type, version == null ? "" : version);
  }

  private static ComponentSettings defaultComponents(ComponentSettings c) {
    ApiServerSettings api = c == null ? null : c.apiserver();
    if (api != null && !blank(api.nodePortRange())) {
      return c;
    }
    return new ComponentSettings(new ApiServerSettings(NODE_PORT_RANGE));
  }

  private static CloudSpec defaultCloud(CloudSpec c, boolean dual, DatacenterInput dc) {
    if (c == null) {
      return null;
    }
    List<String> any = dual ? List.of(ANY_V4, ANY_V6) : List.of(ANY_V4);
    CloudSpec out = c;
    for (CloudSpec.Provider block : c.providers()) {
      if (!(block instanceof CloudSpec.NodePortProvider p)) {
        continue;
      }
      // KKP's GetNodePortsAllowedIPRanges: the list, then the deprecated single range unless the
      // list holds it; only when both are empty the defaults apply
      String single = blank(p.nodePortsAllowedIPRange()) ? null : p.nodePortsAllowedIPRange();
      if (empty(p.nodePortsAllowedIPRanges())) {
        // the datacenter's default first (OpenStack), else any address of the cluster's families
        DatacenterSpec.Provider dcBlock =
            dc == null || dc.spec() == null ? null : dc.spec().provider(p.name());
        IpRanges dcDefault = dcBlock == null ? null : dcBlock.defaultNodePortsAllowedIPRanges();
        IpRanges ranges =
            single != null
                ? new IpRanges(List.of(single))
                : empty(dcDefault) ? new IpRanges(any) : dcDefault;
        out = out.withProvider(p.withNodePortsAllowedIPRanges(ranges));
      } else if (single != null && !p.nodePortsAllowedIPRanges().cidrBlocks().contains(single)) {
        List<String> merged = new ArrayList<>(p.nodePortsAllowedIPRanges().cidrBlocks());
        merged.add(single);
        out = out.withProvider(p.withNodePortsAllowedIPRanges(new IpRanges(merged)));
      }
    }
    CloudSpec.Openstack os = out.openstack();
    if (os != null) {
      String subnetCidr = os.subnetCidr();
      if (blank(subnetCidr) && blank(os.subnetID())) {
        subnetCidr = OPENSTACK_SUBNET_V4;
      }
      String v6Cidr = os.ipv6SubnetCidr();
      String v6Pool = os.ipv6SubnetPool();
      if (dual && blank(v6Cidr) && blank(os.ipv6SubnetID()) && blank(v6Pool)) {
        v6Pool = OPENSTACK_DATACENTER_POOL;
        v6Cidr = OPENSTACK_SUBNET_V6;
      }
      out =
          out.withProvider(
              CloudSpecOpenstackBuilder.builder(os)
                  .subnetCidr(subnetCidr)
                  .ipv6SubnetPool(v6Pool)
                  .ipv6SubnetCidr(v6Cidr)
                  .build());
    }
    return out;
  }

  private static List<String> withV6(List<String> v4, String v6) {
    List<String> out = new ArrayList<>(v4 == null ? List.of() : v4);
    if (out.size() < 2) {
      out.add(v6);
    }
    return List.copyOf(out);
  }

  private static List<String> blocks(NetworkRanges r) {
    if (r == null || r.cidrBlocks() == null) {
      return List.of();
    }
    List<String> out = new ArrayList<>(r.cidrBlocks().size());
    for (String b : r.cidrBlocks()) {
      out.add(b == null ? "" : b);
    }
    return Collections.unmodifiableList(out);
  }

  private static boolean hasFamily(List<String> cidrs, IpFamily family) {
    for (String s : cidrs) {
      Optional<Cidr> c = Cidr.parse(s);
      if (c.isPresent() && c.get().family() == family) {
        return true;
      }
    }
    return false;
  }

  private static boolean empty(IpRanges r) {
    if (r == null || r.cidrBlocks() == null) {
      return true;
    }
    for (String b : r.cidrBlocks()) {
      if (b != null) {
        return false;
      }
    }
    return true;
  }
}
