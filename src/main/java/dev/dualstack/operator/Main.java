package dev.dualstack.operator;

import dev.dualstack.operator.cli.CheckCommand;
import dev.dualstack.operator.cli.LocalCommand;
import dev.dualstack.operator.cli.RunCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point: subcommands {@code run}, {@code check} and {@code local}. Wiring only. */
@Command(
    name = "dualstack-operator",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = "Owns the dual-stack (IPv4+IPv6) network configuration of managed user clusters.",
    subcommands = {RunCommand.class, CheckCommand.class, LocalCommand.class})
public final class Main implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(execute(args));
  }

  /** Runs the command line and returns the exit code. */
  public static int execute(String... args) {
    return new CommandLine(new Main()).execute(args);
  }

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  /** Version from the jar manifest. */
  public static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = Main.class.getPackage().getImplementationVersion();
      return new String[] {"dualstack-operator " + (v == null ? "dev" : v)};
    }
  }
}
