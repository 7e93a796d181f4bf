package dev.dualstack.operator.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code check}: evaluates Cluster manifests offline (SPEC §6). */
@Command(
    name = "check",
    mixinStandardHelpOptions = true,
    description = "Check Cluster manifests offline.")
public final class CheckCommand implements Callable<Integer> {
  @Option(
      names = {"-o", "--output"},
      defaultValue = "text",
      description = "json, yaml or text.")
  String output;

  @Option(
      names = "--capabilities",
      description = "Capability matrix file replacing the built-in one.")
  Path capabilities;

  @Parameters(arity = "1..*", paramLabel = "PATH", description = "YAML files or directories.")
  List<Path> paths;

  @Override
  public Integer call() {
    return 2;
  }
}
