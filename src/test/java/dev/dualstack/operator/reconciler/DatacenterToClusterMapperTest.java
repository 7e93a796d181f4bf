package dev.dualstack.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dualstack.operator.api.Cluster;
import io.javaoperatorsdk.operator.api.reconciler.IndexedResourceCache;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.AbstractEventSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;
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

  /**
   * The Datacenter informer may start before the Cluster informer (OperatorRuntime#start): until
   * the Cluster cache runs, a Datacenter maps to nothing (each Cluster is reconciled once all
   * informers are synced), and afterwards to the Clusters that name it.
   */
  @Test
  void mapsNothingWhileTheClusterCacheIsNotRunning() {
    var cache = new ClusterCacheSource(List.of(Fixtures.openstackCluster("a", "dc-1")));
    var mapper = new DatacenterToClusterMapper(cache);

    assertThat(mapper.toPrimaryResourceIDs(Fixtures.openstackDc("dc-1", true))).isEmpty();
    cache.start();
    assertThat(mapper.toPrimaryResourceIDs(Fixtures.openstackDc("dc-1", true)))
        .containsExactly(new ResourceID("a"));
  }

  /** A Cluster cache that is an event source, as JOSDK's controller event source is. */
  private static final class ClusterCacheSource extends AbstractEventSource<Cluster, Cluster>
      implements IndexedResourceCache<Cluster> {
    private final List<Cluster> clusters;

    ClusterCacheSource(List<Cluster> clusters) {
      super(Cluster.class);
      this.clusters = clusters;
    }

    @Override
    public List<Cluster> byIndex(String indexName, String indexKey) {
      return clusters.stream()
          .filter(c -> DatacenterToClusterMapper.indexKeys(c).contains(indexKey))
          .toList();
    }

    @Override
    public Stream<Cluster> list(String namespace, Predicate<Cluster> predicate) {
      return clusters.stream().filter(predicate);
    }

    @Override
    public Optional<Cluster> get(ResourceID id) {
      return clusters.stream().filter(c -> ResourceID.fromResource(c).equals(id)).findFirst();
    }

    @Override
    public Stream<ResourceID> keys() {
      return clusters.stream().map(ResourceID::fromResource);
    }

    @Override
    public Stream<Cluster> list(Predicate<Cluster> predicate) {
      return clusters.stream().filter(predicate);
    }

    @Override
    public Set<Cluster> getSecondaryResources(Cluster primary) {
      return Set.of();
    }
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
