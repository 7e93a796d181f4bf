package dev.dualstack.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dualstack.operator.api.Cluster;
import io.javaoperatorsdk.operator.api.reconciler.IndexedResourceCache;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DatacenterToClusterMapperTest {

  @Test
  void indexesClustersByTheirDatacenterName() {
    assertThat(DatacenterToClusterMapper.indexKeys(Fixtures.openstackCluster("a", "dc-1")))
        .containsExactly("dc-1");
    assertThat(DatacenterToClusterMapper.indexKeys(Fixtures.openstackCluster("b", " "))).isEmpty();
    Cluster noSpec = new Cluster();
    assertThat(DatacenterToClusterMapper.indexKeys(noSpec)).isEmpty();
  }

  @Test
  void mapsADatacenterToExactlyTheClustersThatNameIt() {
    IndexedResourceCache<Cluster> cache =
        Fakes.clusterIndex(
            Map.of(
                "dc-1",
                List.of(
                    Fixtures.openstackCluster("a", "dc-1"),
                    Fixtures.openstackCluster("b", "dc-1"))));
    var mapper = new DatacenterToClusterMapper(cache);

    assertThat(mapper.toPrimaryResourceIDs(Fixtures.openstackDc("dc-1", true)))
        .containsExactlyInAnyOrder(new ResourceID("a"), new ResourceID("b"));
    assertThat(mapper.toPrimaryResourceIDs(Fixtures.openstackDc("dc-2", true))).isEmpty();
  }

  @Test
  void aClusterHasTheDatacenterItNamesAsSecondary() {
    assertThat(
            DatacenterToClusterMapper.datacenterOf()
                .toSecondaryResourceIDs(Fixtures.openstackCluster("a", "dc-1")))
        .containsExactly(new ResourceID("dc-1"));
    assertThat(
            DatacenterToClusterMapper.datacenterOf()
                .toSecondaryResourceIDs(Fixtures.openstackCluster("a", null)))
        .isEmpty();
  }
}
