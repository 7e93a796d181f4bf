package dev.dualstack.operator.pipeline.capability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.dualstack.operator.api.ClusterSpec;
import dev.dualstack.operator.api.Conditions;
import dev.dualstack.operator.api.DatacenterSpec;
import dev.dualstack.operator.api.Warning;
import dev.dualstack.operator.pipeline.Pipeline;
import dev.dualstack.operator.pipeline.PipelineResult;
import dev.dualstack.operator.pipeline.field.ErrorType;
import dev.dualstack.operator.pipeline.field.FieldError;
import dev.dualstack.operator.pipeline.model.ClusterInput;
import dev.dualstack.operator.pipeline.model.DatacenterInput;
import dev.dualstack.operator.pipeline.render.TestManifests;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CapabilityCheckerTest {
  static final Pipeline PIPELINE = new Pipeline(CapabilityMatrixLoader.builtin());

  static PipelineResult run(String dcBlock, String clusterYaml) {
    return run(PIPELINE, dcBlock, clusterYaml);
  }

  static PipelineResult run(Pipeline pipeline, String dcBlock, String clusterYaml) {
    try {
      DatacenterSpec dc = TestManifests.YAML.readValue(dcBlock, DatacenterSpec.class);
      ClusterSpec spec = TestManifests.YAML.readValue(clusterYaml, ClusterSpec.class);
      return pipeline.evaluate(
          new ClusterInput("c1", Map.of(), 1L, spec, null), new DatacenterInput("dc1", dc));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
  }

  static String cluster(String provider, String ipFamily, String extra) {
    return "version: 1.33.0\ncloud: {dc: dc1, "
        + provider
        + ": {}}\nclusterNetwork: {ipFamily: "
        + ipFamily
        + "}\n"
        + extra;
  }

  static List<FieldError> cap(PipelineResult r) {
    return r.errors().stream().filter(e -> e.rule().id().startsWith("CAP-")).toList();
  }

  static List<String> codes(PipelineResult r) {
    return r.warnings().stream().map(Warning::code).toList();
  }

  @ParameterizedTest(name = "{0} dual-stack, ipv6Enabled={1}")
  @CsvSource({
    "openstack, true, ",
    "openstack, false, CAP-001",
    "openstack, , CAP-001",
    "vsphere, true, ",
    "vsphere, false, CAP-001",
    "vsphere, , CAP-001"
  })
  void datacenterFlagProvidersNeedIpv6Enabled(String provider, Boolean enabled, String rule) {
    String dc = provider + ": {" + (enabled == null ? "" : "ipv6Enabled: " + enabled) + "}";
    PipelineResult dual = run(dc, cluster(provider, "IPv4+IPv6", ""));
    if (rule == null) {
      assertThat(cap(dual)).isEmpty();
      assertThat(dual.dualStack().reason()).isEqualTo(Conditions.REASON_DUAL_STACK_SUPPORTED);
    } else {
      assertThat(cap(dual))
          .extracting(e -> e.rule().id(), FieldError::type, FieldError::field)
          .containsExactly(tuple(rule, ErrorType.FORBIDDEN, "spec.clusterNetwork.ipFamily"));
      assertThat(dual.phase()).isEqualTo(Conditions.PHASE_UNSUPPORTED);
      assertThat(dual.dualStack().status()).isEqualTo("False");
      assertThat(dual.dualStack().reason()).isEqualTo(Conditions.REASON_DATACENTER_IPV6_DISABLED);
      assertThat(dual.rendering()).isNull();
    }
    PipelineResult single = run(dc, cluster(provider, "IPv4", ""));
    assertThat(cap(single)).isEmpty();
    assertThat(single.dualStack().reason()).isEqualTo(Conditions.REASON_SINGLE_STACK);
  }

  @ParameterizedTest(name = "{0} + {1} -> {2}")
  @CsvSource({
    "aws, rhel, NetworkManagerIPv6Profile",
    "aws, rockylinux, NetworkManagerIPv6Profile",
    "digitalocean, flatcar, OperatingSystemUntested",
    "digitalocean, rockylinux, OperatingSystemMinorIssue",
    "packet, flatcar, OperatingSystemMinorIssue",
    "packet, rhel, OperatingSystemUntested",
    "gcp, flatcar, OperatingSystemUntested",
    "hetzner, flatcar, OperatingSystemUntested",
    "vsphere, flatcar, OperatingSystemUntested"
  })
  void operatingSystemsWarn(String provider, String os, String code) {
    String dc = provider + ": {ipv6Enabled: true}";
    if (!provider.equals("vsphere")) {
      dc = provider + ": {}";
    }
    PipelineResult r =
        run(dc, cluster(provider, "IPv4+IPv6", "operatingSystems: [ubuntu, " + os + "]"));
    assertThat(cap(r)).isEmpty();
    assertThat(codes(r)).contains(code);
    PipelineResult ubuntu = run(dc, cluster(provider, "IPv4+IPv6", "operatingSystems: [ubuntu]"));
    assertThat(codes(ubuntu))
        .doesNotContain(
            "OperatingSystemUntested", "OperatingSystemMinorIssue", "NetworkManagerIPv6Profile");
  }

  @Test
  void minorIssueWarningCarriesTheNote() {
    PipelineResult r =
        run("packet: {}", cluster("packet", "IPv4+IPv6", "operatingSystems: [flatcar]"));
    assertThat(r.warnings())
        .filteredOn(w -> w.code().equals("OperatingSystemMinorIssue"))
        .singleElement()
        .satisfies(w -> assertThat(w.message()).contains("restart the kubelet"));
  }

  @Test
  void anyOsOnBringYourOwnIsQuiet() {
    PipelineResult r =
        run(
            "bringyourown: {}",
            cluster("bringyourown", "IPv4+IPv6", "operatingSystems: [flatcar, ubuntu]"));
    assertThat(codes(r)).doesNotContain("OperatingSystemUntested", "OperatingSystemMinorIssue");
  }

  @ParameterizedTest
  @CsvSource({"kubevirt", "nutanix", "vmwareclouddirector", "alibaba", "anexia"})
  void unknownProvidersAreAllowedWithAWarning(String provider) {
    PipelineResult r =
        run(provider + ": {}", cluster(provider, "IPv4+IPv6", "operatingSystems: [flatcar]"));
    assertThat(cap(r)).isEmpty();
    assertThat(codes(r))
        .contains("DualStackUnknownProvider")
        .doesNotContain("OperatingSystemUntested");
    assertThat(r.dualStack().status()).isEqualTo("Unknown");
    assertThat(r.dualStack().reason()).isEqualTo(Conditions.REASON_DUAL_STACK_UNKNOWN);
    assertThat(codes(run(provider + ": {}", cluster(provider, "IPv4", ""))))
        .doesNotContain("DualStackUnknownProvider");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "aws, LoadBalancerIPv6Unsupported NodeIPv6NotPublished",
    "azure, LoadBalancerIPv6Unsupported",
    "gcp, LoadBalancerIPv6Unsupported NodeIPv6NotPublished",
    "openstack, LoadBalancerIPv6Unsupported",
    "digitalocean, LoadBalancerUnsupported",
    "packet, LoadBalancerUnsupported",
    "vsphere, LoadBalancerNeedsMetalLB",
    "bringyourown, LoadBalancerNeedsMetalLB",
    "hetzner, HetznerLoadBalancerAnnotationRequired KubeletInternalIPRequired"
  })
  void limitationsWarnOnDualStackOnly(String provider, String expected) {
    String dc = provider + ": {ipv6Enabled: true}";
    if (!provider.equals("vsphere") && !provider.equals("openstack")) {
      dc = provider + ": {}";
    }
    assertThat(codes(run(dc, cluster(provider, "IPv4+IPv6", ""))))
        .containsExactlyInAnyOrder(expected.split(" "));
    assertThat(codes(run(dc, cluster(provider, "IPv4", "")))).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "'aws: {vpcID: vpc-1}', aws",
    "'azure: {vnet: my-vnet}', azure",
    "'azure: {subnet: my-subnet}', azure",
    "'gcp: {network: n, subnetwork: projects/p/regions/r/subnetworks/s}', gcp"
  })
  void preCreatedNetworksMustBeDualStack(String block, String provider) {
    String dc = provider + ": {}";
    String cluster = "cloud: {dc: dc1, " + block + "}\nclusterNetwork: {ipFamily: IPv4+IPv6}\n";
    assertThat(codes(run(dc, cluster))).contains("PrecreatedNetworkMustBeDualStack");
    assertThat(codes(run(dc, cluster(provider, "IPv4+IPv6", ""))))
        .doesNotContain("PrecreatedNetworkMustBeDualStack");
  }

  @Test
  void limitationFieldsMustExistInTheProviderBlock() throws Exception {
    String text =
        CapabilityMatrixLoaderTest.builtinText().replace("whenSet: [vpcID]", "whenSet: [vpcId]");
    assertThatThrownBy(() -> CapabilityMatrixLoader.read(text, "bad.yaml"))
        .isInstanceOf(CapabilityMatrixException.class)
        .hasMessageContaining("\"vpcId\" is not a field of spec.cloud.aws");
  }

  @Test
  void cniNoneOnDualStackWarns() {
    PipelineResult r = run("aws: {}", cluster("aws", "IPv4+IPv6", "cniPlugin: {type: none}"));
    assertThat(codes(r)).contains(CapabilityChecker.WARN_CNI_NONE);
  }

  @Test
  void deploymentCanSwitchProvidersAndOperatingSystemsOff() throws Exception {
    String text =
        CapabilityMatrixLoaderTest.builtinText()
            .replace(
                "displayName: AWS\n    dualStack: always",
                "displayName: AWS\n    dualStack: unsupported")
            .replace(
                "flatcar: {support: untested, note: \"Flatcar is not available or not tested on Hetzner.\"}",
                "flatcar: {support: unsupported, note: \"Flatcar is not allowed here.\"}");
    Pipeline p = new Pipeline(CapabilityMatrixLoader.read(text, "custom.yaml"));

    PipelineResult aws = run(p, "aws: {}", cluster("aws", "IPv4+IPv6", ""));
    assertThat(cap(aws))
        .extracting(e -> e.rule().id(), FieldError::type, FieldError::field)
        .containsExactly(tuple("CAP-002", ErrorType.FORBIDDEN, "spec.clusterNetwork.ipFamily"));
    assertThat(aws.dualStack().reason())
        .isEqualTo(Conditions.REASON_PROVIDER_DUAL_STACK_UNSUPPORTED);
    assertThat(cap(run(p, "aws: {}", cluster("aws", "IPv4", "")))).isEmpty();

    PipelineResult hetzner =
        run(
            p,
            "hetzner: {}",
            cluster("hetzner", "IPv4+IPv6", "operatingSystems: [ubuntu, flatcar]"));
    assertThat(cap(hetzner))
        .extracting(e -> e.rule().id(), FieldError::type, FieldError::field, FieldError::value)
        .containsExactly(
            tuple("CAP-003", ErrorType.FORBIDDEN, "spec.operatingSystems[1]", "flatcar"));
    assertThat(hetzner.dualStack().reason())
        .isEqualTo(Conditions.REASON_OPERATING_SYSTEM_UNSUPPORTED);
    assertThat(hetzner.phase()).isEqualTo(Conditions.PHASE_UNSUPPORTED);
  }

  @Test
  void datacenterFlagLookup() throws Exception {
    DatacenterSpec os =
        TestManifests.YAML.readValue("openstack: {ipv6Enabled: true}", DatacenterSpec.class);
    assertThat(os.provider("openstack").ipv6Enabled()).isTrue();
    assertThat(new DatacenterSpec.Aws("eu-central-1").ipv6Enabled()).isNull();
    assertThat(os.provider("aws")).isNull();
  }
}
