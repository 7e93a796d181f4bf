package dev.dualstack.operator;

import dev.dualstack.operator.cli.CheckCommand;
import dev.dualstack.operator.cli.CompletionCommand;
import dev.dualstack.operator.cli.Exits;
import dev.dualstack.operator.cli.LocalCommand;
import dev.dualstack.operator.cli.RunCommand;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import java.util.jar.Attributes;
import java.util.jar.Manifest;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point: subcommands {@code run}, {@code check}, {@code local}, {@code completion}. */
@Command(
    name = "dualstack-operator",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = "Owns the dual-stack (IPv4+IPv6) network configuration of managed user clusters.",
    exitCodeListHeading = "Exit codes:%n",
    exitCodeList = {
      "0:success",
      "1:some object is not valid (check, local)",
      "2:unreadable input, or no Cluster in it",
      "3:internal error",
      "64:usage error (unknown option, bad option value)"
    })
public final class Main implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /**
   * The subcommands, in the order the usage lists them; made on demand: building one means
   * reflecting over its class, which loads what its signatures name (the {@code run} command's
   * fabric8 client, JOSDK, logback's initialisation), none of which {@code check} needs.
   */
  private static final Map<String, Supplier<Object>> SUBCOMMANDS = new LinkedHashMap<>();

  static {
    SUBCOMMANDS.put("run", RunCommand::new);
    SUBCOMMANDS.put("check", CheckCommand::new);
    SUBCOMMANDS.put("local", LocalCommand::new);
    SUBCOMMANDS.put("completion", CompletionCommand::new);
  }

  public static void main(String[] args) {
    // The JDK's HttpServer (admission webhook, health, metrics) writes headers and body in separate
    // packets; without TCP_NODELAY every answer waits ~40 ms for a delayed ACK (measured with
    // WebhookLatencyHarness: p50 44 ms -> 0.33 ms). Read once, before the first server is made.
    System.setProperty("sun.net.httpserver.nodelay", "true");
    if (args.length > 0 && "check".equals(args[0])) {
      // check logs nothing (what it finds is its output), but fabric8's CustomResource has a static
      // slf4j Logger, whose first use would set logback up (its XML configuration, ~500 classes,
      // 0.1-0.3 s of a start). slf4j's no-operation provider instead, unless one is chosen.
      if (System.getProperty("slf4j.provider") == null) {
        System.setProperty("slf4j.provider", "org.slf4j.helpers.NOP_FallbackServiceProvider");
        System.setProperty("slf4j.internal.verbosity", "WARN");
      }
    }
    System.exit(execute(args));
  }

  /**
   * Runs the command line and returns the exit code. When the first argument names a subcommand
   * other than {@code completion} (which describes the whole tree), only that subcommand is built.
   */
  public static int execute(String... args) {
    String first = args.length == 0 ? "" : args[0];
    if (SUBCOMMANDS.containsKey(first) && !"completion".equals(first)) {
      return commandLine(first).execute(args);
    }
    return commandLine().execute(args);
  }

  /** The command line with every subcommand and its exit-code handling. */
  public static CommandLine commandLine() {
    return commandLine(SUBCOMMANDS.keySet().toArray(String[]::new));
  }

  private static CommandLine commandLine(String... subcommands) {
    CommandLine cl = new CommandLine(new Main());
    for (String name : subcommands) {
      cl.addSubcommand(name, SUBCOMMANDS.get(name).get());
    }
    return Exits.install(cl);
  }

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  /** Version from the jar manifest: the pom's version and the git commit it was built from. */
  public static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() throws Exception {
      var urls = Main.class.getClassLoader().getResources("META-INF/MANIFEST.MF");
      while (urls.hasMoreElements()) {
        try (var in = urls.nextElement().openStream()) {
          String v = of(new Manifest(in));
          if (v != null) {
            return new String[] {v};
          }
        }
      }
      return new String[] {"dualstack-operator dev (not built as a jar)"};
    }

    /** The version line of our manifest, or null when the manifest is another jar's. */
    static String of(Manifest manifest) {
      Attributes a = manifest.getMainAttributes();
      if (!Main.class.getName().equals(a.getValue("Main-Class"))) {
        return null;
      }
      String version = a.getValue("Implementation-Version");
      String commit = a.getValue("Git-Commit");
      return "dualstack-operator "
          + (version == null ? "dev" : version)
          + (commit == null || commit.isBlank() || commit.startsWith("$")
              ? ""
              : " (commit " + commit + ")");
    }
  }
}
