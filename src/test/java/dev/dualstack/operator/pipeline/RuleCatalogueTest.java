package dev.dualstack.operator.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * docs/validation-rules.md and the code agree: every rule id used as a string literal in
 * src/main/java has a catalogue row, and every catalogue row is used somewhere. All prefixes (CAP-
 * included) are treated alike.
 */
class RuleCatalogueTest {
  private static final Pattern LITERAL = Pattern.compile("\"([A-Z]{2,4}-[0-9]{3})\"");
  private static final Pattern ROW = Pattern.compile("(?m)^\\|\\s*([A-Z]{2,4}-[0-9]{3})\\s*\\|");
  private static final Path SOURCES = Path.of("src/main/java");
  private static final Path CATALOGUE = Path.of("docs/validation-rules.md");

  private static TreeMap<String, Path> used;
  private static Set<String> catalogued;

  @BeforeAll
  static void scan() throws IOException {
    used = new TreeMap<>();
    try (Stream<Path> files = Files.walk(SOURCES)) {
      files
          .filter(p -> p.toString().endsWith(".java"))
          .forEach(
              p -> {
                Matcher m = LITERAL.matcher(read(p));
                while (m.find()) {
                  used.putIfAbsent(m.group(1), p);
                }
              });
    }
    catalogued = new TreeSet<>();
    Matcher m = ROW.matcher(read(CATALOGUE));
    while (m.find()) {
      assertThat(catalogued.add(m.group(1))).as("rule %s is catalogued twice", m.group(1)).isTrue();
    }
  }

  @Test
  void everyRuleUsedInCodeIsCatalogued() {
    assertThat(used).isNotEmpty();
    Set<String> missing = new TreeSet<>(used.keySet());
    missing.removeAll(catalogued);
    assertThat(missing)
        .as("rule ids used in src/main/java without a row in %s (first use: %s)", CATALOGUE, used)
        .isEmpty();
  }

  @Test
  void everyCataloguedRuleIsUsedInCode() {
    assertThat(catalogued).isNotEmpty();
    Set<String> unused = new TreeSet<>(catalogued);
    unused.removeAll(used.keySet());
    assertThat(unused).as("rows of %s whose id no code in src/main/java uses", CATALOGUE).isEmpty();
  }

  private static String read(Path p) {
    try {
      return Files.readString(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
