package dev.dualstack.operator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.resolver.Resolver;

/** The lean resolver gives SnakeYAML's tags, and skips the patterns for CIDRs, IPs, versions. */
class LeanResolverTest {
  private static final Resolver SNAKEYAML = new Resolver();
  private static final BoundedYaml.LeanResolver LEAN = new BoundedYaml.LeanResolver();

  @ParameterizedTest
  @ValueSource(
      strings = {
        "10.0.0.0/16",
        "8.8.8.8",
        "1.19.4",
        "1.33",
        "1.5e3",
        ".5",
        "-.5",
        "+1.",
        "1..2",
        "..",
        ".",
        "-",
        "+",
        "1/2",
        "0x1F",
        "0o17",
        "017",
        "0b101",
        "1_000",
        "1:30",
        "1:30.5",
        "190:20:30.15",
        "2001-12-14",
        "2001-12-14t21:59:43.10-05:00",
        "2001-12-14 21:59:43.10 -5",
        ".inf",
        "-.Inf",
        ".NaN",
        "24",
        "-0",
        "yes",
        "off",
        "null",
        "~",
        "",
        "<<",
        "=",
        "*",
        "cilium",
        "fd01::/48",
        "1.2.3.4/32.5",
        "false",
        "FALSE",
        "False",
        "falsey",
        "NULL",
        "Nulls",
        "network",
        "nodeCidrMaskSizeIPv4",
        "openstack-fra",
        "offset",
        "true",
        "trueish",
        "yes",
        "no",
        "On",
        "n",
        "y",
        "Y"
      })
  void sameTagsAsSnakeYaml(String value) {
    sameTag(value, true);
    sameTag(value, false);
  }

  private static void sameTag(String value, boolean implicit) {
    assertThat(LEAN.resolve(NodeId.scalar, value, implicit))
        .as("%s (implicit %s)", value, implicit)
        .isEqualTo(SNAKEYAML.resolve(NodeId.scalar, value, implicit));
  }

  /** Every word of 1 to 7 letters from the first letters of bool and null words, seeded. */
  @org.junit.jupiter.api.Test
  void sameTagsAsSnakeYamlOnRandomWords() {
    java.util.Random random = new java.util.Random(14);
    String letters = "yYnNtTfFoOeEsSuUlLrRaA";
    for (int i = 0; i < 20_000; i++) {
      StringBuilder sb = new StringBuilder();
      int length = 1 + random.nextInt(7);
      for (int c = 0; c < length; c++) {
        sb.append(letters.charAt(random.nextInt(letters.length())));
      }
      sameTag(sb.toString(), true);
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "10.0.0.0/16",
        "8.8.8.8",
        "1.19.4",
        "172.16.0.0/26",
        "100.100.0.0/16",
        "network",
        "operatingSystems"
      })
  void cidrsIpsVersionsAndNamesSkipThePatterns(String value) {
    assertThat(BoundedYaml.LeanResolver.onlyString(value)).isTrue();
  }
}
