package dev.dualstack.operator.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dualstack.operator.api.Cluster;
import dev.dualstack.operator.reconciler.Fixtures;
import io.fabric8.kubernetes.api.model.FieldsV1;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntryBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ManagedFieldsDroppingStoreTest {
  private final ManagedFieldsDroppingStore<Cluster> store = new ManagedFieldsDroppingStore<>();

  private static Cluster withManagedFields(String name) {
    Cluster c = Fixtures.openstackCluster(name, "dc");
    FieldsV1 fields = new FieldsV1();
    fields.setAdditionalProperty("f:spec", Map.of("f:cloud", Map.of()));
    c.getMetadata()
        .setManagedFields(
            new ArrayList<>(
                List.of(
                    new ManagedFieldsEntryBuilder()
                        .withManager("kubectl")
                        .withOperation("Update")
                        .withFieldsType("FieldsV1")
                        .withFieldsV1(fields)
                        .build())));
    c.getMetadata().setResourceVersion("3");
    return c;
  }

  @Test
  void storesTheObjectWithoutItsManagedFieldsAndEverythingElseAsItWas() {
    KubernetesSerialization json = new KubernetesSerialization();
    Cluster c = withManagedFields("c1");
    Cluster expected = json.clone(c);
    expected.getMetadata().setManagedFields(new ArrayList<>());

    store.put(store.getKey(c), c);

    Cluster stored = store.get("c1");
    assertThat(stored).isSameAs(c);
    assertThat(stored.getMetadata().getManagedFields()).isEmpty();
    assertThat(json.asJson(stored)).isEqualTo(json.asJson(expected));
    assertThat(stored.getSpec()).isEqualTo(expected.getSpec());
  }

  @Test
  void behavesAsTheClientsBasicStore() {
    Cluster a = withManagedFields("a");
    Cluster b = withManagedFields("b");

    store.put(store.getKey(a), a);
    store.put(store.getKey(b), b);
    Cluster removed = store.remove("a");

    assertThat(store.getKey(a)).isEqualTo("a");
    assertThat(removed).isSameAs(a);
    assertThat(store.size()).isEqualTo(1);
    assertThat(store.keySet()).containsExactly("b");
    assertThat(store.values()).containsExactly(b);
    assertThat(store.get("a")).isNull();
  }
}
