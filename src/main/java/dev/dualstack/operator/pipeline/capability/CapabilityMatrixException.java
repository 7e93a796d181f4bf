package dev.dualstack.operator.pipeline.capability;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A capability matrix file that cannot be used: unreadable, not YAML, or not of the expected shape.
 * The message names the file, the line and the problem, one line per problem.
 */
public final class CapabilityMatrixException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** One problem at one line (1-based; 0 when the file could not be read at all). */
  public record Problem(int line, String message) {
    @Override
    public String toString() {
      return line > 0 ? "line " + line + ": " + message : message;
    }
  }

  private final String file;
  private final transient List<Problem> problems;

  public CapabilityMatrixException(String file, List<Problem> problems) {
    super(format(file, problems));
    this.file = file;
    this.problems = List.copyOf(problems);
  }

  public String file() {
    return file;
  }

  public List<Problem> problems() {
    return problems;
  }

  private static String format(String file, List<Problem> problems) {
    return "invalid capability matrix "
        + file
        + ":\n"
        + problems.stream()
            .map(p -> "  " + file + (p.line() > 0 ? ":" + p.line() : "") + ": " + p.message())
            .collect(Collectors.joining("\n"));
  }
}
