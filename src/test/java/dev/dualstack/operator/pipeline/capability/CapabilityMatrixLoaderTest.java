package dev.dualstack.operator.pipeline.capability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dualstack.operator.api.ProviderBlock;
import dev.dualstack.operator.pipeline.capability.CapabilityMatrix.DualStackMode;
import dev.dualstack.operator.pipeline.capability.CapabilityMatrix.Support;
import dev.dualstack.operator.pipeline.capability.CapabilityMatrixException.Problem;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CapabilityMatrixLoaderTest {

  static String builtinText() throws IOException {
    try (InputStream in =
        CapabilityMatrixLoader.class.getClassLoader().getResourceAsStream("capabilities.yaml")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** 1-based line of the first line containing {@code needle} in {@code text}. */
  static int lineOf(String text, String needle) {
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].contains(needle)) {
        return i + 1;
      }
    }
    throw new AssertionError("not found: " + needle);
  }

  @Test
  void builtinHasEveryProviderAndTheSpecTable() {
    CapabilityMatrix m = CapabilityMatrixLoader.builtin();
    assertThat(m.providers().keySet()).containsExactlyInAnyOrderElementsOf(ProviderBlock.NAMES);
    assertThat(m.provider("openstack").dualStack()).isEqualTo(DualStackMode.DATACENTER_FLAG);
    assertThat(m.provider("vsphere").dualStack()).isEqualTo(DualStackMode.DATACENTER_FLAG);
    assertThat(m.provider("kubevirt").dualStack()).isEqualTo(DualStackMode.UNKNOWN);
    assertThat(m.provider("aws").dualStack()).isEqualTo(DualStackMode.ALWAYS);
    assertThat(m.provider("packet").operatingSystems().get("flatcar").support())
        .isEqualTo(Support.MINOR_ISSUE);
    assertThat(m.provider("gcp").operatingSystems().get("rhel").support())
        .isEqualTo(Support.UNTESTED);
    assertThat(m.provider("kubevirt").defaultNetworks().pods()).containsExactly("172.26.0.0/16");
    assertThat(m.cni().get("canal").defaultVersion()).isEqualTo("v3.31");
    assertThat(m.cni().get("cilium").defaultVersion()).isEqualTo("1.19.4");
    assertThat(m.operatingSystemNotes()).containsOnlyKeys("rhel", "rockylinux");
    assertThat(m.source()).isEqualTo("classpath:capabilities.yaml");
  }

  @Test
  void loadsAReplacementFileAndResolvesFlagThenEnvThenBuiltin(@TempDir Path dir)
      throws IOException {
    Path file = dir.resolve("caps.yaml");
    Files.writeString(file, builtinText().replace("displayName: AWS", "displayName: Amazon"));
    assertThat(CapabilityMatrixLoader.load(file).provider("aws").displayName()).isEqualTo("Amazon");
    assertThat(CapabilityMatrixLoader.resolve(file, Map.of()).source()).isEqualTo(file.toString());
    assertThat(
            CapabilityMatrixLoader.resolve(
                    null, Map.of(CapabilityMatrixLoader.ENV, file.toString()))
                .provider("aws")
                .displayName())
        .isEqualTo("Amazon");
    assertThat(CapabilityMatrixLoader.resolve(null, Map.of(CapabilityMatrixLoader.ENV, " ")))
        .isSameAs(CapabilityMatrixLoader.builtin());
    assertThat(CapabilityMatrixLoader.resolve(null, Map.of()))
        .isSameAs(CapabilityMatrixLoader.builtin());
  }

  @Test
  void missingFileNamesTheFile(@TempDir Path dir) {
    Path file = dir.resolve("absent.yaml");
    assertThatThrownBy(() -> CapabilityMatrixLoader.load(file))
        .isInstanceOf(CapabilityMatrixException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("cannot read");
  }

  /** A modifier of the built-in text, the line (marker) and a fragment of the problem. */
  static Stream<Arguments> badFiles() {
    return Stream.of(
        bad(
            "unknown key",
            t -> t.replace("    displayName: Azure", "    displayName: Azure\n    colour: blue"),
            "colour: blue",
            "unknown key \"colour\""),
        bad(
            "bad dualStack enum",
            t ->
                t.replace(
                    "dualStack: always\n    defaultProxyMode",
                    "dualStack: sometimes\n    defaultProxyMode"),
            "dualStack: sometimes",
            "invalid value \"sometimes\""),
        bad(
            "bad support enum",
            t -> t.replaceFirst("ubuntu: \\{support: supported\\}", "ubuntu: {support: mostly}"),
            "support: mostly",
            "allowed: supported, untested, minorIssue, any, unsupported"),
        bad(
            "missing provider",
            t ->
                t.replace(
                    "  anexia:\n    displayName: Anexia\n",
                    "  anexia2:\n    displayName: Anexia\n"),
            "anexia2:",
            "unknown provider \"anexia2\""),
        bad(
            "provider row missing",
            t ->
                t.replace(
                    "  anexia:\n    displayName: Anexia\n",
                    "  anexia2:\n    displayName: Anexia\n"),
            "providers:",
            "provider \"anexia\" is missing"),
        bad(
            "default version not in list",
            t -> t.replace("defaultVersion: v3.31", "defaultVersion: v3.99"),
            "defaultVersion: v3.99",
            "defaultVersion \"v3.99\" is not in versions"),
        bad(
            "missing required key",
            t -> t.replace("    displayName: Hetzner\n", ""),
            "  hetzner:",
            "required key \"displayName\" is missing in providers.hetzner"),
        bad(
            "unknown operating system",
            t ->
                t.replaceFirst(
                    "rockylinux: \\{support: supported\\}", "windows: {support: supported}"),
            "windows:",
            "unknown operating system \"windows\""),
        bad(
            "limitation code not CamelCase",
            t -> t.replace("code: NodeIPv6NotPublished", "code: node-ipv6"),
            "code: node-ipv6",
            "must be CamelCase"),
        bad(
            "limitation without message",
            t ->
                t.replace(
                    "      - code: LoadBalancerNeedsMetalLB\n        message: \"vSphere",
                    "      - code: LoadBalancerNeedsMetalLB\n        note: \"vSphere"),
            "note: \"vSphere",
            "unknown key \"note\""),
        bad(
            "bad default network",
            t -> t.replace("pods: [172.26.0.0/16]", "pods: [fd00::/48]"),
            "pods: [fd00::/48]",
            "must be a canonical IPv4 CIDR"),
        bad(
            "defaultCni not a cni key",
            t -> t.replace("defaultCni: canal", "defaultCni: flannel"),
            "defaultCni: flannel",
            "defaultCni \"flannel\" is not a key of cni"),
        bad(
            "minor issue without note",
            t ->
                t.replaceFirst(
                    "flatcar: \\{support: minorIssue, note: [^}]*\\}",
                    "flatcar: {support: minorIssue}"),
            "flatcar: {support: minorIssue}",
            "needs a note"),
        bad("not YAML", t -> t + "\n  - : [", "  - : [", "not valid YAML"));
  }

  static Arguments bad(String name, UnaryOperator<String> modify, String marker, String problem) {
    return Arguments.of(name, modify, marker, problem);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badFiles")
  void badFileFailsWithFileLineAndProblem(
      String name, UnaryOperator<String> modify, String marker, String problem, @TempDir Path dir)
      throws IOException {
    String text = modify.apply(builtinText());
    assertThat(text).as("modifier applies").isNotEqualTo(builtinText());
    Path file = dir.resolve("caps.yaml");
    Files.writeString(file, text);
    int line = lineOf(text, marker);
    assertThatThrownBy(() -> CapabilityMatrixLoader.load(file))
        .isInstanceOfSatisfying(
            CapabilityMatrixException.class,
            e -> {
              assertThat(e.file()).isEqualTo(file.toString());
              assertThat(e.problems())
                  .anySatisfy(
                      p -> {
                        assertThat(p.message()).contains(problem);
                        assertThat(p.line()).isEqualTo(line);
                      });
              Problem first = e.problems().get(0);
              assertThat(e.getMessage()).contains(file + ":" + first.line() + ": ");
            });
  }

  @Test
  void emptyFileIsRefused() {
    assertThatThrownBy(() -> CapabilityMatrixLoader.read("", "empty.yaml"))
        .isInstanceOf(CapabilityMatrixException.class)
        .hasMessageContaining("empty.yaml");
  }
}
