package dev.dualstack.operator.cli;

import dev.dualstack.operator.cli.CapabilityFileReader.UnreadableException;
import dev.dualstack.operator.cli.CheckRunner.Summary;
import dev.dualstack.operator.cli.CheckRunner.UnknownFields;
import dev.dualstack.operator.cli.ManifestReader.Problem;
import dev.dualstack.operator.pipeline.Pipeline;
import dev.dualstack.operator.pipeline.capability.CapabilityMatrix;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code check}: predicts what {@code kubectl apply} and the operator will say about manifests,
 * offline ({@link CheckRunner} evaluates, {@link CheckOutput} writes). Results go to stdout when
 * the run is over (held until then, {@link HeldOutput}: a problem found at the end means nothing
 * was checked); notes are part of every output format (and, for json/yaml, on stderr too); problems
 * go to stderr.
 *
 * <p>Exit codes: {@value #VALID} at least one Cluster and all valid; {@value #NOT_VALID} some
 * object is invalid or unsupported (or Pending); {@value #UNREADABLE} unreadable input or no
 * Cluster in it (nothing on stdout); {@value #INTERNAL_ERROR} a bug; {@value Exits#USAGE} a usage
 * error (one line on stderr).
 */
@Command(
    name = "check",
    mixinStandardHelpOptions = true,
    description = {
      "Check Cluster manifests offline: what kubectl apply (the CRD schema, its CEL rules, strict"
          + " field validation) and the operator will say.",
      "Reads dualstack.dev/v1 Cluster and Datacenter, kubermatic.k8c.io/v1 Cluster and Seed"
          + " (spec.datacenters), and List/*List output of kubectl get -o yaml|json, e.g.:",
      "  kubectl get clusters.kubermatic.k8c.io,seeds -A -o yaml | dualstack-operator check -"
    },
    footerHeading = "%nLimits (hostile input ends in exit 2, never in an OutOfMemoryError):%n",
    footer = {
      "  16 MiB per file or stream (also pipes, devices and stdin), UTF-8 only, lines and values"
          + " of at most 1 MiB,",
      "  100,000 objects (YAML documents and list items) per run, 200,000 YAML nodes per document"
          + " or list item (also after alias expansion),",
      "  50 aliases of collections, nesting depth 64."
    },
    exitCodeListHeading = "Exit codes:%n",
    exitCodeList = {
      "0:at least one Cluster, and every Cluster is valid (phase Ready)",
      "1:some Cluster is not valid (Invalid, Unsupported or Pending), or a Datacenter is refused",
      "2:unreadable input, or no Cluster in it (the message says which)",
      "3:internal error (a bug; please report it)",
      "64:usage error (unknown option, bad option value)"
    })
public final class CheckCommand implements Callable<Integer> {
  static final int VALID = 0;
  static final int NOT_VALID = 1;
  static final int UNREADABLE = 2;
  static final int INTERNAL_ERROR = 3;

  @Spec CommandSpec spec;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FORMAT",
      defaultValue = "text",
      description = "${COMPLETION-CANDIDATES}; default ${DEFAULT-VALUE}.")
  Format output;

  @Option(
      names = "--unknown-fields",
      paramLabel = "MODE",
      defaultValue = "error",
      description =
          "Unknown fields (kubectl apply --validate=strict refuses them): ${COMPLETION-CANDIDATES};"
              + " default ${DEFAULT-VALUE}. KKP objects' unmodelled fields are always ignored.")
  UnknownFields unknownFields;

  @Option(
      names = "--capabilities",
      paramLabel = "FILE",
      description = "Capability matrix file replacing the built-in one.")
  Path capabilities;

  @Parameters(
      arity = "0..*",
      paramLabel = "PATH",
      description =
          "YAML/JSON files or directories (their *.yaml/*.yml files); - or none (when stdin is"
              + " not a terminal) reads standard input.")
  List<Path> paths = new ArrayList<>();

  /** Output formats. */
  enum Format {
    json,
    yaml,
    text
  }

  @Override
  public Integer call() throws IOException {
    if (paths.isEmpty()) {
      if (Terminal.stdinIsTerminal()) {
        throw new ParameterException(
            spec.commandLine(), "no PATH given (use - to read standard input)");
      }
      paths = List.of(Path.of("-"));
    }
    HeldOutput held =
        new HeldOutput(System.out, HeldOutput.limitFor(Runtime.getRuntime().maxMemory()));
    PrintWriter out =
        new PrintWriter(new BufferedWriter(new OutputStreamWriter(held, StandardCharsets.UTF_8)));
    PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8));
    try {
      CapabilityMatrix matrix;
      try {
        matrix = CapabilityFileReader.resolve(capabilities);
      } catch (UnreadableException e) {
        e.problems().forEach(p -> err.println("error: " + p));
        return UNREADABLE;
      }
      Results results = new Results(output.name(), out, held);
      Summary summary =
          new CheckRunner(new Pipeline(matrix), Clock.systemUTC(), unknownFields)
              .run(paths, results);
      if (!summary.readable()) {
        summary.notes().forEach(n -> err.println("note: " + n));
        for (Problem p : summary.problems()) {
          err.println("error: " + p);
        }
        err.println(
            "check: "
                + summary.problems().size()
                + (summary.problems().size() == 1 ? " problem" : " problems")
                + " in the input; nothing was checked");
        return UNREADABLE;
      }
      if (summary.clusters() == 0) {
        summary.notes().forEach(n -> err.println("note: " + n));
        err.println("check: no Cluster found in " + describe(paths) + "; nothing was checked");
        return UNREADABLE;
      }
      if (output != Format.text) {
        summary.notes().forEach(n -> err.println("note: " + n));
      }
      results.writer.end(summary);
      out.flush();
      held.commit();
      return summary.allValid() ? VALID : NOT_VALID;
    } finally {
      out.flush();
      err.flush();
    }
  }

  /** The results in the chosen format, held until the run is over ({@link HeldOutput}). */
  private static final class Results implements CheckRunner.Sink {
    private final String format;
    private final PrintWriter out;
    private final HeldOutput held;
    CheckOutput.Writer writer;

    Results(String format, PrintWriter out, HeldOutput held) throws IOException {
      this.format = format;
      this.out = out;
      this.held = held;
      this.writer = CheckOutput.writer(format, out);
    }

    @Override
    public void accept(CheckRunner.ClusterCheck check) throws IOException {
      writer.accept(check);
    }

    @Override
    public void restart() throws IOException {
      out.flush();
      held.discard();
      writer = CheckOutput.writer(format, out);
    }

    @Override
    public boolean holding() {
      out.flush();
      return !held.dropped();
    }
  }

  private static String describe(List<Path> paths) {
    List<String> names = new ArrayList<>();
    for (Path p : paths) {
      String n = p.toString().equals("-") ? "standard input" : p.toString();
      names.add(Files.isDirectory(p) ? n + " (directory)" : n);
    }
    return String.join(", ", names);
  }
}
