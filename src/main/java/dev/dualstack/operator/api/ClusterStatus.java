package dev.dualstack.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Condition;
import io.soabase.recordbuilder.core.RecordBuilder;
import java.util.List;

/**
 * {@code Cluster.status}: the last accepted rendering ({@code ipFamily}, {@code network}, {@code
 * cni}, {@code components}, {@code provider}) plus what the operator thinks of the current spec
 * ({@code phase}, {@code errors}, {@code warnings}, {@code conditions}). A refused spec leaves the
 * rendering untouched; the previous accepted state for update rules is read from here.
 */
@RecordBuilder
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ClusterStatus(
    @JsonPropertyDescription("The metadata.generation the status was computed from.")
        Long observedGeneration,
    @JsonPropertyDescription("The metadata.generation of the last accepted spec.")
        Long acceptedGeneration,
    @JsonPropertyDescription("Ready, Invalid, Unsupported or Pending (datacenter not found).")
        String phase,
    @JsonPropertyDescription("Accepted IP family: IPv4 or IPv4+IPv6.") String ipFamily,
    @JsonPropertyDescription("Datacenter of the accepted rendering.") String datacenter,
    @JsonPropertyDescription("The accepted effective network configuration.") NetworkStatus network,
    @JsonPropertyDescription("The accepted CNI plugin.") CniStatus cni,
    @JsonPropertyDescription("Flags and values the control plane and CNI will be started with.")
        ComponentsStatus components,
    @JsonPropertyDescription("Per-provider settings the network needs.") ProviderStatus provider,
    @JsonPropertyDescription("Why the current spec was refused, one entry per field error.")
        List<StatusError> errors,
    @JsonPropertyDescription("Limitations and notes that apply to the accepted configuration.")
        List<Warning> warnings,
    @JsonPropertyDescription(
            "DatacenterResolved, NetworkValid, DualStackSupported, Ready and, during an IPv4 to"
                + " dual-stack migration, DualStackMigration.")
        List<Condition> conditions)
    implements ClusterStatusBuilder.With {

  /** The effective network: user values with every default filled in. */
  @RecordBuilder
  @RecordBuilder.Options(prefixEnclosingClassNames = false)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record NetworkStatus(
      List<String> pods,
      List<String> services,
      Integer nodeCidrMaskSizeIPv4,
      Integer nodeCidrMaskSizeIPv6,
      String proxyMode,
      Boolean ipvsStrictArp,
      String dnsDomain,
      Boolean nodeLocalDNSCacheEnabled,
      Boolean konnectivityEnabled,
      String tunnelingAgentIP,
      String exposeStrategy,
      String nodePortRange,
      List<String> nodePortsAllowedIPRanges,
      List<String> apiServerAllowedIPRanges,
      @JsonPropertyDescription("First address of the first service network + 1.")
          String apiserverServiceIP,
      @JsonPropertyDescription("First address of the first service network + 10.")
          String dnsServiceIP) {}

  /** The effective CNI plugin. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record CniStatus(String type, String version) {}

  /** A field error of a refused spec. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record StatusError(
      @JsonPropertyDescription(
              "YAML path of the field, e.g. spec.clusterNetwork.pods.cidrBlocks[1].")
          String field,
      @JsonPropertyDescription(
              "Required, Invalid, Forbidden, NotSupported, TooMany, Duplicate or NotFound.")
          String type,
      @JsonPropertyDescription("The offending value.") String value,
      @JsonPropertyDescription("What is allowed.") String message,
      @JsonPropertyDescription("Id of the rule, e.g. NET-012 (docs/validation-rules.md).")
          String rule) {}
}
