package dev.dualstack.operator.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code local}: the embedded demo (SPEC §6). */
@Command(
    name = "local",
    mixinStandardHelpOptions = true,
    description = "Run the operator on an in-process API server.")
public final class LocalCommand implements Callable<Integer> {
  @Option(names = "--watch", description = "Keep running and re-apply changed files.")
  boolean watch;

  @Parameters(arity = "1..*", paramLabel = "PATH", description = "YAML files or directories.")
  List<Path> paths;

  @Override
  public Integer call() {
    return 2;
  }
}
