package dev.dualstack.operator.deploy;

import dev.dualstack.operator.cli.RunCommand;
import java.lang.reflect.Field;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * The command-line contract of {@code dualstack-operator run}, read from {@link RunCommand}'s
 * {@code @Option} annotations: every environment variable named in a {@code defaultValue} like
 * {@code ${env:DUALSTACK_NAMESPACE:-dualstack-system}} and the flag it feeds.
 */
final class RunCommandContract {
  private static final Pattern ENV = Pattern.compile("\\$\\{env:([A-Z0-9_]+)(?::-[^}]*)?}");

  private RunCommandContract() {}

  /** Environment variable → the option's longest flag name, e.g. {@code --namespace}. */
  static Map<String, String> envToFlag() {
    Map<String, String> out = new LinkedHashMap<>();
    for (Field f : RunCommand.class.getDeclaredFields()) {
      Option o = f.getAnnotation(Option.class);
      if (o == null) {
        continue;
      }
      Matcher m = ENV.matcher(o.defaultValue());
      if (m.matches()) {
        String flag = o.names()[0];
        for (String n : o.names()) {
          flag = n.length() > flag.length() ? n : flag;
        }
        out.put(m.group(1), flag);
      }
    }
    return out;
  }

  /**
   * Parses {@code args} as picocli would at start-up and returns the command; throws picocli's
   * ParameterException for an unknown flag or a value of the wrong type.
   */
  static RunCommand parse(String... args) {
    RunCommand cmd = new RunCommand();
    new CommandLine(cmd).parseArgs(args);
    return cmd;
  }
}
