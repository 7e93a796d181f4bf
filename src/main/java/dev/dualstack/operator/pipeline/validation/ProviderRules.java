package dev.dualstack.operator.pipeline.validation;

import static dev.dualstack.operator.pipeline.field.Strings.blank;

import dev.dualstack.operator.api.CloudSpec;
import dev.dualstack.operator.api.ClusterSpec.MachineNetwork;
import dev.dualstack.operator.api.DatacenterSpec;
import dev.dualstack.operator.api.IpRanges;
import dev.dualstack.operator.api.Warning;
import dev.dualstack.operator.pipeline.defaulting.ClusterDefaulter;
import dev.dualstack.operator.pipeline.field.ErrorType;
import dev.dualstack.operator.pipeline.field.Errors;
import dev.dualstack.operator.pipeline.field.FieldPath;
import dev.dualstack.operator.pipeline.field.FieldWarning;
import dev.dualstack.operator.pipeline.field.Rule;
import dev.dualstack.operator.pipeline.model.ValidationContext;
import dev.dualstack.operator.pipeline.net.Cidr;
import dev.dualstack.operator.pipeline.net.IpAddr;
import dev.dualstack.operator.pipeline.net.IpFamily;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Provider blocks: node-port source ranges, GCP dual-stack network and subnetwork, OpenStack subnet
 * CIDRs, vSphere machine networks. Returns the node/infrastructure networks (effective values,
 * defaults included) that pods and services must not overlap.
 */
final class ProviderRules {
  private static final FieldPath CLOUD = FieldPath.of("spec").child("cloud");
  private static final Pattern GCP_SUBNETWORK =
      Pattern.compile("projects/([^/\\s]+)/regions/([^/\\s]+)/subnetworks/([^/\\s]+)");

  private ProviderRules() {}

  static List<Located> validate(ValidationContext ctx, Errors errors, List<Warning> warnings) {
    List<Located> networks = new ArrayList<>();
    CloudSpec c = ctx.effective().cloud();
    if (c != null) {
      for (CloudSpec.Provider block : c.providers()) {
        if (block instanceof CloudSpec.NodePortProvider p) {
          nodePorts(p, errors, warnings);
        }
      }
      gcp(ctx, c.gcp(), errors);
      openstack(c.openstack(), networks, errors);
      azure(ctx, c.azure(), networks);
    }
    machineNetworks(ctx, networks, errors);
    return networks;
  }

  /** Warning code for KKP's deprecated single {@code nodePortsAllowedIPRange}. */
  static final String WARN_NODE_PORT_RANGE_DEPRECATED = "NodePortsAllowedIPRangeDeprecated";

  private static void nodePorts(
      CloudSpec.NodePortProvider block, Errors errors, List<Warning> warnings) {
    FieldPath at = CLOUD.child(block.name());
    String single = block.nodePortsAllowedIPRange();
    boolean hasSingle = single != null && !single.isBlank();
    if (hasSingle) {
      FieldPath sp = at.child("nodePortsAllowedIPRange");
      if (CidrRules.parse(single, sp, errors).isPresent()) {
        warnings.add(
            FieldWarning.of(
                Rule.PRV_004,
                WARN_NODE_PORT_RANGE_DEPRECATED,
                sp,
                single,
                "deprecated: merged into spec.cloud."
                    + block.name()
                    + ".nodePortsAllowedIPRanges; list it there instead"));
      }
    }
    IpRanges ranges = block.nodePortsAllowedIPRanges();
    if (ranges != null && ranges.cidrBlocks() != null) {
      FieldPath p = at.child("nodePortsAllowedIPRanges").child("cidrBlocks");
      List<String> blocks = ranges.cidrBlocks();
      for (int i = 0; i < blocks.size(); i++) {
        if (hasSingle && single.equals(blocks.get(i))) {
          continue; // the merged single range, reported at its own path
        }
        CidrRules.parse(blocks.get(i), p.index(i), errors);
      }
    }
  }

  private static void gcp(ValidationContext ctx, CloudSpec.Gcp gcp, Errors errors) {
    if (gcp == null) {
      return;
    }
    FieldPath p = CLOUD.child(CloudSpec.Gcp.NAME);
    if (ctx.dualStack() && blank(gcp.network())) {
      errors.add(
          Rule.GCP_001,
          ErrorType.REQUIRED,
          p.child("network"),
          null,
          "a dual-stack GCP cluster needs a VPC network");
    }
    String sub = gcp.subnetwork();
    if (blank(sub)) {
      if (ctx.dualStack()) {
        errors.add(
            Rule.GCP_002,
            ErrorType.REQUIRED,
            p.child("subnetwork"),
            null,
            "a dual-stack GCP cluster needs a subnetwork with stack type IPV4_IPV6");
      }
      return;
    }
    Matcher m = GCP_SUBNETWORK.matcher(sub);
    if (!m.matches()) {
      errors.add(
          Rule.GCP_003,
          ErrorType.INVALID,
          p.child("subnetwork"),
          sub,
          "must be projects/<project>/regions/<region>/subnetworks/<name>");
      return;
    }
    DatacenterSpec.Gcp dc =
        ctx.datacenter() == null || ctx.datacenter().spec() == null
            ? null
            : ctx.datacenter().spec().gcp();
    String region = dc == null ? null : dc.region();
    if (!blank(region) && !region.equals(m.group(2))) {
      errors.add(
          Rule.GCP_004,
          ErrorType.INVALID,
          p.child("subnetwork"),
          sub,
          "the subnetwork's region " + m.group(2) + " is not the datacenter's region " + region);
    }
  }

  private static void openstack(CloudSpec.Openstack os, List<Located> networks, Errors errors) {
    if (os == null) {
      return;
    }
    FieldPath p = CLOUD.child(CloudSpec.Openstack.NAME);
    subnet(os.subnetCidr(), IpFamily.IPV4, Rule.OST_001, p.child("subnetCidr"), networks, errors);
    subnet(
        os.ipv6SubnetCidr(),
        IpFamily.IPV6,
        Rule.OST_002,
        p.child("ipv6SubnetCidr"),
        networks,
        errors);
  }

  private static void subnet(
      String cidr,
      IpFamily family,
      Rule rule,
      FieldPath path,
      List<Located> networks,
      Errors errors) {
    if (cidr == null) {
      return;
    }
    Optional<Cidr> c = CidrRules.parse(cidr, path, errors);
    if (c.isEmpty()) {
      return;
    }
    if (c.get().family() != family) {
      errors.add(rule, ErrorType.INVALID, path, cidr, "must be an " + family.display() + " block");
      return;
    }
    networks.add(new Located(c.get(), path, "the OpenStack " + family.display() + " subnet"));
  }

  private static void azure(ValidationContext ctx, CloudSpec.Azure az, List<Located> networks) {
    if (az == null || !blank(az.vnet())) {
      return;
    }
    FieldPath p = CLOUD.child(CloudSpec.Azure.NAME).child("vnet");
    Cidr.parse(ClusterDefaulter.AZURE_VNET_V4)
        .ifPresent(v -> networks.add(new Located(v, p, "the Azure VNet the operator creates")));
    if (ctx.dualStack()) {
      Cidr.parse(ClusterDefaulter.AZURE_VNET_V6)
          .ifPresent(v -> networks.add(new Located(v, p, "the Azure VNet the operator creates")));
    }
  }

  private static void machineNetworks(
      ValidationContext ctx, List<Located> networks, Errors errors) {
    List<MachineNetwork> list = ctx.effective().machineNetworks();
    if (list == null || list.isEmpty()) {
      return;
    }
    FieldPath p = FieldPath.of("spec").child("machineNetworks");
    if (ctx.provider() != null && !CloudSpec.Vsphere.NAME.equals(ctx.provider())) {
      errors.add(
          Rule.VSP_001,
          ErrorType.FORBIDDEN,
          p,
          null,
          "machine networks are supported on vsphere only, not " + ctx.provider());
      return;
    }
    for (int i = 0; i < list.size(); i++) {
      MachineNetwork mn = list.get(i);
      FieldPath mp = p.index(i);
      if (mn == null) {
        errors.add(Rule.VSP_002, ErrorType.REQUIRED, mp, null, "a machine network needs a cidr");
        continue;
      }
      Optional<Cidr> cidr = CidrRules.parse(mn.cidr(), mp.child("cidr"), errors);
      cidr.ifPresent(
          c -> networks.add(new Located(c, mp.child("cidr"), "the vSphere machine network")));
      if (mn.gateway() != null) {
        Optional<IpAddr> gw = IpAddr.parse(mn.gateway());
        if (gw.isEmpty() || gw.get().isUnspecified()) {
          errors.add(
              Rule.VSP_002,
              ErrorType.INVALID,
              mp.child("gateway"),
              mn.gateway(),
              "must be an IP address");
        } else if (cidr.isPresent() && !cidr.get().contains(gw.get())) {
          errors.add(
              Rule.VSP_002,
              ErrorType.INVALID,
              mp.child("gateway"),
              mn.gateway(),
              "must lie inside the machine network " + cidr.get().text());
        }
      }
      List<String> dns = mn.dnsServers();
      for (int j = 0; dns != null && j < dns.size(); j++) {
        Optional<IpAddr> d = IpAddr.parse(dns.get(j));
        if (d.isEmpty() || d.get().isUnspecified()) {
          errors.add(
              Rule.VSP_002,
              ErrorType.INVALID,
              mp.child("dnsServers").index(j),
              dns.get(j),
              "must be an IP address");
        }
      }
    }
  }
}
