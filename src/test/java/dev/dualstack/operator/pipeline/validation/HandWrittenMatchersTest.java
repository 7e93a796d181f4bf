package dev.dualstack.operator.pipeline.validation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dualstack.operator.api.ClusterSpec;
import dev.dualstack.operator.pipeline.field.Errors;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The DNS-1123 name checks and the node-port range parser are written by hand (they run on every
 * evaluation); they must accept exactly what the regular expressions they replaced accept.
 */
class HandWrittenMatchersTest {
  private static final String LABEL_FMT = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
  private static final Pattern LABEL = Pattern.compile(LABEL_FMT);
  private static final Pattern SUBDOMAIN = Pattern.compile(LABEL_FMT + "(\\." + LABEL_FMT + ")*");
  private static final Pattern PORT_RANGE = Pattern.compile("([0-9]{1,5})-([0-9]{1,5})");
  private static final String ALPHABET = "ab-.0Z9_ ";

  @Test
  void namesAreJudgedAsTheRegexJudgesThem() {
    Random r = new Random(1123);
    int labels = 0;
    int subdomains = 0;
    for (int n = 0; n < 200_000; n++) {
      String s = random(r, ALPHABET, 12);
      boolean label = LABEL.matcher(s).matches();
      boolean subdomain = SUBDOMAIN.matcher(s).matches();
      assertThat(Dns1123.notLabel(s).isEmpty()).as("label %s", s).isEqualTo(label);
      assertThat(Dns1123.notSubdomain(s).isEmpty()).as("subdomain %s", s).isEqualTo(subdomain);
      labels += label ? 1 : 0;
      subdomains += subdomain ? 1 : 0;
    }
    // both answers occur often enough for the comparison to mean something
    assertThat(labels).isGreaterThan(1_000);
    assertThat(subdomains).isGreaterThan(labels);
  }

  @Test
  void edgeNamesAsTheRegex() {
    for (String s : new String[] {"", "-", "a", "a-", "-a", "a.b", "a..b", ".a", "a.", "a-b.c-d"}) {
      assertThat(Dns1123.notLabel(s).isEmpty()).as(s).isEqualTo(LABEL.matcher(s).matches());
      assertThat(Dns1123.notSubdomain(s).isEmpty()).as(s).isEqualTo(SUBDOMAIN.matcher(s).matches());
    }
  }

  @Test
  void portRangesAreParsedAsTheRegexParsedThem() {
    Random r = new Random(30000);
    int valid = 0;
    for (int n = 0; n < 100_000; n++) {
      String s = random(r, "0123456789--x", 13);
      var m = PORT_RANGE.matcher(s);
      boolean expected =
          m.matches()
              && Integer.parseInt(m.group(1)) >= 1
              && Integer.parseInt(m.group(2)) <= 65535
              && Integer.parseInt(m.group(1)) <= Integer.parseInt(m.group(2));
      assertThat(nodePortRangeAccepted(s)).as(s).isEqualTo(expected);
      valid += expected ? 1 : 0;
    }
    assertThat(valid).isGreaterThan(100);
  }

  private static boolean nodePortRangeAccepted(String range) {
    ClusterSpec spec =
        dev.dualstack.operator.reconciler.Fixtures.yaml(
            ClusterSpec.class,
            "componentsOverride: {apiserver: {nodePortRange: \"" + range + "\"}}");
    Errors errors = new Errors();
    ExposeRules.nodePortRange(spec, errors);
    return errors.toList().isEmpty();
  }

  private static String random(Random r, String alphabet, int maxLength) {
    int length = r.nextInt(maxLength + 1);
    StringBuilder b = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      b.append(alphabet.charAt(r.nextInt(alphabet.length())));
    }
    return b.toString();
  }
}
