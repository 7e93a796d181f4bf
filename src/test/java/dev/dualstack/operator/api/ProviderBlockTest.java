package dev.dualstack.operator.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The provider types agree with the schema: one block per name, in both specs. */
class ProviderBlockTest {

  /** The block record types of a sealed provider interface, sub-interfaces flattened. */
  private static List<Class<?>> records(Class<?> sealed) {
    List<Class<?>> out = new ArrayList<>();
    for (Class<?> c : sealed.getPermittedSubclasses()) {
      if (c.isInterface()) {
        out.addAll(records(c));
      } else {
        out.add(c);
      }
    }
    return out;
  }

  /** JSON property → block type of the provider components of a spec record. */
  private static Map<String, Class<?>> components(Class<?> spec, Class<?> provider) {
    Map<String, Class<?>> out = new TreeMap<>();
    for (RecordComponent c : spec.getRecordComponents()) {
      if (provider.isAssignableFrom(c.getType())) {
        out.put(c.getName(), c.getType());
      }
    }
    return out;
  }

  private static String name(Class<?> block) throws ReflectiveOperationException {
    return (String) block.getField("NAME").get(null);
  }

  @Test
  void everyClusterBlockIsRegisteredUnderItsPropertyName() throws Exception {
    Map<String, Class<?>> props = components(CloudSpec.class, CloudSpec.Provider.class);
    assertThat(props.keySet()).containsExactlyInAnyOrderElementsOf(ProviderBlock.NAMES);
    assertThat(records(CloudSpec.Provider.class))
        .containsExactlyInAnyOrderElementsOf(CloudSpec.PROVIDERS.values());
    for (var e : props.entrySet()) {
      assertThat(name(e.getValue())).isEqualTo(e.getKey());
      assertThat(CloudSpec.PROVIDERS.get(e.getKey())).isEqualTo(e.getValue());
    }
  }

  @Test
  void everyDatacenterBlockIsNamedAfterItsProperty() throws Exception {
    Map<String, Class<?>> props = components(DatacenterSpec.class, DatacenterSpec.Provider.class);
    assertThat(props.keySet()).containsExactlyInAnyOrderElementsOf(ProviderBlock.NAMES);
    assertThat(records(DatacenterSpec.Provider.class))
        .containsExactlyInAnyOrderElementsOf(props.values());
    for (var e : props.entrySet()) {
      assertThat(name(e.getValue())).isEqualTo(e.getKey());
    }
  }

  @Test
  void blocksAnswerBySettings() {
    CloudSpec.Aws aws = new CloudSpec.Aws("vpc-1", null, null);
    assertThat(aws.isSet("vpcID")).isTrue();
    assertThat(aws.isSet("nodePortsAllowedIPRanges")).isFalse();
    assertThat(new CloudSpec.Vsphere(List.of()).isSet("networks")).isFalse();
    assertThat(new CloudSpec.Hetzner(" ").isSet("network")).isFalse();
    assertThat(ProviderBlock.settings(CloudSpec.Aws.class))
        .containsExactly("vpcID", "nodePortsAllowedIPRanges", "nodePortsAllowedIPRange");
    assertThat(ProviderBlock.settings(CloudSpec.Edge.class)).isEmpty();
  }

  @Test
  void specsListAndReplaceTheirBlocks() {
    CloudSpec cloud = CloudSpecBuilder.builder().dc("dc").edge(new CloudSpec.Edge()).build();
    assertThat(cloud.providers()).containsExactly(new CloudSpec.Edge());
    assertThat(cloud.provider("edge")).isEqualTo(new CloudSpec.Edge());
    assertThat(cloud.provider("aws")).isNull();
    CloudSpec withAws = cloud.withProvider(new CloudSpec.Aws("vpc", null, null));
    assertThat(withAws.providers()).extracting(ProviderBlock::name).containsExactly("aws", "edge");
    assertThat(withAws.dc()).isEqualTo("dc");
  }
}
