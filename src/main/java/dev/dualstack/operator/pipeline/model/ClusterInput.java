package dev.dualstack.operator.pipeline.model;

import dev.dualstack.operator.api.Cluster;
import dev.dualstack.operator.api.ClusterSpec;
import dev.dualstack.operator.api.ClusterStatus;
import java.util.Map;

/**
 * What the pipeline needs of a Cluster: name, labels (the {@code unsafe-*} switches), generation,
 * the user's spec and the previous status (the last accepted state for update rules; may be null).
 */
public record ClusterInput(
    String name,
    Map<String, String> labels,
    Long generation,
    ClusterSpec spec,
    ClusterStatus previous) {

  public ClusterInput {
    labels = labels == null ? Map.of() : Map.copyOf(labels);
  }

  public static ClusterInput of(Cluster c) {
    var md = c.getMetadata();
    return new ClusterInput(
        md == null ? null : md.getName(),
        md == null ? null : md.getLabels(),
        md == null ? null : md.getGeneration(),
        c.getSpec(),
        c.getStatus());
  }

  public boolean hasLabel(String key) {
    return labels.containsKey(key);
  }
}
