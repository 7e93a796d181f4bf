package dev.dualstack.operator.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * How every command ends on bad input: a usage error (unknown option, bad option value, missing
 * parameter) is one line on stderr and exit {@value #USAGE}, never a stack trace or the whole usage
 * text; an unexpected exception is one line and exit {@value #INTERNAL} (the stack trace only with
 * {@code DUALSTACK_DEBUG=1}).
 */
public final class Exits {
  /** BSD sysexits EX_USAGE. */
  public static final int USAGE = 64;

  public static final int INTERNAL = 3;

  private Exits() {}

  /** Installs the handlers on a command line (and its subcommands). */
  public static CommandLine install(CommandLine cl) {
    cl.setParameterExceptionHandler(Exits::usage);
    cl.setExecutionExceptionHandler(
        (e, commandLine, parsed) -> {
          if (e instanceof ParameterException p) {
            return usage(p, new String[0]);
          }
          PrintWriter err = commandLine.getErr();
          err.println(
              commandLine.getCommandName()
                  + ": internal error, please report it: "
                  + e.getClass().getName()
                  + (e.getMessage() == null ? "" : ": " + oneLine(e.getMessage()))
                  + at(e));
          if ("1".equals(System.getenv("DUALSTACK_DEBUG"))) {
            e.printStackTrace(err);
          }
          err.flush();
          return INTERNAL;
        });
    return cl;
  }

  private static int usage(ParameterException e, String[] args) {
    CommandLine cl = e.getCommandLine();
    PrintWriter err = cl.getErr();
    err.println(
        qualifiedName(cl)
            + ": "
            + oneLine(e.getMessage())
            + " (see '"
            + qualifiedName(cl)
            + " --help')");
    err.flush();
    return USAGE;
  }

  private static String qualifiedName(CommandLine cl) {
    StringBuilder sb = new StringBuilder(cl.getCommandName());
    for (CommandLine p = cl.getParent(); p != null; p = p.getParent()) {
      sb.insert(0, p.getCommandName() + " ");
    }
    return sb.toString();
  }

  private static String at(Throwable e) {
    StackTraceElement[] trace = e.getStackTrace();
    return trace.length == 0 ? "" : " (at " + trace[0] + ")";
  }

  static String oneLine(String s) {
    return s == null ? "" : s.strip().replaceAll("\\s*\\n\\s*", " ");
  }
}
