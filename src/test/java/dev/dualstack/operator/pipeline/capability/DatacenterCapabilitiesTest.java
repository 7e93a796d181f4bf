package dev.dualstack.operator.pipeline.capability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dualstack.operator.api.Conditions;
import dev.dualstack.operator.api.DatacenterSpec;
import dev.dualstack.operator.pipeline.render.TestManifests;
import org.junit.jupiter.api.Test;

class DatacenterCapabilitiesTest {
  static final CapabilityMatrix M = CapabilityMatrixLoader.builtin();

  static DatacenterSpec dc(String yaml) throws Exception {
    return TestManifests.YAML.readValue(yaml, DatacenterSpec.class);
  }

  @Test
  void openstackDependsOnTheFlag() throws Exception {
    var on = DatacenterCapabilities.dualStack(M, "openstack", dc("openstack: {ipv6Enabled: true}"));
    var off = DatacenterCapabilities.dualStack(M, "openstack", dc("openstack: {}"));
    assertThat(on.available()).isTrue();
    assertThat(off.available()).isFalse();
    assertThat(off.reason()).isEqualTo(Conditions.REASON_DATACENTER_IPV6_DISABLED);
  }

  @Test
  void alwaysAndUnknownProviders() throws Exception {
    assertThat(DatacenterCapabilities.dualStack(M, "aws", dc("aws: {}")).available()).isTrue();
    var kv = DatacenterCapabilities.dualStack(M, "kubevirt", dc("kubevirt: {}"));
    assertThat(kv.available()).isTrue();
    assertThat(kv.reason()).isEqualTo(Conditions.REASON_DUAL_STACK_UNKNOWN);
    assertThat(DatacenterCapabilities.dualStack(M, null, null)).isNull();
  }

  @Test
  void operatingSystemsComeFromTheMatrix() {
    var os = DatacenterCapabilities.operatingSystems(M, "packet");
    assertThat(os).containsOnlyKeys("ubuntu", "flatcar", "rhel", "rockylinux");
    assertThat(os.get("flatcar").support()).isEqualTo("MinorIssue");
    assertThat(os.get("flatcar").note()).contains("restart the kubelet");
    assertThat(DatacenterCapabilities.operatingSystems(M, "nutanix")).isEmpty();
  }
}
