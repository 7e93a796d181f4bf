package dev.dualstack.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.SchemaFrom;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import io.soabase.recordbuilder.core.RecordBuilder;

/** {@code spec.clusterNetwork}: the network of a user cluster. */
@RecordBuilder
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = CelRules.SAME_LENGTH,
    messageExpression = CelRules.SAME_LENGTH_MESSAGE,
    fieldPath = ".services.cidrBlocks")
public record ClusterNetwork(
    @JsonPropertyDescription(
            "IPv4 or IPv4+IPv6. Empty: inferred from the number of pod CIDRs (2 = IPv4+IPv6).")
        @SchemaFrom(type = SchemaEnums.IpFamily.class)
        String ipFamily,
    @JsonPropertyDescription("Pod CIDRs. Default 172.25.0.0/16 (+ fd01::/48 when dual-stack).")
        NetworkRanges pods,
    @JsonPropertyDescription(
            "Service CIDRs. Default 10.240.16.0/20 (+ fd02::/108 when dual-stack).")
        NetworkRanges services,
    @JsonPropertyDescription("Per-node IPv4 pod CIDR mask size, default 24.") @Min(1) @Max(32)
        Integer nodeCidrMaskSizeIPv4,
    @JsonPropertyDescription("Per-node IPv6 pod CIDR mask size, default 64.") @Min(1) @Max(128)
        Integer nodeCidrMaskSizeIPv6,
    @JsonPropertyDescription(
            "kube-proxy mode: ipvs, iptables, ebpf (Cilium kube-proxy replacement) or nftables."
                + " Default: iptables on Hetzner, nftables from Kubernetes 1.35, else (and without"
                + " spec.version) ipvs.")
        @SchemaFrom(type = SchemaEnums.ProxyMode.class)
        String proxyMode,
    @JsonPropertyDescription("IPVS settings.") IpvsConfiguration ipvs,
    @JsonPropertyDescription("Cluster DNS domain; must be cluster.local.") @Size(max = 253)
        String dnsDomain,
    @JsonPropertyDescription("Run the NodeLocal DNS cache, default true.")
        Boolean nodeLocalDNSCacheEnabled,
    @JsonPropertyDescription("Use Konnectivity for control plane to node traffic; must be true.")
        Boolean konnectivityEnabled,
    @JsonPropertyDescription(
            "Address of the tunneling agent; only with exposeStrategy Tunneling, default"
                + " 100.64.30.10.")
        @Size(max = 64)
        String tunnelingAgentIP)
    implements ClusterNetworkBuilder.With {

  /** IPVS settings of kube-proxy. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record IpvsConfiguration(
      @JsonPropertyDescription("Enable strict ARP, default true.") Boolean strictArp) {}
}
