package dev.dualstack.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.SchemaFrom;
import io.fabric8.crdv2.generator.v1.SchemaCustomizer;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import io.soabase.recordbuilder.core.RecordBuilder;
import java.util.List;

/** Desired state of a user cluster, as far as its network is concerned. */
@RecordBuilder
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = CelRules.DC_REQUIRED,
    message = CelRules.DC_REQUIRED_MESSAGE,
    reason = "FieldValueRequired",
    fieldPath = ".cloud.dc")
@SchemaCustomizer(value = SchemaPatch.class, input = CelRules.CLUSTER_SPEC_SCHEMA)
public record ClusterSpec(
    @JsonPropertyDescription(
            "Kubernetes version of the user cluster, MAJOR.MINOR.PATCH of a supported minor, e.g."
                + " 1.31.4. Empty: proxy mode ipvs, the other version-dependent rules act as for"
                + " the newest supported minor.")
        @Size(max = 32)
        String version,
    @JsonPropertyDescription("Cloud provider and datacenter of the cluster.") CloudSpec cloud,
    @JsonPropertyDescription("CNI plugin. Absent: cilium (canal on edge) in its default version.")
        CniPluginSettings cniPlugin,
    @JsonPropertyDescription(
            "How the control plane is exposed: NodePort (default), LoadBalancer" + " or Tunneling.")
        @SchemaFrom(type = SchemaEnums.ExposeStrategy.class)
        String exposeStrategy,
    @JsonPropertyDescription(
            "Source ranges allowed to reach the API server; only with exposeStrategy LoadBalancer.")
        IpRanges apiServerAllowedIPRanges,
    @JsonPropertyDescription("Settings of individual control-plane components.")
        ComponentSettings componentsOverride,
    @JsonPropertyDescription(
            "Operating systems the node pools will run (ubuntu, flatcar, rhel, rockylinux);"
                + " checked against the provider's dual-stack support.")
        @SchemaFrom(type = SchemaEnums.OperatingSystem[].class)
        @Size(max = 8)
        List<String> operatingSystems,
    @JsonPropertyDescription("Static machine networks of the nodes; vSphere only.") @Size(max = 8)
        List<MachineNetwork> machineNetworks,
    @JsonPropertyDescription("The cluster network: families, pod and service CIDRs, proxy mode.")
        ClusterNetwork clusterNetwork)
    implements ClusterSpecBuilder.With {

  /** CNI plugin type and version. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record CniPluginSettings(
      @JsonPropertyDescription("canal, cilium or none.")
          @SchemaFrom(type = SchemaEnums.CniType.class)
          String type,
      @JsonPropertyDescription(
              "Version, e.g. v3.31 (canal) or 1.19.4 (cilium); empty: the type's default.")
          @Size(max = 32)
          String version) {}

  /** Overrides of control-plane component settings. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record ComponentSettings(
      @JsonPropertyDescription("kube-apiserver settings.") ApiServerSettings apiserver) {}

  /** kube-apiserver settings. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @ValidationRule(
      value = CelRules.NODE_PORT_RANGE,
      message = CelRules.NODE_PORT_RANGE_MESSAGE,
      fieldPath = ".nodePortRange")
  public record ApiServerSettings(
      @JsonPropertyDescription("NodePort range as low-high, default 30000-32767.")
          @Pattern("^[0-9]{1,5}-[0-9]{1,5}$")
          @Size(max = 11)
          String nodePortRange) {}

  /** A static machine network (vSphere). */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record MachineNetwork(
      @JsonPropertyDescription("CIDR of the machine network.") @Size(max = 64) String cidr,
      @JsonPropertyDescription("Gateway address.") @Size(max = 64) String gateway,
      @JsonPropertyDescription("DNS servers.") @Size(max = 8) List<String> dnsServers) {}
}
