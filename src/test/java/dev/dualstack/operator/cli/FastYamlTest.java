package dev.dualstack.operator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dualstack.operator.bench.CheckHarness;
import dev.dualstack.operator.cli.BoundedYaml.YamlProblem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link FastYaml} reads what SnakeYAML reads, to the node type of every value, or hands the
 * document over: for each text, the documents it reads followed by SnakeYAML's reading of the rest
 * equal SnakeYAML's reading of the whole text (trees, lines, the problem).
 */
class FastYamlTest {

  /** SnakeYAML's reading: documents as line + canonical tree, then the problem if any. */
  static List<String> snake(String text) {
    List<String> out = new ArrayList<>();
    try {
      BoundedYaml.forEachDocument(
          text,
          node ->
              out.add(
                  (node.getStartMark().getLine() + 1)
                      + " "
                      + FastYamlDifferentialTest.canonical(BoundedYaml.toTree(node))),
          null);
    } catch (YamlProblem e) {
      out.add("problem " + e.line() + ":" + e.column() + " " + e.getMessage());
    }
    return out;
  }

  /** FastYaml's reading followed by SnakeYAML's of the rest; the second value is the offset. */
  static List<String> fast(String text, int[] offset) throws YamlProblem {
    List<String> out = new ArrayList<>();
    int rest =
        FastYaml.read(
            text,
            (tree, line) -> {
              out.add(line + " " + FastYamlDifferentialTest.canonical(tree));
              return true;
            });
    offset[0] = rest;
    if (rest >= 0) {
      out.addAll(snake(FastYaml.rest(text, rest)));
    }
    return out;
  }

  static void assertSame(String text) throws YamlProblem {
    assertThat(fast(text, new int[1])).as(text).isEqualTo(snake(text));
  }

  @Test
  void readsTheBenchmarkInputWholly() throws YamlProblem {
    String text = CheckHarness.manifests(200);
    int[] offset = new int[1];
    List<String> read = fast(text, offset);
    assertThat(offset[0]).isEqualTo(-1);
    assertThat(read).hasSize(201).isEqualTo(snake(text));
    assertThat(read.get(1))
        .startsWith("16 {\"apiVersion\": Text(\"dualstack.dev/v1\"), \"kind\": Text(\"Cluster\"), ")
        .contains("\"nodeCidrMaskSizeIPv4\": Int(28), ")
        .contains("\"cniPlugin\": {\"type\": Text(\"cilium\"), \"version\": Text(\"1.19.4\")}, ");
  }

  @Test
  void examplesReadAlike() throws IOException, YamlProblem {
    List<Path> files;
    try (Stream<Path> s =
        Stream.concat(Files.list(Path.of("examples")), Files.list(Path.of("examples/invalid")))) {
      files = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
    }
    assertThat(files).hasSizeGreaterThan(20);
    int wholly = 0;
    for (Path f : files) {
      String text = Files.readString(f);
      int[] offset = new int[1];
      assertThat(fast(text, offset)).as(f.toString()).isEqualTo(snake(text));
      if (offset[0] == -1) {
        wholly++;
      }
    }
    assertThat(wholly).as("examples read without SnakeYAML").isGreaterThan(files.size() / 2);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "---\na: 1\n---\n# only a comment\n---\nb: 2\n...\n",
        "a: 1\n---\n- x\n---\nb: 2\n",
        "a: [fd01::/56]\n",
        "a: [x, ]\n",
        "a: [x\n  , y]\n",
        "a: {b:1}\n",
        "a: b: c\n",
        "a: b\n  c\n",
        "a: |\n  x\n",
        "a: &x 1\nb: *x\n",
        "a: !!str 1\n",
        "a: 1\na: 2\n",
        "<<: {a: 1}\n",
        "a: \"x\\ty\"\n",
        "a: \"x\"y\n",
        "a: \"x\"#c\n",
        "a:\tb\n",
        "a: b\r\nc: d\r\n",
        "a: é\n",
        "%YAML 1.1\n---\na: 1\n",
        "--- a: 1\n",
        "---a: 1\n",
        "  a: 1\n",
        "a: 1\n b: 2\n",
        "a:\n  - x\n  b: 1\n",
        "a:\n- x\n -y\n",
        "- a\n",
        "a: -1\nb: -\n",
        "a: @x\n",
        "a: `x`\n",
        "a: %x\n",
        "a: ,x\n",
        "a: 'x\n  y'\n",
        "a: b\n---\nc: [\n",
        "a: 1\n---\n{\n",
      })
  void handsOverWhatIsOutsideTheSubset(String text) throws YamlProblem {
    assertSame(text);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "a: 1\nb: yes\nc: ~\nd:\ne: \"x\"\nf: 'it''s'\ng: 0x1F\nh: 012\ni: 1_000\nj: 1:30\n",
        "a: 1.5\nb: .5\nc: .inf\nd: 1e3\ne: 2001-12-14\nf: 123456789012345678901234567890\n",
        "k: v # comment\nl: v#not\nm: a b  c \nn: http://x:80/y\no: 10.0.0.0/16\np: fd01::/56\n",
        "seq:\n- a\n- b\nnext: 1\n",
        "seq:\n  - a\n  - {x: 1, y: [1, 2]}\n  - k: v\n    l: w\n  - []\nz: {}\n",
        "a:\n  b:\n    c: 1\n  d: 2\ne: 3\n",
        "a: [x, 'y', \"z\", [1, [2]], {q: r}]\n",
        "a: x\n  # comment deeper\nb: y\n",
        "a:\n  # c\n  b: 1\n",
        "a: \"\"\nb: ''\n",
        "a: [yes, No, ~, null, 1, 1.0]\n",
        "a: {yes: no}\n",
        "1: x\ntrue: y\nnull: z\n",
        "a:\n-   b: 1\n    c: 2\n-   d: 3\n",
        "a: 1 # c\n# c\n\n\nb: 2",
        "",
        "# nothing\n",
        "---\n---\n",
        "---\na: 1\n--- # c\nb: 2\n",
      })
  void readsThePlainSubsetItself(String text) throws YamlProblem {
    int[] offset = new int[1];
    assertThat(fast(text, offset)).as(text).isEqualTo(snake(text));
    assertThat(offset[0]).as(text).isEqualTo(-1);
  }
}
