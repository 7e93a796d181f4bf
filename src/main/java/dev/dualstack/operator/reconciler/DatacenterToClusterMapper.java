package dev.dualstack.operator.reconciler;

import dev.dualstack.operator.api.Cluster;
import dev.dualstack.operator.api.Datacenter;
import io.javaoperatorsdk.operator.api.reconciler.IndexedResourceCache;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.AbstractEventSource;
import io.javaoperatorsdk.operator.processing.event.source.PrimaryToSecondaryMapper;
import io.javaoperatorsdk.operator.processing.event.source.SecondaryToPrimaryMapper;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Maps a Datacenter event (created, changed, deleted) to exactly the Clusters whose {@code
 * spec.cloud.dc} names it, through an index on the Cluster cache. The reverse direction ({@link
 * #datacenterOf}) tells JOSDK which Datacenter is a Cluster's secondary resource.
 */
public final class DatacenterToClusterMapper implements SecondaryToPrimaryMapper<Datacenter> {
  /** Name of the Cluster cache index keyed by {@code spec.cloud.dc}. */
  public static final String INDEX = "spec.cloud.dc";

  private final IndexedResourceCache<Cluster> clusters;

  public DatacenterToClusterMapper(IndexedResourceCache<Cluster> clusters) {
    this.clusters = Objects.requireNonNull(clusters);
  }

  /** The index function: the datacenter a Cluster names, or nothing. */
  public static List<String> indexKeys(Cluster cluster) {
    String dc = datacenterName(cluster);
    return dc == null ? List.of() : List.of(dc);
  }

  /** {@code spec.cloud.dc}, or null when unset or blank. */
  public static String datacenterName(Cluster cluster) {
    if (cluster.getSpec() == null || cluster.getSpec().cloud() == null) {
      return null;
    }
    String dc = cluster.getSpec().cloud().dc();
    return dc == null || dc.isBlank() ? null : dc;
  }

  /** Primary to secondary: the (cluster-scoped) Datacenter a Cluster names. */
  public static PrimaryToSecondaryMapper<Cluster> datacenterOf() {
    return cluster -> {
      String dc = datacenterName(cluster);
      return dc == null ? Set.of() : Set.of(new ResourceID(dc));
    };
  }

  @Override
  public Set<ResourceID> toPrimaryResourceIDs(Datacenter datacenter) {
    if (datacenter.getMetadata() == null || datacenter.getMetadata().getName() == null) {
      return Set.of();
    }
    if (clusters instanceof AbstractEventSource<?, ?> source && !source.isRunning()) {
      // the Datacenter informer may start before the Cluster informer (OperatorRuntime#start):
      // no Cluster is cached yet, and each is reconciled once every informer is synced
      return Set.of();
    }
    return clusters.byIndex(INDEX, datacenter.getMetadata().getName()).stream()
        .map(ResourceID::fromResource)
        .collect(Collectors.toUnmodifiableSet());
  }
}
