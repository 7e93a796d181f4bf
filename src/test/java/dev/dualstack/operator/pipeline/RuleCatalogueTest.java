package dev.dualstack.operator.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dualstack.operator.pipeline.field.Rule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * docs/validation-rules.md and the {@link Rule} enum agree: every constant has a catalogue row,
 * every row is a constant, every constant is used by some code in src/main/java, and no rule id is
 * written as a string literal there. All families (CAP included) are treated alike.
 */
class RuleCatalogueTest {
  private static final Pattern LITERAL = Pattern.compile("\"([A-Z]{2,4}-[0-9]{3})\"");
  private static final Pattern CONSTANT = Pattern.compile("\\b([A-Z]{2,4}_[0-9]{3})\\b");
  private static final Pattern ROW = Pattern.compile("(?m)^\\|\\s*([A-Z]{2,4}-[0-9]{3})\\s*\\|");
  private static final Path SOURCES = Path.of("src/main/java");
  private static final Path ENUM =
      SOURCES.resolve("dev/dualstack/operator/pipeline/field/Rule.java");
  private static final Path CATALOGUE = Path.of("docs/validation-rules.md");

  private static final Set<String> RULES =
      Arrays.stream(Rule.values()).map(Rule::id).collect(Collectors.toCollection(TreeSet::new));

  private static TreeMap<String, Path> used;
  private static TreeMap<String, Path> literals;
  private static Set<String> catalogued;

  @BeforeAll
  static void scan() throws IOException {
    used = new TreeMap<>();
    literals = new TreeMap<>();
    try (Stream<Path> files = Files.walk(SOURCES)) {
      files
          .filter(p -> p.toString().endsWith(".java") && !p.equals(ENUM))
          .forEach(
              p -> {
                String text = read(p);
                Matcher m = CONSTANT.matcher(text);
                while (m.find()) {
                  used.putIfAbsent(m.group(1).replace('_', '-'), p);
                }
                Matcher l = LITERAL.matcher(text);
                while (l.find()) {
                  literals.putIfAbsent(l.group(1), p);
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
  void everyRuleIsCatalogued() {
    assertThat(RULES).isNotEmpty();
    Set<String> missing = new TreeSet<>(RULES);
    missing.removeAll(catalogued);
    assertThat(missing).as("Rule constants without a row in %s", CATALOGUE).isEmpty();
  }

  @Test
  void everyCataloguedRuleIsARule() {
    assertThat(catalogued).isNotEmpty();
    Set<String> unknown = new TreeSet<>(catalogued);
    unknown.removeAll(RULES);
    assertThat(unknown).as("rows of %s that are no Rule constant", CATALOGUE).isEmpty();
  }

  @Test
  void everyRuleIsUsedInCode() {
    Set<String> unused = new TreeSet<>(RULES);
    unused.removeAll(used.keySet());
    assertThat(unused).as("Rule constants no code in src/main/java uses").isEmpty();
  }

  @Test
  void ruleIdsAreNotWrittenAsStrings() {
    assertThat(literals).as("rule ids as string literals in src/main/java: use Rule").isEmpty();
  }

  private static String read(Path p) {
    try {
      return Files.readString(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
