package dev.dualstack.operator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.jar.Attributes;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/**
 * Every command, given a bad option value, an unknown option or a missing parameter, prints one
 * line naming the problem and exits 64, never a stack trace; {@code --version} and {@code
 * completion}.
 */
class CommandLineContractTest {
  record Run(int code, String out, String err) {}

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = Main.commandLine();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    int code = cl.execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  static Stream<Arguments> badUsage() {
    return Stream.of(
        Arguments.of(new String[] {"local", "--timeout=abc", "x"}, "'abc' is not a duration"),
        Arguments.of(new String[] {"local", "--timeout=-5s", "x"}, "not a positive duration"),
        Arguments.of(
            new String[] {"run", "--log-format=xml"},
            "Invalid value for option '--log-format': expected one of [json, text]"),
        Arguments.of(
            new String[] {"run", "--lease-duration=abc"},
            "Invalid value for option '--lease-duration': 'abc' is not a duration"),
        Arguments.of(
            new String[] {"run", "--concurrency=abc"},
            "Invalid value for option '--concurrency': 'abc' is not an int"),
        Arguments.of(
            new String[] {"run", "--metrics-port=http"},
            "Invalid value for option '--metrics-port'"),
        Arguments.of(
            new String[] {"check", "--unknown-fields=maybe", "x"},
            "expected one of [error, warn, ignore]"),
        Arguments.of(new String[] {"check", "--bogus", "x"}, "Unknown option: '--bogus'"),
        Arguments.of(new String[] {"completion", "fish"}, "expected one of [bash, zsh]"),
        Arguments.of(new String[] {"completion"}, "Missing required parameter: 'SHELL'"),
        Arguments.of(new String[] {"local"}, "Missing required parameter: 'PATH'"),
        Arguments.of(new String[] {"nosuchcommand"}, "Unmatched argument"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void badUsage(String[] args, String message) {
    Run r = run(args);

    assertThat(r.code()).as(r.err()).isEqualTo(64);
    assertThat(r.out()).isEmpty();
    assertThat(r.err().lines()).singleElement().asString().contains(message).contains("--help");
    assertThat(r.err()).doesNotContain("\tat ").doesNotContain("Exception");
  }

  @Test
  void versionComesFromTheJarManifestWithTheCommit() {
    Manifest m = new Manifest();
    Attributes a = m.getMainAttributes();
    a.put(Attributes.Name.MANIFEST_VERSION, "1.0");
    a.put(Attributes.Name.MAIN_CLASS, Main.class.getName());
    a.put(Attributes.Name.IMPLEMENTATION_VERSION, "1.2.3");
    a.putValue("Git-Commit", "abc1234");

    assertThat(Main.Version.of(m)).isEqualTo("dualstack-operator 1.2.3 (commit abc1234)");
    a.remove(new Attributes.Name("Git-Commit"));
    assertThat(Main.Version.of(m)).isEqualTo("dualstack-operator 1.2.3");
    a.put(Attributes.Name.MAIN_CLASS, "some.other.Main");
    assertThat(Main.Version.of(m)).as("another jar's manifest").isNull();
  }

  @Test
  void versionOptionPrintsOneLine() {
    Run r = run("--version");

    assertThat(r.code()).isZero();
    assertThat(r.out().lines()).singleElement().asString().startsWith("dualstack-operator ");
  }

  @Test
  void completionScriptsForBashAndZsh() {
    Run bash = run("completion", "bash");
    Run zsh = run("completion", "zsh");

    assertThat(bash.code()).isZero();
    assertThat(bash.out())
        .contains("complete -F _complete_dualstack-operator")
        .contains("check")
        .contains("--unknown-fields");
    assertThat(zsh.code()).isZero();
    assertThat(zsh.out()).startsWith("autoload -U +X compinit").contains("bashcompinit");
    assertThat(zsh.out()).contains(bash.out());
  }
}
