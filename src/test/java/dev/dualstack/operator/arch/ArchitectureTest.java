package dev.dualstack.operator.arch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The package map of docs/architecture.md as a test, by scanning the sources for the names they use
 * (imports and fully qualified names): the pipeline stays pure, the API stays at the bottom, and no
 * packages form a cycle.
 */
class ArchitectureTest {
  private static final String ROOT = "dev.dualstack.operator";
  private static final Path SOURCES = Path.of("src/main/java");
  private static final Pattern PACKAGE = Pattern.compile("(?m)^package ([\\w.]+);");

  /** A qualified name: lower-case package segments, then a type (upper-case initial). */
  private static final Pattern NAME = Pattern.compile("\\b((?:[a-z][\\w]*\\.)+)[A-Z]");

  /** package → packages it names (ours and third-party), with a file that does it. */
  private static final Map<String, Map<String, Path>> USES = new TreeMap<>();

  @BeforeAll
  static void scan() throws IOException {
    try (Stream<Path> files = Files.walk(SOURCES)) {
      files.filter(p -> p.toString().endsWith(".java")).forEach(ArchitectureTest::read);
    }
    assertThat(USES).containsKeys(ROOT + ".pipeline", ROOT + ".api", ROOT + ".reconciler");
    assertThat(USES.get(ROOT + ".reconciler"))
        .containsKeys(ROOT + ".pipeline", "io.javaoperatorsdk.operator.api.reconciler");
  }

  private static void read(Path file) {
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Matcher p = PACKAGE.matcher(text);
    assertThat(p.find()).as("package declaration of %s", file).isTrue();
    String pkg = p.group(1);
    String code = text.substring(p.end()).replaceAll("(?s)/\\*.*?\\*/|//[^\\n]*", "");
    Map<String, Path> uses = USES.computeIfAbsent(pkg, k -> new TreeMap<>());
    Matcher m = NAME.matcher(code);
    while (m.find()) {
      String used = m.group(1).substring(0, m.group(1).length() - 1);
      if (!used.equals(pkg)) {
        uses.putIfAbsent(used, file);
      }
    }
  }

  private static boolean within(String pkg, String parent) {
    return pkg.equals(parent) || pkg.startsWith(parent + ".");
  }

  /** Uses by packages within {@code from} of packages within any of {@code forbidden}. */
  private static List<String> violations(String from, List<String> forbidden) {
    List<String> out = new ArrayList<>();
    USES.forEach(
        (pkg, uses) -> {
          if (within(pkg, from)) {
            uses.forEach(
                (used, file) -> {
                  if (forbidden.stream().anyMatch(f -> within(used, f))) {
                    out.add(pkg + " -> " + used + " (" + file + ")");
                  }
                });
          }
        });
    return out;
  }

  @Test
  void thePipelineIsPure() {
    assertThat(
            violations(
                ROOT + ".pipeline",
                List.of(
                    "io.fabric8.kubernetes.client",
                    "io.javaoperatorsdk",
                    "picocli",
                    "io.vertx",
                    ROOT + ".reconciler",
                    ROOT + ".runtime",
                    ROOT + ".cli")))
        .as("the pipeline imports no client, JOSDK, CLI, reconciler or runtime")
        .isEmpty();
  }

  @Test
  void theApiUsesNothingOfOurs() {
    assertThat(
            violations(
                ROOT + ".api",
                List.of(
                    ROOT + ".pipeline", ROOT + ".reconciler", ROOT + ".runtime", ROOT + ".cli")))
        .isEmpty();
  }

  @Test
  void onlyTheCommandLineUsesTheCommandLine() {
    assertThat(violations(ROOT + ".reconciler", List.of(ROOT + ".runtime", ROOT + ".cli")))
        .isEmpty();
    assertThat(violations(ROOT + ".runtime", List.of(ROOT + ".cli"))).isEmpty();
  }

  @Test
  void packagesFormNoCycle() {
    Map<String, Set<String>> graph = new TreeMap<>();
    USES.forEach(
        (pkg, uses) ->
            graph.put(
                pkg, new TreeSet<>(uses.keySet().stream().filter(USES::containsKey).toList())));
    List<String> cycles = new ArrayList<>();
    for (String start : graph.keySet()) {
      // a path from a package back to itself is a cycle
      Deque<List<String>> paths = new ArrayDeque<>();
      paths.push(List.of(start));
      Set<String> seen = new TreeSet<>();
      while (!paths.isEmpty()) {
        List<String> path = paths.pop();
        for (String next : graph.getOrDefault(path.get(path.size() - 1), Set.of())) {
          if (next.equals(start)) {
            List<String> cycle = new ArrayList<>(path);
            cycle.add(start);
            cycles.add(String.join(" -> ", cycle));
          } else if (seen.add(next)) {
            List<String> longer = new ArrayList<>(path);
            longer.add(next);
            paths.push(longer);
          }
        }
      }
    }
    assertThat(cycles).as("package cycles").isEmpty();
  }
}
