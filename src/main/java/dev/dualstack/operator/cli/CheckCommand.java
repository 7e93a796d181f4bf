package dev.dualstack.operator.cli;

import dev.dualstack.operator.cli.CapabilityFileReader.UnreadableException;
import dev.dualstack.operator.cli.ManifestReader.Manifests;
import dev.dualstack.operator.cli.ManifestReader.Problem;
import dev.dualstack.operator.pipeline.Pipeline;
import dev.dualstack.operator.pipeline.capability.CapabilityMatrix;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code check}: evaluates Cluster manifests offline (SPEC §6) and prints one result per Cluster
 * ({@link CheckOutput} describes the formats) on stdout; notes (skipped documents, unknown fields)
 * and problems go to stderr.
 *
 * <p>Exit codes: {@value #VALID} every Cluster is Ready; {@value #NOT_VALID} at least one is
 * Invalid, Unsupported or Pending; {@value #UNREADABLE} the input is unreadable. Unreadable means:
 * a path that does not exist, a file that is not UTF-8 or holds a NUL, malformed YAML, a YAML limit
 * exceeded (aliases, depth, size, documents), or a Cluster/Datacenter document that does not map
 * onto the API (a field of the wrong type, an out-of-range number, no name). Such a document could
 * not even be stored by the API server, so there is no pipeline result for it; every problem is
 * printed as {@code file:line:column: Kind name: field: message} and nothing is printed on stdout.
 * {@value #INTERNAL_ERROR} is a bug in the operator (stack trace on stderr).
 */
@Command(
    name = "check",
    mixinStandardHelpOptions = true,
    description = "Check Cluster manifests offline.",
    exitCodeListHeading = "Exit codes:%n",
    exitCodeList = {
      "0:every Cluster is valid (phase Ready)",
      "1:some Cluster is not valid (Invalid, Unsupported or Pending)",
      "2:unreadable input (the message names file and line)",
      "3:internal error (a bug; the stack trace is on stderr)"
    })
public final class CheckCommand implements Callable<Integer> {
  static final int VALID = 0;
  static final int NOT_VALID = 1;
  static final int UNREADABLE = 2;
  static final int INTERNAL_ERROR = 3;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FORMAT",
      defaultValue = "text",
      description = "json, yaml or text (default).")
  Format output;

  @Option(
      names = "--capabilities",
      paramLabel = "FILE",
      description = "Capability matrix file replacing the built-in one.")
  Path capabilities;

  @Parameters(arity = "1..*", paramLabel = "PATH", description = "YAML files or directories.")
  List<Path> paths;

  /** Output formats. */
  enum Format {
    json,
    yaml,
    text
  }

  @Override
  public Integer call() throws IOException {
    PrintWriter out = utf8(System.out);
    PrintWriter err = utf8(System.err);
    try {
      CapabilityMatrix matrix;
      try {
        matrix = CapabilityFileReader.resolve(capabilities);
      } catch (UnreadableException e) {
        e.problems().forEach(p -> err.println("error: " + p));
        return UNREADABLE;
      }
      Manifests manifests = ManifestReader.read(paths);
      manifests.notes().forEach(n -> err.println("note: " + n));
      if (!manifests.readable()) {
        for (Problem p : manifests.problems()) {
          err.println("error: " + p);
        }
        err.println(
            "check: "
                + manifests.problems().size()
                + (manifests.problems().size() == 1 ? " problem" : " problems")
                + " in the input; nothing was checked");
        return UNREADABLE;
      }
      CheckRunner.Report report =
          new CheckRunner(new Pipeline(matrix), Clock.systemUTC()).run(manifests);
      report.notes().forEach(n -> err.println("note: " + n));
      out.print(CheckOutput.render(report, output.name()));
      return report.allValid() ? VALID : NOT_VALID;
    } catch (RuntimeException e) {
      err.println("check: internal error, please report it: " + e);
      e.printStackTrace(err);
      return INTERNAL_ERROR;
    } finally {
      out.flush();
      err.flush();
    }
  }

  private static PrintWriter utf8(java.io.PrintStream stream) {
    return new PrintWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8));
  }
}
