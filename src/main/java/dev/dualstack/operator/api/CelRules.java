package dev.dualstack.operator.api;

/**
 * The CEL expressions of the CRDs' {@code x-kubernetes-validations} (SPEC §7), referenced by the
 * {@code @ValidationRule} and {@code @SchemaCustomizer} annotations of the api classes. They check
 * what needs no other object, with the pipeline's words; every input they refuse the pipeline
 * refuses too (CrdCelRulesTest proves both on the examples and the fuzz corpus).
 *
 * <p>Only functions Kubernetes 1.31 offers to new CRD rules: the standard library and macros, the
 * strings extension ({@code split}, {@code join}) and the IP/CIDR library ({@code isCIDR}, {@code
 * cidr(...).ip().family()}); strings and lists they touch are bounded so that the API server's cost
 * estimate stays small.
 */
public final class CelRules {
  private CelRules() {}

  /**
   * The provider block names, in schema order; equal to {@code ProviderBlock.NAMES} (a test
   * checks).
   */
  static final String PROVIDER_LIST =
      "aws, azure, digitalocean, packet, gcp, hetzner, openstack, vsphere, bringyourown, edge,"
          + " baremetal, kubevirt, nutanix, vmwareclouddirector, alibaba, anexia";

  /** Which provider blocks are set, one bool per provider. */
  private static final String PRESENT =
      "[has(self.aws), has(self.azure), has(self.digitalocean), has(self.packet), has(self.gcp),"
          + " has(self.hetzner), has(self.openstack), has(self.vsphere), has(self.bringyourown),"
          + " has(self.edge), has(self.baremetal), has(self.kubevirt), has(self.nutanix),"
          + " has(self.vmwareclouddirector), has(self.alibaba), has(self.anexia)]";

  /** The names of the provider blocks that are set. */
  private static final String SET_NAMES =
      "[has(self.aws) ? 'aws' : '', has(self.azure) ? 'azure' : '', has(self.digitalocean) ?"
          + " 'digitalocean' : '', has(self.packet) ? 'packet' : '', has(self.gcp) ? 'gcp' : '',"
          + " has(self.hetzner) ? 'hetzner' : '', has(self.openstack) ? 'openstack' : '',"
          + " has(self.vsphere) ? 'vsphere' : '', has(self.bringyourown) ? 'bringyourown' : '',"
          + " has(self.edge) ? 'edge' : '', has(self.baremetal) ? 'baremetal' : '',"
          + " has(self.kubevirt) ? 'kubevirt' : '', has(self.nutanix) ? 'nutanix' : '',"
          + " has(self.vmwareclouddirector) ? 'vmwareclouddirector' : '', has(self.alibaba) ?"
          + " 'alibaba' : '', has(self.anexia) ? 'anexia' : ''].filter(n, n != '')";

  private static final String KNOWN_NAMES =
      "['aws', 'azure', 'digitalocean', 'packet', 'gcp', 'hetzner', 'openstack', 'vsphere',"
          + " 'bringyourown', 'edge', 'baremetal', 'kubevirt', 'nutanix', 'vmwareclouddirector',"
          + " 'alibaba', 'anexia']";

  // ---- provider blocks (spec.cloud of a Cluster, spec of a Datacenter): PRV-001

  public static final String ONE_PROVIDER_REQUIRED = PRESENT + ".exists(p, p)";
  static final String ONE_PROVIDER_REQUIRED_MESSAGE =
      "exactly one provider block is required, one of [" + PROVIDER_LIST + "]";
  public static final String ONE_PROVIDER_ALLOWED = PRESENT + ".filter(p, p).size() <= 1";

  /**
   * The names of the set blocks as {@code , a, b}: concatenated literals only, so that the API
   * server can bound the message's size (a {@code join} over a filtered list is estimated as
   * unbounded and exceeds the cost budget).
   */
  private static final String SET_NAMES_TEXT =
      "(has(self.aws) ? ', aws' : '') + (has(self.azure) ? ', azure' : '') + "
          + " (has(self.digitalocean) ? ', digitalocean' : '') + "
          + " (has(self.packet) ? ', packet' : '') + (has(self.gcp) ? ', gcp' : '') + "
          + " (has(self.hetzner) ? ', hetzner' : '') + "
          + " (has(self.openstack) ? ', openstack' : '') + "
          + " (has(self.vsphere) ? ', vsphere' : '') + "
          + " (has(self.bringyourown) ? ', bringyourown' : '') + "
          + " (has(self.edge) ? ', edge' : '') + "
          + " (has(self.baremetal) ? ', baremetal' : '') + "
          + " (has(self.kubevirt) ? ', kubevirt' : '') + "
          + " (has(self.nutanix) ? ', nutanix' : '') + "
          + " (has(self.vmwareclouddirector) ? ', vmwareclouddirector' : '') + "
          + " (has(self.alibaba) ? ', alibaba' : '') + (has(self.anexia) ? ', anexia' : '')";

  static final String ONE_PROVIDER_ALLOWED_MESSAGE =
      "'exactly one provider block is allowed, found [' + ("
          + SET_NAMES_TEXT
          + ").substring(2) + ']'";

  // ---- spec.cloud.providerName: PRV-002

  private static final String NO_PROVIDER_NAME =
      "!has(self.providerName) || self.providerName == ''";
  public static final String PROVIDER_NAME_KNOWN =
      NO_PROVIDER_NAME + " || self.providerName in " + KNOWN_NAMES;
  static final String PROVIDER_NAME_KNOWN_MESSAGE = "supported values: [" + PROVIDER_LIST + "]";
  public static final String PROVIDER_NAME_MATCHES =
      NO_PROVIDER_NAME
          + " || !(self.providerName in "
          + KNOWN_NAMES
          + ") || "
          + SET_NAMES
          + ".size() != 1 || "
          + SET_NAMES
          + "[0] == self.providerName";
  static final String PROVIDER_NAME_MATCHES_MESSAGE =
      "'must match the provider block spec.cloud.' + " + SET_NAMES + "[0]";

  // ---- spec.cloud.dc: DC-001 (on spec, so that a missing spec.cloud is refused too)

  public static final String DC_REQUIRED =
      "has(self.cloud) && has(self.cloud.dc) && !self.cloud.dc.matches('^\\\\s*$')";
  static final String DC_REQUIRED_MESSAGE = "the name of a Datacenter is required";

  // ---- spec.clusterNetwork.{pods,services}.cidrBlocks: NET-002, NET-003, NET-005

  public static final String SAME_LENGTH =
      "!has(self.pods) || !has(self.pods.cidrBlocks) || !has(self.services) ||"
          + " !has(self.services.cidrBlocks) || size(self.pods.cidrBlocks) == 0 ||"
          + " size(self.services.cidrBlocks) == 0 ||"
          + " size(self.pods.cidrBlocks) == size(self.services.cidrBlocks)";

  /** Literal branches: {@code string(int)} has no size bound and exceeds the cost budget. */
  static final String SAME_LENGTH_MESSAGE =
      "size(self.pods.cidrBlocks) == 1 ? 'must hold as many blocks as"
          + " spec.clusterNetwork.pods.cidrBlocks (1)' : 'must hold as many blocks as"
          + " spec.clusterNetwork.pods.cidrBlocks (2)'";

  public static final String FIRST_IPV4 =
      "size(self) < 1 || !isCIDR(self[0]) || cidr(self[0]).ip().family() == 4";
  static final String FIRST_IPV4_MESSAGE =
      "'the first block must be IPv4 (IPv4 is the only primary family), not ' + self[0]";
  public static final String SECOND_IPV6 =
      "size(self) < 2 || !isCIDR(self[1]) || cidr(self[1]).ip().family() == 6";
  static final String SECOND_IPV6_MESSAGE = "'the second block must be IPv6, not ' + self[1]";

  public static final String IS_CIDR = "isCIDR(self)";
  static final String IS_CIDR_MESSAGE =
      "self.matches('(?i)^[0:]*:ffff:[0-9a-f.:]*/') ? 'IPv4-mapped IPv6 blocks are not allowed;"
          + " write the IPv4 block itself' : self.contains('%') ? 'zone ids are not allowed in a"
          + " CIDR' : !self.contains('/') ? 'must be a CIDR (address/prefix length), e.g."
          + " 10.0.0.0/8 or fd00::/48' : 'must be a CIDR: an IPv4 address without leading zeros and"
          + " prefix length 0-32, or an IPv6 address and prefix length 0-128 (host names are never"
          + " resolved)'";

  /**
   * {@code cidrBlocks} of pods and services, a JSON merge patch for {@code @SchemaCustomizer} (the
   * generator has no annotation for rules on list items nor for {@code x-kubernetes-list-type}, and
   * a rule annotation on a record component is emitted twice): the first block IPv4, the second
   * IPv6, every entry a CIDR, with the pipeline's messages (NetworkRules, CidrRules).
   */
  static final String CIDR_BLOCKS_SCHEMA =
      "{\"properties\": {\"cidrBlocks\": {\"x-kubernetes-list-type\": \"atomic\","
          + " \"x-kubernetes-validations\": [{\"rule\": \""
          + FIRST_IPV4
          + "\", \"messageExpression\": \""
          + FIRST_IPV4_MESSAGE
          + "\"}, {\"rule\": \""
          + SECOND_IPV6
          + "\", \"messageExpression\": \""
          + SECOND_IPV6_MESSAGE
          + "\"}], \"items\": {\"x-kubernetes-validations\": [{\"rule\": \""
          + IS_CIDR
          + "\", \"messageExpression\": \""
          + IS_CIDR_MESSAGE
          + "\"}]}}}}";

  /** Allowed-range lists: order carries no meaning, but they are replaced as a whole. */
  static final String IP_RANGES_SCHEMA =
      "{\"properties\": {\"cidrBlocks\": {\"x-kubernetes-list-type\": \"atomic\"}}}";

  /** {@code spec.operatingSystems} is a set: the API server refuses duplicates. */
  static final String CLUSTER_SPEC_SCHEMA =
      "{\"properties\": {\"operatingSystems\": {\"x-kubernetes-list-type\": \"set\"}}}";

  // ---- spec.componentsOverride.apiserver.nodePortRange: NET-022

  private static final String LOW = "int(self.nodePortRange.split('-')[0])";
  private static final String HIGH = "int(self.nodePortRange.split('-')[1])";
  public static final String NODE_PORT_RANGE =
      "!has(self.nodePortRange) || !self.nodePortRange.matches('^[0-9]{1,5}-[0-9]{1,5}$') || ("
          + LOW
          + " >= 1 && "
          + HIGH
          + " <= 65535 && "
          + LOW
          + " <= "
          + HIGH
          + ")";
  static final String NODE_PORT_RANGE_MESSAGE = "ports must lie within 1-65535 with low <= high";
}
