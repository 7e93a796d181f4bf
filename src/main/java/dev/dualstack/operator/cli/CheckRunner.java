package dev.dualstack.operator.cli;

import dev.dualstack.operator.api.Cluster;
import dev.dualstack.operator.api.ClusterSpec;
import dev.dualstack.operator.api.ClusterStatus;
import dev.dualstack.operator.api.Conditions;
import dev.dualstack.operator.api.Datacenter;
import dev.dualstack.operator.api.Warning;
import dev.dualstack.operator.cli.Inputs.Input;
import dev.dualstack.operator.cli.ManifestReader.Item;
import dev.dualstack.operator.cli.ManifestReader.Located;
import dev.dualstack.operator.cli.ManifestReader.Problem;
import dev.dualstack.operator.cli.ManifestReader.Reading;
import dev.dualstack.operator.cli.ManifestReader.Source;
import dev.dualstack.operator.pipeline.Pipeline;
import dev.dualstack.operator.pipeline.PipelineResult;
import dev.dualstack.operator.pipeline.field.FieldError;
import dev.dualstack.operator.pipeline.model.ClusterInput;
import dev.dualstack.operator.pipeline.model.DatacenterInput;
import dev.dualstack.operator.pipeline.status.ClusterStatusFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The evaluation behind {@code check}, without any output. Memory does not grow with the number of
 * Clusters: each is evaluated as it is read and its result goes to the {@link Sink} at once.
 *
 * <p>One pass over the input reads every object (validating and evaluating each on a second thread
 * while the next ones are read, in input order): the CRD schema and CEL rules ({@link CrdSchema}),
 * unknown fields, duplicates, then the {@link Pipeline} against the Datacenter its {@code
 * spec.cloud.dc} names among those read so far (none: phase Pending). The sink holds the results
 * until the end, because two things are only known then:
 *
 * <ul>
 *   <li>a problem (unreadable input) anywhere means nothing is evaluated: the sink is told to
 *       {@linkplain Sink#restart() forget} the results, and the problems are returned;
 *   <li>a Datacenter read after a Cluster that names it (or a later definition of the same name,
 *       which wins as the later {@code kubectl apply} would): the results are forgotten and a
 *       second pass (standard input and pipes from the text kept by the first) evaluates every
 *       Cluster against the final Datacenters, straight to the sink. So do inputs whose results the
 *       sink could not hold ({@link Sink#holding()}).
 * </ul>
 *
 * <p>A Cluster that carries {@code status} is checked as an update against it (not a KKP Cluster:
 * its status is KKP's). Its generation is {@code metadata.generation} when given; otherwise 1 for a
 * new Cluster, or the previous {@code status.observedGeneration + 1} for an update.
 *
 * <p>Two objects of the same kind and name: the later one gets a {@code Duplicate} error at {@code
 * metadata.name} (the API server keeps one object per name; for Datacenters the later one is used
 * to resolve Clusters, as the later {@code kubectl apply} would win). A Datacenter the API server
 * would refuse is reported as a result of its own ({@code kind: Datacenter}).
 */
public final class CheckRunner {
  /** What to do with unknown fields. */
  public enum UnknownFields {
    error,
    warn,
    ignore
  }

  private final Pipeline pipeline;
  private final ClusterStatusFactory statusFactory;
  private final UnknownFields unknownFields;

  public CheckRunner(Pipeline pipeline, Clock clock) {
    this(pipeline, clock, UnknownFields.error);
  }

  public CheckRunner(Pipeline pipeline, Clock clock, UnknownFields unknownFields) {
    this.pipeline = Objects.requireNonNull(pipeline);
    this.statusFactory = new ClusterStatusFactory(clock);
    this.unknownFields = Objects.requireNonNull(unknownFields);
  }

  /**
   * The verdict on one object: a Cluster, or a Datacenter the API server would refuse.
   *
   * @param result the pipeline's result (null for a Datacenter)
   * @param errors every error: the API server's (schema, CEL, unknown fields, duplicates), then the
   *     pipeline's
   * @param status what the operator would write; null when the API server would refuse the object
   */
  public record ClusterCheck(
      String kind,
      String name,
      Source source,
      PipelineResult result,
      List<Finding> errors,
      List<Warning> warnings,
      String phase,
      ClusterStatus status) {
    public ClusterCheck {
      errors = List.copyOf(errors);
      warnings = List.copyOf(warnings);
    }

    /** Ready and without errors; Pending, Invalid and Unsupported are not valid. */
    public boolean valid() {
      return errors.isEmpty() && Conditions.PHASE_READY.equals(phase);
    }

    /** The effective spec (null for a Datacenter). */
    public ClusterSpec effective() {
      return result == null ? null : result.effective();
    }

    public boolean isCluster() {
      return Cluster.KIND.equals(kind);
    }
  }

  /** Receives the results as they are computed. */
  public interface Sink {
    void accept(ClusterCheck check) throws IOException;

    /**
     * Forgets every result accepted so far: the run reports problems instead, or evaluates again
     * from the start. What is accepted after it is final.
     */
    void restart() throws IOException;

    /** Whether every result accepted so far is still held (a bounded sink may drop them). */
    default boolean holding() throws IOException {
      return true;
    }
  }

  /**
   * How a run went.
   *
   * @param clusters Clusters checked; {@code valid} of them valid
   * @param refused objects other than Clusters with errors (refused Datacenters)
   * @param problems unreadable input: when not empty, nothing was evaluated
   */
  public record Summary(
      int clusters, int valid, int refused, List<String> notes, List<Problem> problems) {
    public Summary {
      notes = List.copyOf(notes);
      problems = List.copyOf(problems);
    }

    public boolean readable() {
      return problems.isEmpty();
    }

    public boolean allValid() {
      return clusters > 0 && valid == clusters && refused == 0;
    }
  }

  /** Reads {@code paths} and evaluates every Cluster; results go to {@code sink} in input order. */
  public Summary run(List<Path> paths, Sink sink) throws IOException {
    Reading reading = new Reading();
    reading.concurrent = true;
    List<Input> inputs = ManifestReader.inputs(paths, reading);
    Map<Input, String> texts = new HashMap<>();
    Map<String, Located<Datacenter>> datacenters = new LinkedHashMap<>();
    List<String> later = new ArrayList<>();
    Evaluation first = new Evaluation(datacenters, sink, later, true);
    scan(inputs, texts, first, reading);
    if (!reading.problems().isEmpty() || first.clusters == 0) {
      sink.restart();
      return new Summary(0, 0, 0, reading.notes(), reading.problems());
    }
    Evaluation done = first;
    Reading read = reading;
    if (first.stale() || !sink.holding()) {
      sink.restart();
      later.clear();
      read = new Reading();
      read.concurrent = true;
      done = new Evaluation(datacenters, sink, later, false);
      scan(inputs, texts, done, read);
    }
    List<String> notes = new ArrayList<>(read.notes());
    notes.addAll(later);
    return new Summary(done.clusters, done.valid, done.refused, notes, List.of());
  }

  private static void scan(
      List<Input> inputs, Map<Input, String> texts, Evaluation visitor, Reading reading)
      throws IOException {
    try {
      ManifestReader.scan(inputs, texts, visitor, reading);
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  /**
   * A pass that evaluates and hands over each object as it is read. The first one ({@code live})
   * collects the Datacenters as they come and remembers which one each Cluster was evaluated
   * against; a second one evaluates against the final Datacenters.
   */
  private final class Evaluation implements ManifestReader.Visitor {
    private static final Object NONE = new Object();

    final Map<String, Located<Datacenter>> datacenters;
    final Sink sink;
    final List<String> notes;
    final boolean live;
    final Map<String, Source> seen = new HashMap<>();

    /** In a live pass: the Datacenter (or NONE) each referenced name resolved to. */
    final Map<String, Object> resolved = new HashMap<>();

    boolean changed;
    int clusters;
    int valid;
    int refused;

    Evaluation(
        Map<String, Located<Datacenter>> datacenters, Sink sink, List<String> notes, boolean live) {
      this.datacenters = datacenters;
      this.sink = sink;
      this.notes = notes;
      this.live = live;
    }

    /** Whether some Cluster was evaluated against another Datacenter than the final one. */
    boolean stale() {
      if (changed) {
        return true;
      }
      for (Map.Entry<String, Object> e : resolved.entrySet()) {
        Object now = datacenters.get(e.getKey());
        if ((now == null ? NONE : now) != e.getValue()) {
          return true;
        }
      }
      return false;
    }

    @Override
    public void cluster(Item<Cluster> item) {
      if (live) {
        String dc = dcOf(item.located().object());
        if (dc != null) {
          Object now = datacenters.get(dc);
          now = now == null ? NONE : now;
          Object before = resolved.putIfAbsent(dc, now);
          changed |= before != null && before != now;
        }
      }
      List<Finding> admission = admission(item);
      List<Warning> warnings = relaxedUnknown(item);
      ClusterCheck c = check(item, admission, warnings, datacenters);
      clusters++;
      if (c.valid()) {
        valid++;
      }
      emit(c);
    }

    @Override
    public void datacenter(Item<Datacenter> item) {
      if (live) {
        datacenters.put(item.name(), item.located());
      }
      List<Finding> admission = admission(item);
      List<Warning> warnings = relaxedUnknown(item);
      if (admission.isEmpty()) {
        warnings.forEach(
            w ->
                notes.add(
                    item.located().source() + ": Datacenter " + item.name() + ": " + w.message()));
        return;
      }
      refused++;
      emit(
          new ClusterCheck(
              Datacenter.KIND,
              item.name(),
              item.located().source(),
              null,
              admission,
              warnings,
              Conditions.PHASE_INVALID,
              null));
    }

    private void emit(ClusterCheck c) {
      try {
        sink.accept(c);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    /** Schema and CEL errors, unknown fields (when errors), and a duplicate name. */
    private List<Finding> admission(Item<?> item) {
      List<Finding> errors = new ArrayList<>(item.errors());
      if (unknownFields == UnknownFields.error) {
        errors.addAll(item.unknown());
      }
      Source before = seen.putIfAbsent(item.key(), item.located().source());
      if (before != null) {
        errors.add(
            0,
            Finding.of(
                "metadata.name",
                "Duplicate",
                item.name(),
                true,
                item.origin()
                    + " "
                    + item.name()
                    + " is also defined at "
                    + before
                    + "; the API server keeps one object per name",
                Finding.DUPLICATE));
      }
      return errors;
    }

    private List<Warning> relaxedUnknown(Item<?> item) {
      List<Warning> warnings = new ArrayList<>();
      if (unknownFields == UnknownFields.warn) {
        item.unknown()
            .forEach(u -> warnings.add(new Warning("UnknownField", u.toString(), Finding.UNKNOWN)));
      }
      return warnings;
    }
  }

  /** Evaluates one Cluster against the datacenters by name, after the API server's checks. */
  ClusterCheck check(
      Item<Cluster> item,
      List<Finding> admission,
      List<Warning> extraWarnings,
      Map<String, Located<Datacenter>> datacenters) {
    Cluster cluster = item.located().object();
    PipelineResult result = evaluate(cluster, datacenters);
    ClusterStatus previous = cluster.getStatus();
    Long generation = generation(cluster, previous);
    List<Finding> errors = new ArrayList<>(admission);
    for (FieldError e : result.errors()) {
      boolean same =
          admission.stream()
              .anyMatch(a -> a.field().equals(e.field()) && a.type().equals(e.type().id()));
      if (!same) {
        errors.add(Finding.of(e));
      }
    }
    List<Warning> warnings = new ArrayList<>(extraWarnings);
    warnings.addAll(result.warnings());
    boolean refused = !admission.isEmpty();
    return new ClusterCheck(
        Cluster.KIND,
        item.name(),
        item.located().source(),
        result,
        errors,
        warnings,
        refused ? Conditions.PHASE_INVALID : result.phase(),
        refused ? null : statusFactory.build(previous, result, generation));
  }

  /**
   * Evaluates one Cluster that the API server accepted (no schema, CEL or duplicate errors) against
   * the datacenters by name: the pipeline's verdict and the status the operator would write.
   */
  public ClusterCheck check(
      Cluster cluster, Source source, Map<String, Located<Datacenter>> datacenters) {
    Item<Cluster> item =
        new Item<>(
            Cluster.KIND,
            Cluster.GROUP + "/" + Cluster.KIND + "/" + cluster.getMetadata().getName(),
            Cluster.KIND,
            new Located<>(cluster, source),
            List.of(),
            List.of());
    return check(item, List.of(), List.of(), datacenters);
  }

  /** The pipeline's result for one Cluster. */
  public PipelineResult evaluate(Cluster cluster, Map<String, Located<Datacenter>> datacenters) {
    ClusterStatus previous = cluster.getStatus();
    ClusterInput input =
        new ClusterInput(
            cluster.getMetadata().getName(),
            cluster.getMetadata().getLabels(),
            generation(cluster, previous),
            cluster.getSpec(),
            previous);
    String dc = dcOf(cluster);
    Located<Datacenter> datacenter = dc == null ? null : datacenters.get(dc);
    return pipeline.evaluate(
        input, datacenter == null ? null : DatacenterInput.of(datacenter.object()));
  }

  /** Every result of a run, collected (tests and small inputs). */
  public List<ClusterCheck> collect(List<Path> paths) throws IOException {
    List<ClusterCheck> all = new ArrayList<>();
    run(
        paths,
        new Sink() {
          @Override
          public void accept(ClusterCheck check) {
            all.add(check);
          }

          @Override
          public void restart() {
            all.clear();
          }
        });
    return all;
  }

  private static String dcOf(Cluster cluster) {
    return cluster.getSpec() == null || cluster.getSpec().cloud() == null
        ? null
        : cluster.getSpec().cloud().dc();
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
