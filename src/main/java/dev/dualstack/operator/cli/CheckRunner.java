package dev.dualstack.operator.cli;

import dev.dualstack.operator.api.Cluster;
import dev.dualstack.operator.api.ClusterStatus;
import dev.dualstack.operator.api.Conditions;
import dev.dualstack.operator.api.Datacenter;
import dev.dualstack.operator.cli.ManifestReader.Located;
import dev.dualstack.operator.cli.ManifestReader.Manifests;
import dev.dualstack.operator.cli.ManifestReader.Source;
import dev.dualstack.operator.pipeline.Pipeline;
import dev.dualstack.operator.pipeline.PipelineResult;
import dev.dualstack.operator.pipeline.model.ClusterInput;
import dev.dualstack.operator.pipeline.model.DatacenterInput;
import dev.dualstack.operator.pipeline.status.ClusterStatusFactory;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The evaluation behind {@code check}, without any output: every Cluster read is run through the
 * {@link Pipeline} against the Datacenter its {@code spec.cloud.dc} names (or none: phase Pending),
 * and the status the operator would write is built.
 *
 * <p>A Cluster that carries {@code status} is checked as an update against it. Its generation is
 * {@code metadata.generation} when given; otherwise 1 for a new Cluster, or the previous {@code
 * status.observedGeneration + 1} for an update. When two Datacenters share a name the later one
 * wins, as with {@code kubectl apply}, and a note says so.
 */
public final class CheckRunner {
  private final Pipeline pipeline;
  private final ClusterStatusFactory statusFactory;

  public CheckRunner(Pipeline pipeline, Clock clock) {
    this.pipeline = Objects.requireNonNull(pipeline);
    this.statusFactory = new ClusterStatusFactory(clock);
  }

  /** The verdict on one Cluster. */
  public record ClusterCheck(
      String name, Source source, PipelineResult result, ClusterStatus status) {
    /** Ready and without errors; Pending, Invalid and Unsupported are not valid. */
    public boolean valid() {
      return result.valid() && Conditions.PHASE_READY.equals(result.phase());
    }

    public String phase() {
      return result.phase();
    }
  }

  /** Every verdict in input order, plus notes about the input (duplicates, nothing to check). */
  public record Report(List<ClusterCheck> results, List<String> notes) {
    public Report {
      results = List.copyOf(results);
      notes = List.copyOf(notes);
    }

    public boolean allValid() {
      return results.stream().allMatch(ClusterCheck::valid);
    }
  }

  /** Evaluates every Cluster of {@code manifests} (problems in them are the caller's concern). */
  public Report run(Manifests manifests) {
    List<String> notes = new ArrayList<>();
    Map<String, Located<Datacenter>> datacenters = new LinkedHashMap<>();
    for (Located<Datacenter> d : manifests.datacenters()) {
      Located<Datacenter> before = datacenters.put(d.object().getMetadata().getName(), d);
      if (before != null) {
        notes.add(
            d.source()
                + ": Datacenter "
                + d.object().getMetadata().getName()
                + " is also defined at "
                + before.source()
                + "; this later one is used");
      }
    }
    Set<String> names = new HashSet<>();
    Map<String, Source> firstSeen = new HashMap<>();
    List<ClusterCheck> results = new ArrayList<>();
    for (Located<Cluster> c : manifests.clusters()) {
      String name = c.object().getMetadata().getName();
      if (!names.add(name)) {
        notes.add(
            c.source()
                + ": Cluster "
                + name
                + " is also defined at "
                + firstSeen.get(name)
                + "; both are checked, the API server would keep only the later one");
      }
      firstSeen.putIfAbsent(name, c.source());
      results.add(check(c.object(), c.source(), datacenters));
    }
    if (results.isEmpty()) {
      notes.add("no Cluster found in the input; nothing to check");
    }
    return new Report(results, notes);
  }

  /** Evaluates one Cluster against the datacenters by name. */
  public ClusterCheck check(
      Cluster cluster, Source source, Map<String, Located<Datacenter>> datacenters) {
    ClusterStatus previous = cluster.getStatus();
    Long generation = generation(cluster, previous);
    ClusterInput input =
        new ClusterInput(
            cluster.getMetadata().getName(),
            cluster.getMetadata().getLabels(),
            generation,
            cluster.getSpec(),
            previous);
    String dc =
        cluster.getSpec() == null || cluster.getSpec().cloud() == null
            ? null
            : cluster.getSpec().cloud().dc();
    Located<Datacenter> datacenter = dc == null ? null : datacenters.get(dc);
    PipelineResult result =
        pipeline.evaluate(
            input, datacenter == null ? null : DatacenterInput.of(datacenter.object()));
    ClusterStatus status = statusFactory.build(previous, result, generation);
    return new ClusterCheck(input.name(), source, result, status);
  }

  private static Long generation(Cluster cluster, ClusterStatus previous) {
    Long g = cluster.getMetadata().getGeneration();
    if (g != null) {
      return g;
    }
    if (previous != null && previous.observedGeneration() != null) {
      return previous.observedGeneration() + 1;
    }
    return 1L;
  }
}
