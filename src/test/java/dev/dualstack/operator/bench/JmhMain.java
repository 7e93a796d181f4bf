package dev.dualstack.operator.bench;

import java.util.Collection;
import java.util.Locale;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs {@link PipelineBenchmark} and {@link StatusPatchBenchmark} in one JMH run with the GC
 * profiler, prints ops/s and allocated bytes per op, and the cost of the dual-stack pipeline as a
 * share of one status PATCH round trip (goal: under 5%). Exit code 1 when the goal is missed.
 *
 * <p>Defaults: 1 fork, 3 warm-up and 5 measurement iterations of 2 s, 1 thread. Any JMH command
 * line option overrides them (e.g. {@code -f 2 -wi 5 -i 10}).
 */
public final class JmhMain {
  static final double GOAL = 0.05;

  private JmhMain() {}

  public static void main(String[] args) throws Exception {
    CommandLineOptions cl = new CommandLineOptions(args);
    ChainedOptionsBuilder b =
        new OptionsBuilder()
            .parent(cl)
            .include(PipelineBenchmark.class.getName())
            .include(StatusPatchBenchmark.class.getName())
            .jvmArgsAppend("-Xmx1g")
            .addProfiler(GCProfiler.class);
    // defaults, each unless given on the command line
    if (!cl.getForkCount().hasValue()) {
      b.forks(1);
    }
    if (!cl.getWarmupIterations().hasValue()) {
      b.warmupIterations(3);
    }
    if (!cl.getWarmupTime().hasValue()) {
      b.warmupTime(TimeValue.seconds(2));
    }
    if (!cl.getMeasurementIterations().hasValue()) {
      b.measurementIterations(5);
    }
    if (!cl.getMeasurementTime().hasValue()) {
      b.measurementTime(TimeValue.seconds(2));
    }
    if (!cl.getThreads().hasValue()) {
      b.threads(1);
    }
    System.exit(report(run(b)));
  }

  private static Collection<RunResult> run(ChainedOptionsBuilder b) throws RunnerException {
    return new Runner(b.build()).run();
  }

  static int report(Collection<RunResult> results) {
    double dualStack = Double.NaN;
    double patch = Double.NaN;
    System.out.println();
    System.out.printf(
        Locale.ROOT, "%-44s %14s %10s %14s%n", "benchmark", "ops/s", "± error", "B/op (gc)");
    for (RunResult r : results) {
      String name = r.getParams().getBenchmark();
      String shortName = name.substring(name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1);
      double score = r.getPrimaryResult().getScore();
      double error = r.getPrimaryResult().getScoreError();
      var alloc = r.getSecondaryResults().get("gc.alloc.rate.norm");
      System.out.printf(
          Locale.ROOT,
          "%-44s %14.1f %10.1f %14.0f%n",
          shortName,
          score,
          error,
          alloc == null ? Double.NaN : alloc.getScore());
      if (name.endsWith("PipelineBenchmark.dualStack")) {
        dualStack = score;
      } else if (name.endsWith("StatusPatchBenchmark.statusPatchRoundTrip")) {
        patch = score;
      }
    }
    double share = patch / dualStack;
    System.out.printf(
        Locale.ROOT,
        "%ndual-stack pipeline: %.1f µs/op; status PATCH round trip: %.1f µs/op;"
            + " pipeline = %.2f%% of the round trip (goal < %.0f%%): %s%n",
        1e6 / dualStack,
        1e6 / patch,
        share * 100,
        GOAL * 100,
        share < GOAL ? "met" : "NOT met");
    return share < GOAL ? 0 : 1;
  }
}
