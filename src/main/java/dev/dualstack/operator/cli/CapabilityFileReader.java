package dev.dualstack.operator.cli;

import dev.dualstack.operator.cli.ManifestReader.Problem;
import dev.dualstack.operator.pipeline.capability.CapabilityMatrix;
import dev.dualstack.operator.pipeline.capability.CapabilityMatrixException;
import dev.dualstack.operator.pipeline.capability.CapabilityMatrixLoader;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code --capabilities FILE} for the subcommands: {@link CapabilityMatrixLoader#load} with its
 * problems as command-line {@link Problem}s ({@code file:line: message}), one line each.
 */
final class CapabilityFileReader {
  private CapabilityFileReader() {}

  /** Thrown with every problem of the file; the message has one {@code file:line: ...} per line. */
  static final class UnreadableException extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient List<Problem> problems;

    UnreadableException(List<Problem> problems) {
      super(
          String.join("\n", problems.stream().map(Problem::toString).toList()), null, false, false);
      this.problems = List.copyOf(problems);
    }

    List<Problem> problems() {
      return problems;
    }

    /** The first problem. */
    Problem problem() {
      return problems.get(0);
    }
  }

  /** The built-in matrix when {@code file} is null, else the file's. */
  static CapabilityMatrix resolve(Path file) throws UnreadableException {
    return file == null ? CapabilityMatrixLoader.builtin() : read(file);
  }

  static CapabilityMatrix read(Path file) throws UnreadableException {
    try {
      return CapabilityMatrixLoader.load(file);
    } catch (CapabilityMatrixException e) {
      List<Problem> problems =
          e.problems().stream().map(p -> new Problem(file, p.line(), 0, p.message())).toList();
      throw new UnreadableException(
          problems.isEmpty() ? List.of(new Problem(file, 0, 0, e.getMessage())) : problems);
    }
  }
}
