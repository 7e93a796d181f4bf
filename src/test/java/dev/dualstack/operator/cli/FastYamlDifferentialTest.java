package dev.dualstack.operator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dualstack.operator.bench.CheckHarness;
import dev.dualstack.operator.cli.BoundedYaml.YamlProblem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * FastYaml changes nothing that check reports: for every text, the documents FastYaml hands out
 * followed by what SnakeYAML reads from where FastYaml stopped ({@link FastYaml#rest}) are exactly
 * what SnakeYAML alone reads — the same trees (field order, node classes, values), the same start
 * lines, the same problem (message, line, column) at the same point. Texts come from a seeded
 * generator that stays close to the edges of FastYaml's subset, valid and invalid, and from a fixed
 * list of edge cases; FastYaml must read a substantial share of the valid documents (otherwise this
 * proves nothing), and it must read the examples, the benchmark's manifests and a set of plain
 * cases without giving up.
 */
class FastYamlDifferentialTest {
  static final int CASES = 20_000;

  // ---------------------------------------------------------------------------------------------
  // the two sides

  /** A document as a line: its start line and its tree, with the node class of every value. */
  static String document(JsonNode tree, int line) {
    StringBuilder sb = new StringBuilder().append(line).append(' ');
    canonical(tree, sb);
    return sb.toString();
  }

  static String canonical(JsonNode tree) {
    StringBuilder sb = new StringBuilder();
    canonical(tree, sb);
    return sb.toString();
  }

  private static void canonical(JsonNode n, StringBuilder sb) {
    if (n.isObject()) {
      sb.append('{');
      String sep = "";
      for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        sb.append(sep).append(quote(e.getKey())).append(": ");
        canonical(e.getValue(), sb);
        sep = ", ";
      }
      sb.append('}');
    } else if (n.isArray()) {
      sb.append('[');
      for (int i = 0; i < n.size(); i++) {
        sb.append(i > 0 ? ", " : "");
        canonical(n.get(i), sb);
      }
      sb.append(']');
    } else {
      String type = n.getClass().getSimpleName();
      sb.append(type.endsWith("Node") ? type.substring(0, type.length() - 4) : type).append('(');
      sb.append(n.isTextual() ? quote(n.textValue()) : n.toString()).append(')');
    }
  }

  /** A string in double quotes, every character outside printable ASCII as an escape. */
  static String quote(String s) {
    StringBuilder sb = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c > 0x7e) {
        sb.append(String.format("\\u%04x", (int) c));
      } else if (c == '"' || c == '\\') {
        sb.append('\\').append(c);
      } else {
        sb.append(c);
      }
    }
    return sb.append('"').toString();
  }

  static String problem(YamlProblem p) {
    return "PROBLEM " + p.line() + ":" + p.column() + " " + p.getMessage();
  }

  /** SnakeYAML alone: the documents of text in order, then its problem if any. */
  static List<String> snake(String text) {
    List<String> out = new ArrayList<>();
    try {
      BoundedYaml.forEachDocument(
          text,
          node -> out.add(document(BoundedYaml.toTree(node), node.getStartMark().getLine() + 1)),
          null);
    } catch (YamlProblem p) {
      out.add(problem(p));
    }
    return out;
  }

  /** FastYaml, then SnakeYAML from where it stopped. */
  record Split(List<String> out, int fast, int offset, String misuse) {}

  /**
   * FastYaml's side. {@code refuse}: the consumer refuses the document handed out at that index
   * (-1: none), as check's does for documents it wants SnakeYAML's nodes of.
   */
  static Split fast(String text, int refuse) {
    List<String> out = new ArrayList<>();
    boolean[] refused = {false};
    String[] misuse = {null};
    int offset;
    try {
      offset =
          FastYaml.read(
              text,
              (tree, line) -> {
                if (refused[0]) {
                  misuse[0] = "a document handed out after the consumer refused one";
                }
                if (out.size() == refuse) {
                  refused[0] = true;
                  return false;
                }
                out.add(document(tree, line));
                return true;
              });
    } catch (YamlProblem p) {
      // FastYaml is not to report problems of its own; if it does, they must be SnakeYAML's
      out.add(problem(p));
      return new Split(out, out.size() - 1, -2, misuse[0]);
    }
    int fast = out.size();
    if (refused[0] && offset < 0) {
      misuse[0] = "read returned -1 although the consumer refused a document";
    }
    if (offset >= 0) {
      if (offset > text.length()) {
        misuse[0] = "offset " + offset + " beyond the text (" + text.length() + ")";
      } else if (offset > 0 && "\n\r\u0085\u2028\u2029".indexOf(text.charAt(offset - 1)) < 0) {
        misuse[0] = "offset " + offset + " not at a line start";
      } else {
        String rest = FastYaml.rest(text, offset);
        String tail = text.substring(offset);
        if (!rest.endsWith(tail)
            || !rest.substring(0, rest.length() - tail.length())
                .chars()
                .allMatch(c -> c == '\n' || c == '\r')) {
          misuse[0] = "rest is not line breaks followed by the text from the offset";
        } else {
          out.addAll(snake(rest));
        }
      }
    }
    return new Split(out, fast, offset, misuse[0]);
  }

  /** Counts over a corpus: documents of valid texts, those FastYaml read, failures. */
  static final class Tally {
    int texts;
    int invalidTexts;
    int validDocuments;
    int fastDocuments;
    int allDocuments;
    int allFast;
    int plainTexts;
    int plainInvalid;
    long millis;
    final List<String> failures = new ArrayList<>();

    void check(String label, String text, int refuse) {
      texts++;
      List<String> expected = snake(text);
      Split split = fast(text, refuse);
      boolean invalid =
          !expected.isEmpty() && expected.get(expected.size() - 1).startsWith("PROBLEM");
      int documents = expected.size() - (invalid ? 1 : 0);
      allDocuments += documents;
      allFast += split.fast();
      if (invalid) {
        invalidTexts++;
      } else if (refuse < 0) {
        validDocuments += documents;
        fastDocuments += split.fast();
      }
      if (split.misuse() != null || !split.out().equals(expected)) {
        if (failures.size() < 10) {
          failures.add(
              label
                  + (refuse >= 0 ? " (consumer refuses document " + refuse + ")" : "")
                  + "\ntext: "
                  + quote(text)
                  + "\n-----\n"
                  + text
                  + "\n-----\n"
                  + (split.misuse() != null ? "misuse: " + split.misuse() + "\n" : "")
                  + "SnakeYAML alone:\n  "
                  + String.join("\n  ", expected)
                  + "\nFastYaml read "
                  + split.fast()
                  + " documents, returned "
                  + split.offset()
                  + ", then SnakeYAML:\n  "
                  + String.join("\n  ", split.out()));
        } else if (failures.size() == 10) {
          failures.add("... more failures not shown");
        }
      }
    }

    String summary() {
      return String.format(
          "%,d texts (%,d invalid; %,d without exotic documents or mutations, %,d of them invalid);"
              + " FastYaml read %,d of %,d documents of valid texts (%.1f%%), %,d of %,d of all texts",
          texts,
          invalidTexts,
          plainTexts,
          plainInvalid,
          fastDocuments,
          validDocuments,
          100.0 * fastDocuments / Math.max(1, validDocuments),
          allFast,
          allDocuments);
    }
  }

  private static Tally corpus;

  /** The generated corpus, checked once for all the tests that look at it. */
  static synchronized Tally corpus() {
    if (corpus == null) {
      long start = System.nanoTime();
      Tally t = new Tally();
      for (int i = 0; i < CASES; i++) {
        long seed = 7_919L * i + 1;
        Random random = new Random(seed);
        Generator g = new Generator(random);
        String text = g.text();
        int refuse = random.nextInt(10) == 0 ? random.nextInt(3) : -1;
        int invalid = t.invalidTexts;
        t.check("seed " + seed, text, refuse);
        if (!g.mutated && g.exoticDocuments == 0) {
          t.plainTexts++;
          t.plainInvalid += t.invalidTexts - invalid;
        }
      }
      t.millis = (System.nanoTime() - start) / 1_000_000;
      corpus = t;
    }
    return corpus;
  }

  // ---------------------------------------------------------------------------------------------
  // the tests

  @Test
  void generatedTextsReadTheSameWithAndWithoutFastYaml() {
    Tally t = corpus();
    System.out.printf("FastYaml differential: %s, %,d ms%n", t.summary(), t.millis);
    assertThat(t.failures).as(t.summary()).isEmpty();
    // the generator makes both kinds, or this test covers half of what it claims
    assertThat(t.invalidTexts).isBetween(CASES / 10, CASES * 6 / 10);
  }

  @Test
  void fastYamlReadsASubstantialShareOfTheValidGeneratedDocuments() {
    Tally t = corpus();
    assertThat(t.fastDocuments).as(t.summary()).isGreaterThan(t.validDocuments * 3 / 10);
  }

  @Test
  void edgeCasesReadTheSameWithAndWithoutFastYaml() {
    Tally t = new Tally();
    for (int i = 0; i < EDGES.size(); i++) {
      for (int refuse = -1; refuse < 2; refuse++) {
        t.check("edge case " + i, EDGES.get(i), refuse);
      }
    }
    System.out.println("FastYaml edge cases: " + t.summary());
    assertThat(t.failures).as(t.summary()).isEmpty();
  }

  @Test
  void limitsReadTheSameWithAndWithoutFastYaml() {
    Tally t = new Tally();
    List<String> cases = limits();
    for (int i = 0; i < cases.size(); i++) {
      t.check("limit case " + i, cases.get(i), cases.get(i).length() > 100_000 ? -1 : 1);
    }
    System.out.println("FastYaml limits: " + t.summary());
    assertThat(t.failures).as(t.summary()).isEmpty();
  }

  @Test
  void plainCasesAreReadWithoutGivingUp() throws YamlProblem {
    for (String[] c : PLAIN) {
      String text = c[0];
      List<String> expected = List.of(c).subList(1, c.length);
      assertThat(snake(text)).as("SnakeYAML on %s", quote(text)).isEqualTo(expected);
      List<String> read = new ArrayList<>();
      int offset = FastYaml.read(text, (tree, line) -> read.add(document(tree, line)));
      assertThat(offset).as("FastYaml gave up on %s", quote(text)).isEqualTo(-1);
      assertThat(read).as("FastYaml on %s", quote(text)).isEqualTo(expected);
    }
  }

  @Test
  void examplesAreReadWithoutGivingUp() throws IOException, YamlProblem {
    List<Path> files;
    try (Stream<Path> a = Files.list(Path.of("examples"));
        Stream<Path> b = Files.list(Path.of("examples/invalid"))) {
      files = Stream.concat(a, b).filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
    }
    assertThat(files).hasSizeGreaterThan(20);
    for (Path f : files) {
      String text = BoundedYaml.decode(Files.readAllBytes(f));
      assertReadWhole(f.toString(), text);
    }
  }

  @Test
  void theBenchmarksManifestsAreReadWithoutGivingUp() throws YamlProblem {
    String text = CheckHarness.manifests(300);
    List<String> expected = assertReadWhole("CheckHarness.manifests(300)", text);
    assertThat(expected).hasSize(301);
  }

  /** FastYaml reads every document of text (read returns -1), exactly as SnakeYAML does. */
  private static List<String> assertReadWhole(String label, String text) throws YamlProblem {
    List<String> expected = snake(text);
    assertThat(expected).as(label).noneMatch(s -> s.startsWith("PROBLEM"));
    List<String> read = new ArrayList<>();
    int offset = FastYaml.read(text, (tree, line) -> read.add(document(tree, line)));
    assertThat(offset)
        .as("FastYaml gave up on %s after %d documents", label, read.size())
        .isEqualTo(-1);
    assertThat(read).as(label).isEqualTo(expected);
    return expected;
  }

  // ---------------------------------------------------------------------------------------------
  // fixed cases

  /**
   * Texts in FastYaml's subset that it must read whole, each with what SnakeYAML reads: the start
   * line and the tree of every document.
   */
  static final String[][] PLAIN = {
    {
      "a: 1\nb: two\nc: \"3\"\nd: '4'\n",
      "1 {\"a\": Int(1), \"b\": Text(\"two\"), \"c\": Text(\"3\"), \"d\": Text(\"4\")}"
    },
    {
      "apiVersion: dualstack.dev/v1\nkind: Cluster\nmetadata:\n  name: x\n  labels:\n    team: a\n"
          + "spec:\n  version: \"1.33.5\"\n  cidrBlocks: [10.0.0.0/16, \"fd01::/56\"]\n",
      "1 {\"apiVersion\": Text(\"dualstack.dev/v1\"), \"kind\": Text(\"Cluster\"), \"metadata\":"
          + " {\"name\": Text(\"x\"), \"labels\": {\"team\": Text(\"a\")}}, \"spec\": {\"version\":"
          + " Text(\"1.33.5\"), \"cidrBlocks\": [Text(\"10.0.0.0/16\"), Text(\"fd01::/56\")]}}"
    },
    {
      "# leading comment\n\na: 1 # trailing\n# between\nb:\n    c: 2\n    d:\n    - x\n    - y\n",
      "3 {\"a\": Int(1), \"b\": {\"c\": Int(2), \"d\": [Text(\"x\"), Text(\"y\")]}}"
    },
    {
      "a:\n  - 1\n  - two\nb:\n- k: v\n  l: w\n- k: u\n",
      "1 {\"a\": [Int(1), Text(\"two\")], \"b\": [{\"k\": Text(\"v\"), \"l\": Text(\"w\")}, {\"k\": Text(\"u\")}]}"
    },
    {
      "a: 1\n---\nb: 2\n--- # c\nc: 3\n",
      "1 {\"a\": Int(1)}",
      "3 {\"b\": Int(2)}",
      "5 {\"c\": Int(3)}"
    },
    {
      "---\na: x\n---\n---\n# only a comment\n---\nb: y\n",
      "2 {\"a\": Text(\"x\")}",
      "7 {\"b\": Text(\"y\")}"
    },
    {
      "t: [yes, No, ON, off, true, FALSE]\nn: [null, ~, Null]\ne:\nq: [\"yes\", 'null', \"\", '']\n",
      "1 {\"t\": [Boolean(true), Boolean(false), Boolean(true), Boolean(false), Boolean(true),"
          + " Boolean(false)], \"n\": [Null(null), Null(null), Null(null)], \"e\": Null(null), \"q\":"
          + " [Text(\"yes\"), Text(\"null\"), Text(\"\"), Text(\"\")]}"
    },
    {
      "i: [0, +1, 012, 0x1F, 0b101, 1_000, 2147483647, 2147483648, 9223372036854775808]\n"
          + "b: 123456789012345678901234\n",
      "1 {\"i\": [Int(0), Int(1), Int(10), Int(31), Int(5), Int(1000), Int(2147483647),"
          + " Long(2147483648), BigInteger(9223372036854775808)], \"b\":"
          + " BigInteger(123456789012345678901234)}"
    },
    {
      "f: [1.5, .5, 1e3, +1.5, 1.]\ns: [.inf, .Inf, .nan, 09, 0o17, 2001-12-14]\nt: 1:30\n"
          + "u: 190:20:30\n",
      "1 {\"f\": [Double(1.5), Double(0.5), Double(1000.0), Double(1.5), Double(1.0)], \"s\":"
          + " [Text(\".inf\"), Text(\".Inf\"), Text(\".nan\"), Text(\"09\"), Text(\"0o17\"),"
          + " Text(\"2001-12-14\")], \"t\": Text(\"1:30\"), \"u\": Text(\"190:20:30\")}"
    },
    {
      "ip: 10.0.0.1\ncidr: 10.0.0.0/16\nv6: fd01::/56\n"
          + "url: https://keystone.example.com:5000/v3\nversion: 1.33.5\nv: v1.2\nhash: a#b\n",
      "1 {\"ip\": Text(\"10.0.0.1\"), \"cidr\": Text(\"10.0.0.0/16\"), \"v6\": Text(\"fd01::/56\"),"
          + " \"url\":"
          + " Text(\"https://keystone.example.com:5000/v3\"), \"version\": Text(\"1.33.5\"), \"v\":"
          + " Text(\"v1.2\"), \"hash\": Text(\"a#b\")}"
    },
    {
      "m: {type: cilium, version: 1.19.4}\ne: {}\nl: []\nn: [[a], {b: c}]\nq: 'it''s'\n",
      "1 {\"m\": {\"type\": Text(\"cilium\"), \"version\": Text(\"1.19.4\")}, \"e\": {}, \"l\": [],"
          + " \"n\": [[Text(\"a\")], {\"b\": Text(\"c\")}], \"q\": Text(\"it's\")}"
    },
    {"a: b   \nc: d\n\n\n", "1 {\"a\": Text(\"b\"), \"c\": Text(\"d\")}"},
    {"a: 1\n", "1 {\"a\": Int(1)}"},
    {"a: 1", "1 {\"a\": Int(1)}"},
    {""},
    {"# only a comment\n\n"},
    {"---\n"},
  };

  /** Texts at the edges: FastYaml may read them or not, but must not change the outcome. */
  static final List<String> EDGES =
      List.of(
          "a: 1\n---\nb: \u0001\n",
          "a: 1\rb: 2",
          "a: 1\r\nb: 2\r\n---\r\nc: 3\r\n",
          "a: 1\u0085b: 2",
          "a: b\u2028c",
          "a: b\u2029c: d",
          "a: \ufeffx",
          "a: 1\n... @x",
          "a: 1\n...\n]",
          "a: 1\n...\nb: 2",
          "a: 1\n... # c\nb: 2",
          "a: 1\n%YAML 1.1\n---\nb: 2",
          "%YAML 1.2\n---\na: 1",
          "%YAML 2.0\n---\na: 1",
          "%YAML 1.1\n%YAML 1.1\n---\na: 1",
          "%YAML 1.1\na: 1",
          "a: 1\n---\n%YAML 1.1\nb: 2",
          "a: 1\n...\n%YAML 1.1\n---\nb: 2",
          "%FOO bar\n---\na: 1",
          "%TAG ! tag:x,2000:\n---\na: !y 1",
          "a: 1\n---a",
          "a: 1\n--- a: b",
          "a: 1\n--- a",
          "a: 1\n ---\nb: 2",
          "--- {a: 1}",
          "--- {a: 1}\n---\nb: 2\n",
          "{a: 1}\n---\nb: 2\n",
          "---\n\n# c\n  a: 1\n  b: 2",
          "# only\n---\n# only\n---\na: 1\n...\n# c\n...\n---\nb: 2",
          "a: 1\n---\t\nb: 2",
          "a: 1\n---\tb: 2",
          "a: 1\n---   \nb: 2",
          "a:\tb",
          "a:\t b",
          "a: b\tc",
          "a: b\t",
          "a: x\t#c",
          "\ta: 1",
          "a:\n\tb: 1",
          "a:\n  b: 1\n\t\n  c: 2",
          "a: [1,\t2]",
          "a: b#c\nd: e #f\ng: [1, 2]#h\ni: \"x\"#j\nk: 'y'#l\nm: {n: o}#p",
          "a: 1\na: 2",
          "1: a\n\"1\": b",
          "a: 1\n'a': 2",
          "base: &b {x: 1, y: 2}\nm:\n  <<: *b\n  y: 3",
          "<<: {a: 1}\nb: 2",
          "<<: x",
          "a: [a, b,]\nb: {a: 1,}",
          "a: [a, , b]",
          "d: {a:1}",
          "e: {a: 1, b}",
          "f: [a: 1]",
          "l: [::1]",
          "l: [fd01::/56, a:b, http://x:80/y]",
          "a: \"\\/\"",
          "a: \"a\\tb\\u00e9\\\"x\\\\ \\x41 \\_ \\N \\L \\P \\0 \\e \\a \\U0001F600\"",
          "a: \"\\ud800\"",
          "a: 'it''s'",
          "a: \"multi\n  line\"",
          "a: plain\n  continued",
          "a: |\n  lit\n",
          "a: >-\n  fold\n  ed\n",
          "a: !!bool maybe\nb: !!int abc\nc: !!null x\nd: !!str 1\ne: !foo x\nf: !!float 1",
          "a: !x",
          "a: &x",
          "a: *x",
          "a: &x 1\nb: *x",
          "a: x:",
          "a: b: c",
          "a: -1\nb: - 1",
          "a: -",
          "a: ?x\nb: ? x",
          "a: :x\nb: -x\nc: x]\nd: x, y\ne: x:y",
          "a: 'x' y",
          "a: \"x\" y",
          "a: [x] y",
          "a: {x",
          "a: [x",
          "a: x}",
          "key with spaces  : v\na : b",
          "? k\n: v",
          "[a]: x",
          "{a: b}: x",
          "a:\n  b: 1\n c: 2",
          "a: 1\n  b: 2",
          " a: 1\n b: 2",
          " a: 1\nb: 2",
          "a:\n    b: 1\n    c: 2\nd:\n e: 3",
          "a:\n- 1\n  - 2",
          "a:\n  - 1\n - 2",
          "a:\n  - 1\n  -\n  - 3",
          "- a\n- b",
          "plain",
          "\"quoted\"",
          "[1, 2]",
          "a: 1\n---\n- x\nb: 1",
          "a: 1\n---\nb: \"unterminated",
          "a: 1\n---\nb: [1, 2",
          "a: 1\n--- \"x",
          "a: 1\n---\n@",
          "a:\n  - k: v\n    l: w\n  - - x\n    - y\n  -\n",
          "a: 09\nb: 08\nc: 0_7\nd: 1__\ne: _\nf: 1.5_\ng: ._\nh: +.5\ni: 0.",
          "a: 9223372036854775807\nb: 9223372036854775808\nc: -9223372036854775808\nd: -9223372036854775809",
          "a: 0x\nb: 0b\nc: 0x_1\nd: 0b_1\ne: -0x1F\nf: +0b101\ng: -012",
          "a: 1e3\nb: 1E3\nc: 1e+3\nd: 1.0e-3\ne: 1e\nf: e3\ng: 1_0e1",
          "a: y\nb: n\nc: nULL\nd: TRUE\ne: True\nf: oN",
          "\u00e9: \u00fc\n\ud83d\ude00: \"\ud83d\ude00\"\n\u043a\u043b\u044e\u0447: \u0437\u043d\u0430\u0447",
          "a: \u00a0x",
          "a: 1\n#",
          "#",
          "---",
          "...",
          "--- |\n  x\n",
          "---\n...\n",
          "a: 1\n...\n",
          "a: 1\n...\n---\n",
          "a:\n\nb: 1",
          "a:\n  \nb: 1",
          "a: |\n\n  x\nb: 1",
          "a:\n  # c\nb: 1",
          "a: # c\n  b: 1",
          "a: \"x\" # c\nb: 'y' # c",
          "a: [1, 2] # c\nb: {c: d} # c",
          "a: [1, \"2, 3\", '4]']",
          "a: {\"b\": c, 'd': e, f: \"g\"}",
          "a: [\"\\\"\", '\\']",
          "a: \"#\"\nb: '#'\nc: [\"#\"]",
          "a: [b #c]",
          "a: [b, #c\n  d]",
          "a: [ b , c ]\nd: {  e :  f  }",
          "a: [b,c]\nd: {e: f,g: h}",
          "a: {b: [c, {d: e}], f: []}",
          "a: [[[[1]]]]",
          "a: {b}",
          "a: {? b}",
          "a: [? b]",
          "a: {b: }",
          "a: {b: , c: d}",
          "a: {: b}",
          "a: [b: c, d]",
          "a: {b: c: d}",
          "a: {\"b\":c}",
          "a: [\"b\":c]",
          "a: {'b':c}",
          "a: !!str [x]",
          "a: \"",
          "a: '",
          "a: '''",
          "a: ''''",
          "a: \"\\\"",
          "a: b\n\n\n\n---\n\n\nc: d\n\n\n",
          "a: 1 \n#c",
          "a: \"x\r\n  y\"",
          "a: b\r\n  c\r\n",
          "a:\r\n  - 1\r\n  - 2\r\n",
          // at the edges of FastYaml's subset
          "a: \"b # c\"\nd: 'e # f'\ng: \"h'i\"\nj: 'k\"l'\nm: n'o\"p\n",
          "a: [\"\", '', 'a''b', \"c d\"]\nb: {c: \"\", d: ''}\n",
          "a: [[]]\nb: {c: {}}\nd: [{}]\ne: [ ]\nf: { }\n",
          "a: [  b  ,  c  ]\nd: { e:  f ,g: h }\n",
          "a:  b\nc:   'd'\ne:    [f]\n",
          "a: b # c # d\ne: f #\ng: h#i #j\n",
          "a:#\n",
          "a: b\nc: d\na: e\n",
          "- a:\n  - x\n  b: 1\n",
          "a:\n- b: 1\n  c:\n  - x\n- d\n",
          "a:\n  - b: 1\n    c:\n    - x\n    - y\n  - d\ne: f\n",
          "a:\n  b:\n  - x\n  c: 1\nd:\n- y\n",
          "a:\n  b:\n    - x\n   - y\n",
          "a:\n  b: 1\n  -  c\n",
          "a:\n-   b: 1\n    c: 2\n-  d: 3\n   e: 4\n",
          "a:\n-   b: 1\n   c: 2\n",
          "a:\n- b: 1\n c: 2\n",
          "a:\n    b: 1\n  c: 2\n",
          "a:\n  b: 1\n\n\n  c: 2\n\n",
          "a:\n  # c\n\n  b: 1\n# d\ne: 2\n",
          "a: 1\n---\n\n# c\n\nb: 2\n---\n",
          "a: 1\n--- \nb: 2\n",
          "a: 1\n--- #c\nb: 2\n",
          "a: 1\n---#c\nb: 2\n",
          "a: 1\n----\nb: 2\n",
          "a: 1\n-- -\nb: 2\n",
          "a.b/c-d_e: 1\n_x: 2\n0: 3\n9z: 4\nA: 5\n",
          "a: -1\nb: -x\nc: +1\nd: ~\ne: =\nf: <<\n",
          "a: [-1, +1, ~, =, <<]\n",
          "a: x y  z\nb: [x y  z]\n",
          "a: {b: [c, {d: [e, {f: g}]}]}\n",
          "a: [b, [c, [d, [e, [f]]]]]\n",
          "kind: Cluster\napiVersion: v1\nkind: List\n");

  /** Depth and node limits, just under and just over. */
  static List<String> limits() {
    List<String> texts = new ArrayList<>();
    for (int depth = 62; depth <= 66; depth++) {
      texts.add("a: " + "[".repeat(depth) + "x" + "]".repeat(depth) + "\n");
      texts.add("a: " + "[".repeat(depth) + "]".repeat(depth) + "\n");
      texts.add("a: " + "{b: ".repeat(depth) + "x" + "}".repeat(depth) + "\n");
      StringBuilder block = new StringBuilder();
      for (int i = 0; i < depth; i++) {
        block.append("  ".repeat(i)).append("k").append(i).append(":\n");
      }
      block.append("  ".repeat(depth)).append("v: x\n");
      texts.add(block.toString());
      texts.add(block.toString().replace("v: x\n", "v: [x]\n"));
    }
    for (int nodes : new int[] {20_000, 20_001, 200_000, 200_001}) {
      // nodes: the root mapping, the key, the sequence and its items
      int items = nodes - 3;
      texts.add("b: 2\n---\na: [" + "1, ".repeat(items - 1) + "1]\n---\nc: 3\n");
    }
    // simple keys: SnakeYAML takes keys of at most 1024 characters, in block and flow context
    for (int length : new int[] {199, 200, 201, 1023, 1024, 1025}) {
      String k = "k".repeat(length);
      texts.add(k + ": v\n");
      texts.add("a: {" + k + ": v}\n");
      texts.add("a:\n- " + k + ": v\n  b: c\n");
      texts.add("a: [" + k + "]\n");
    }
    texts.add("a: [" + "x, ".repeat(700) + "x]\n");
    texts.add("a: " + "x".repeat(3000) + "\n");
    texts.add("a:\n- " + "y".repeat(1100) + ": v\n");
    // longer than SnakeYAML's 1024-character read buffer, a special character late
    StringBuilder many = new StringBuilder();
    for (int i = 0; i < 120; i++) {
      many.append("a").append(i).append(": value ").append(i).append("\n---\n");
    }
    texts.add(many.toString());
    texts.add(many + "z: \u0001\n");
    texts.add(many.substring(0, 1500) + "\u007f" + many.substring(1500));
    texts.add(many.substring(0, 1500) + "\u2028" + many.substring(1500));
    texts.add(many.substring(0, 1500) + "\t" + many.substring(1500));
    return texts;
  }

  // ---------------------------------------------------------------------------------------------
  // the generator

  /** Plain scalars of every kind SnakeYAML resolves, and strings that look like them. */
  static final String[] SCALARS = {
    "yes",
    "No",
    "ON",
    "off",
    "true",
    "FALSE",
    "True",
    "null",
    "~",
    "Null",
    "NULL",
    "nULL",
    "y",
    "n",
    "0",
    "-1",
    "+1",
    "012",
    "0x1F",
    "0o17",
    "0b101",
    "1_000",
    "1:30",
    "190:20:30",
    "1e3",
    "1.5",
    ".5",
    "-.5",
    "+.5",
    "1.",
    ".inf",
    "-.Inf",
    ".NaN",
    ".nan",
    "09",
    "08",
    "00",
    "-0",
    "0.0",
    "2001-12-14",
    "2001-12-14t21:59:43.10-05:00",
    "2001-12-14 21:59:43.10 -5",
    "12345678901234567890123",
    "-12345678901234567890123",
    "2147483647",
    "2147483648",
    "-2147483648",
    "-2147483649",
    "9223372036854775807",
    "9223372036854775808",
    "-9223372036854775808",
    "10.0.0.0/16",
    "192.168.1.0/24",
    "8.8.8.8",
    "fd01::/56",
    "::1",
    "fd01:0:0:1::",
    "2001:4860:4860::8888",
    "::/0",
    "0.0.0.0/0",
    "https://keystone.example.com:5000/v3",
    "http://a:80",
    "1.33.5",
    "v1.2",
    "1.19.4",
    "IPv4+IPv6",
    "ipvs",
    "ebpf",
    "cilium",
    "eu-central-1",
    "a b",
    "a  b",
    "a#b",
    "a:b",
    "a,b",
    "a]",
    "a}",
    "-a",
    "?a",
    ":a",
    "a-",
    "a?",
    "a'b",
    "a\"b",
    "\u00e9t\u00e9",
    "\u4e2d\u6587",
    "\ud83d\ude00",
    "x",
    "value",
    "kubernetes-net",
    "1_0.5",
    "_",
    "1__",
    "0_7",
    "1.5_",
    "+",
    "-",
    ".",
    "..",
    "0b",
    "0x",
    "1e",
    "e3",
    "=",
    "<<",
  };

  static final String[] KEYS = {
    "apiVersion",
    "kind",
    "metadata",
    "name",
    "spec",
    "version",
    "cidrBlocks",
    "a",
    "b",
    "c",
    "d",
    "x-y",
    "x.y",
    "x_y",
    "app.kubernetes.io/name",
    "k8s",
    "ipFamily",
    "pods",
    "services",
    "labels",
  };

  static final String[] TRICKY_KEYS = {
    "\"quoted\"",
    "'q'",
    "\"a b\"",
    "a b",
    "1",
    "true",
    "null",
    "~",
    "yes",
    "a:b",
    "-a",
    "\"\"",
    "''",
    "'a''b'",
    "a#b",
    "0x1F",
    "1.5",
    "\u00e9",
    "\ud83d\ude00",
    "\"\\u00e9\"",
    "\"a\\\"b\"",
    "a ",
    "?a",
  };

  static final String[] EXOTIC_KEYS = {
    "? k", "<<", "[a]", "{a: b}", "&a k", "*a", "!!str k", "!k k", ""
  };

  /** Values outside the subset or not YAML at all. */
  static final String[] EXOTIC_VALUES = {
    "b: c",
    "x:",
    "- x",
    "@x",
    "`x",
    "%x",
    "|x",
    "&a x",
    "&a",
    "*a",
    "!!str 1",
    "!!int \"12\"",
    "!foo x",
    "!x",
    "!!bool maybe",
    "!!null x",
    "? x",
    "'unterminated",
    "\"unterminated",
    "\"bad \\/ escape\"",
    "[a, , b]",
    "[a",
    "{a",
    "a]",
    "\"x\" y",
    "'x' y",
    "[x] y",
    "{a: 1} b",
    "[::1]",
    "{a:1}",
    "{a: 1, b}",
    "[a: 1]",
    "[? a]",
    "{? a}",
    "!!binary aGk=",
    "&x [1]",
    "&y {a: 1}",
    "\"\\x41\\N\\_\"",
    "\"\\ud83d\\ude00\"",
    "\"a\\\n  b\"",
    "\"\\q\"",
    "'a\\b'",
    ",x",
    "]x",
    "}x",
  };

  static final String[] SUBSET_SEPARATORS = {
    "---\n",
    "---\n",
    "---\n",
    "---\n",
    "--- # c\n",
    "---   \n",
    "\n---\n\n",
    "---\n---\n",
    "---\n# only a comment\n---\n",
    "# c\n---\n",
  };

  /** The scalars that FastYaml's subset has as plain scalars in block context, and in flow. */
  static final String[] SUBSET_SCALARS =
      java.util.Arrays.stream(SCALARS)
          .filter(s -> s.chars().allMatch(c -> c > 0x20 && c < 0x7f || c == ' '))
          .filter(s -> "-?:,[]{}#&*!|>%@`\"'".indexOf(s.charAt(0)) < 0)
          .filter(s -> !s.contains(": ") && !s.contains(" #") && !s.endsWith(":"))
          .toArray(String[]::new);

  static final String[] SUBSET_FLOW_SCALARS =
      java.util.Arrays.stream(SUBSET_SCALARS)
          .filter(s -> s.chars().noneMatch(c -> ":?#[]{},".indexOf(c) >= 0))
          .toArray(String[]::new);

  static final String PUNCTUATION = ":-[]{}&*!|>'\"%@`#,? \t\n";

  static final String[] SPECIALS = {
    "\u0001", "\u007f", "\u0085", "\u2028", "\u2029", "\r", "\uFEFF", "\u00a0", "\t", "\u009f",
  };

  static final class Generator {
    final Random r;
    double exotic;
    boolean subset;
    int exoticDocuments;
    boolean mutated;
    int step;
    int anchors;

    Generator(Random r) {
      this.r = r;
    }

    boolean p(double probability) {
      return r.nextDouble() < probability;
    }

    <T> T pick(T[] options) {
      return options[r.nextInt(options.length)];
    }

    String text() {
      StringBuilder sb = new StringBuilder();
      int documents = p(0.08) ? 4 + r.nextInt(8) : 1 + r.nextInt(3);
      switch (r.nextInt(12)) {
        case 0 -> sb.append("---\n");
        case 1 -> sb.append("--- # start\n");
        case 2 -> sb.append("%YAML 1.1\n---\n");
        case 3 -> sb.append("# a comment\n\n");
        case 4 -> sb.append("\n");
        default -> {}
      }
      for (int d = 0; d < documents; d++) {
        String document = document();
        if (d > 0) {
          sb.append(subset ? pick(SUBSET_SEPARATORS) : separator());
        } else if (subset && sb.indexOf("%") >= 0) {
          sb.setLength(0);
        }
        sb.append(document);
      }
      switch (r.nextInt(14)) {
        case 0 -> sb.append("...\n");
        case 1 -> sb.append("---\n");
        case 2 -> sb.append("# trailing comment\n");
        case 3 -> sb.append("\n\n");
        case 4 -> sb.setLength(Math.max(0, sb.length() - 1)); // no final line break
        default -> {}
      }
      String text = sb.toString();
      if (p(0.15)) {
        mutated = true;
        int n = 1 + r.nextInt(2);
        for (int i = 0; i < n; i++) {
          text = mutate(text);
        }
      }
      if (p(0.04)) {
        text = text.replace("\n", "\r\n");
      }
      return text;
    }

    String separator() {
      int k = r.nextInt(40);
      return switch (k) {
        case 0 -> "--- # c\n";
        case 1 -> "---   \n";
        case 2 -> "...\n---\n";
        case 3 -> "...\n# c\n---\n";
        case 4 -> "...\n%YAML 1.1\n---\n";
        case 5 -> "%YAML 1.1\n---\n";
        case 6 -> "---\n---\n";
        case 7 -> "---\n# only a comment\n---\n";
        case 8 -> "\n---\n\n";
        case 9 -> p(0.1) ? "...\n" : "---\n"; // without ---: an error
        case 10 -> p(0.1) ? "--- " : "---\n"; // content on the --- line
        case 11 -> "---\n...\n---\n";
        default -> "---\n";
      };
    }

    String document() {
      exotic = p(0.25) ? 0.01 + 0.06 * r.nextDouble() : 0;
      exoticDocuments += exotic > 0 ? 1 : 0;
      // documents in the plain subset of YAML that FastYaml reads, the rest close to its edges
      subset = exotic == 0 && p(0.65);
      step = p(0.7) ? 2 : p(0.5) ? 4 : 1 + r.nextInt(5);
      anchors = 0;
      int kind = r.nextInt(100);
      if (subset && kind >= 6) {
        return mapping(0, 1, false);
      }
      if (kind < 3) {
        return "";
      }
      if (kind < 6) {
        return "# only a comment\n";
      }
      if (kind < 8) {
        return scalar(false) + "\n";
      }
      if (kind < 10) {
        return sequence(0, 1, false);
      }
      if (kind < 12) {
        return flowMapping(0) + "\n";
      }
      int indent = p(0.03) ? 1 + r.nextInt(3) : 0;
      return mapping(indent, 1, false);
    }

    String pad(int n) {
      return " ".repeat(n);
    }

    /** Blank lines, comment lines and trailing spaces between entries. */
    String decoration(int indent) {
      if (p(0.06)) {
        return p(0.3) ? pad(r.nextInt(6)) + "\n" : "\n";
      }
      if (p(0.05)) {
        return pad(p(0.5) ? indent : r.nextInt(8)) + "# comment" + (p(0.2) ? " # more" : "") + "\n";
      }
      if (p(exotic * 0.1)) {
        return "\t\n";
      }
      return "";
    }

    /** What may follow a value on its line. */
    String trailer(boolean plain) {
      int k = r.nextInt(30);
      return switch (k) {
        case 0, 1 -> " # c";
        case 2 -> "   ";
        case 3 -> " #";
        case 4 -> plain ? "#not a comment" : subset ? "" : "#c";
        case 5 -> p(exotic * 3) ? "\t" : "";
        case 6 -> p(exotic * 3) ? "\t# c" : "";
        default -> "";
      };
    }

    /** What may follow a colon or dash with nothing after it on the line. */
    String afterColon() {
      return switch (r.nextInt(20)) {
        case 0, 1 -> " # c";
        case 2 -> "   ";
        case 3 -> " #";
        case 4 -> p(exotic * 5) ? "#c" : "";
        default -> "";
      };
    }

    String key(java.util.Set<String> used) {
      String k;
      if (p(exotic * 0.5)) {
        k = pick(EXOTIC_KEYS);
      } else if (p(subset ? 0 : 0.08)) {
        k = pick(TRICKY_KEYS);
      } else if (p(0.6)) {
        k = pick(KEYS);
      } else {
        k = word();
      }
      if (used.contains(k) && !p(exotic * 0.5)) {
        k = k + "_" + used.size();
      }
      used.add(k);
      return k;
    }

    String word() {
      int n = 1 + r.nextInt(8);
      StringBuilder sb = new StringBuilder();
      String letters = "abcdefghijklmnopqrstuvwxyzABCXYZ";
      String more = "abcdefghijklmnopqrstuvwxyz0123456789-_.";
      sb.append(letters.charAt(r.nextInt(letters.length())));
      for (int i = 1; i < n; i++) {
        sb.append(more.charAt(r.nextInt(more.length())));
      }
      return sb.toString();
    }

    String number() {
      return switch (r.nextInt(6)) {
        case 0 -> Integer.toString(r.nextInt(1000));
        case 1 -> Long.toString(r.nextLong());
        case 2 -> Integer.toString(r.nextInt());
        case 3 -> {
          StringBuilder sb = new StringBuilder(p(0.3) ? "-" : "");
          int digits = 15 + r.nextInt(15);
          sb.append(1 + r.nextInt(9));
          for (int i = 1; i < digits; i++) {
            sb.append(r.nextInt(10));
          }
          yield sb.toString();
        }
        case 4 -> Double.toString(r.nextGaussian() * 1000);
        default ->
            r.nextInt(256)
                + "."
                + r.nextInt(256)
                + "."
                + r.nextInt(256)
                + "."
                + r.nextInt(256)
                + (p(0.5) ? "/" + r.nextInt(33) : "");
      };
    }

    /** A single-line scalar: plain, quoted, or (exotic) outside the subset. */
    String scalar(boolean flow) {
      if (p(exotic)) {
        return pick(EXOTIC_VALUES);
      }
      int k = r.nextInt(100);
      if (k < 55 && subset) {
        return pick(flow ? SUBSET_FLOW_SCALARS : SUBSET_SCALARS);
      }
      if (k < 55) {
        String s = pick(SCALARS);
        // some of them are not plain scalars (or not one) everywhere: mostly avoided
        while (!p(exotic * 5)
            && (flow
                ? ",[]{}:?#".indexOf(s.charAt(0)) >= 0
                    || s.endsWith(":")
                    || s.matches(".*[\\]}?].*")
                : s.endsWith(":") || s.equals("-"))) {
          s = pick(SCALARS);
        }
        return s;
      }
      if (k < 70) {
        return word();
      }
      if (k < 80) {
        String n = number();
        return subset && n.startsWith("-") ? n.substring(1) : n;
      }
      if (k < 92) {
        return doubleQuoted();
      }
      return "'"
          + (p(0.5) ? pick(subset ? SUBSET_SCALARS : SCALARS) : word()).replace("'", "''")
          + (p(0.2) ? "''s" : "")
          + "'";
    }

    String doubleQuoted() {
      StringBuilder sb = new StringBuilder("\"");
      if (subset) {
        String v = pick(SUBSET_SCALARS);
        sb.append(p(0.6) && v.indexOf('"') < 0 ? v : word());
        if (p(0.3)) {
          sb.append(pick(new String[] {" ", "'", "#", ": ", " #", "[", "}", ","})).append(word());
        }
        return sb.append('"').toString();
      }
      sb.append(p(0.6) ? pick(SCALARS).replace("\\", "\\\\").replace("\"", "\\\"") : word());
      if (p(0.3)) {
        String[] escapes = {
          "\\t", "\\\"", "\\\\", "\\u00e9", "\\n", "\\x41", "\\0", " ", "'", "#", ": "
        };
        sb.append(pick(escapes)).append(word());
      }
      return sb.append('"').toString();
    }

    String flow(int depth) {
      return p(0.6) ? flowSequence(depth) : flowMapping(depth);
    }

    String flowItem(int depth) {
      if (depth < 4 && p(0.15)) {
        return flow(depth + 1);
      }
      String s = scalar(true);
      return s;
    }

    String comma() {
      return p(0.85) ? ", " : p(0.5) ? "," : " , ";
    }

    String flowSequence(int depth) {
      int n = p(0.1) ? 0 : 1 + r.nextInt(4);
      StringBuilder sb = new StringBuilder(p(0.9) ? "[" : "[ ");
      for (int i = 0; i < n; i++) {
        sb.append(i > 0 ? comma() : "").append(flowItem(depth));
      }
      if (n > 0 && !subset && p(0.04)) {
        sb.append(",");
      }
      return sb.append(p(0.9) ? "]" : " ]").toString();
    }

    String flowMapping(int depth) {
      int n = p(0.1) ? 0 : 1 + r.nextInt(3);
      StringBuilder sb = new StringBuilder(p(0.9) ? "{" : "{ ");
      java.util.Set<String> used = new java.util.HashSet<>();
      for (int i = 0; i < n; i++) {
        String k = key(used);
        while (!p(exotic * 5)
            && (k.isEmpty() || "?:-[]{}#,".indexOf(k.charAt(0)) >= 0 || k.endsWith(" "))) {
          k = key(used);
        }
        sb.append(i > 0 ? comma() : "").append(k).append(subset || p(0.97) ? ": " : ":");
        sb.append(flowItem(depth));
      }
      if (n > 0 && !subset && p(0.04)) {
        sb.append(",");
      }
      return sb.append(p(0.9) ? "}" : " }").toString();
    }

    /** A block mapping at indent; the first line carries no decoration before it. */
    String mapping(int indent, int depth, boolean compact) {
      StringBuilder sb = new StringBuilder();
      int n = 1 + r.nextInt(depth > 2 ? 2 : 4);
      java.util.Set<String> used = new java.util.HashSet<>();
      for (int i = 0; i < n; i++) {
        if (i > 0 || !compact) {
          sb.append(decoration(indent));
        }
        String k = key(used);
        if (k.equals("? k") && p(0.7)) {
          sb.append(pad(indent)).append("? k\n").append(pad(indent)).append(":");
        } else {
          sb.append(pad(indent)).append(k).append(subset || p(0.97) ? ":" : " :");
        }
        sb.append(value(indent, depth));
      }
      return sb.toString();
    }

    /** What follows a key's colon, through the end of its last line. */
    String value(int indent, int depth) {
      int k = r.nextInt(100);
      if (depth > 5) {
        k = k % 40;
      }
      if (p(exotic)) {
        return exoticValue(indent);
      }
      if (k < 40) {
        String s = scalar(false);
        return " " + s + trailer(!s.startsWith("\"") && !s.startsWith("'")) + "\n";
      }
      if (k < 47) {
        return afterColon() + "\n";
      }
      if (k < 70) {
        return afterColon() + "\n" + mapping(indent + step, depth + 1, false);
      }
      if (k < 87) {
        int at = p(0.5) ? indent : indent + step;
        return afterColon() + "\n" + sequence(at, depth + 1, false);
      }
      return " " + flow(0) + trailer(false) + "\n";
    }

    String exoticValue(int indent) {
      String inner = pad(indent + step);
      return switch (r.nextInt(12)) {
        case 0 -> " |\n" + inner + word() + "\n" + (p(0.5) ? "\n" : "") + inner + word() + "\n";
        case 1 -> " >-\n" + inner + word() + "\n" + inner + word() + "\n";
        case 2 ->
            " "
                + pick(new String[] {"|2", "|+", ">", "|-", "> # c"})
                + "\n"
                + inner
                + word()
                + "\n";
        case 3 -> " " + word() + "\n" + inner + word() + "\n";
        case 4 -> " \"" + word() + "\n" + inner + word() + "\"\n";
        case 5 -> " '" + word() + "\n" + inner + word() + "'\n";
        case 6 -> " [" + word() + ",\n" + inner + word() + "]\n";
        case 7 -> {
          anchors++;
          yield " &a" + anchors + " " + pick(SCALARS) + "\n";
        }
        case 8 -> " *a" + (anchors > 0 ? 1 + r.nextInt(anchors) : 1) + "\n";
        case 9 -> " !!str " + pick(SCALARS) + "\n";
        case 10 -> " &m" + r.nextInt(2) + "\n" + inner + "x: 1\n" + inner + "y: 2\n";
        default -> " " + pick(EXOTIC_VALUES) + "\n";
      };
    }

    /** A block sequence at indent. */
    String sequence(int indent, int depth, boolean compact) {
      StringBuilder sb = new StringBuilder();
      int n = 1 + r.nextInt(4);
      for (int i = 0; i < n; i++) {
        if (i > 0 || !compact) {
          sb.append(decoration(indent));
        }
        String dash = pad(indent) + (p(0.98) ? "- " : "-  ");
        int k = r.nextInt(100);
        if (depth > 5) {
          k = k % 45;
        }
        if (subset && k >= 40 && k < 45) {
          k = 0; // "-" alone
        } else if (subset && k >= 75 && k < 90) {
          k = 90; // "- - x", and "-" with a mapping on the next lines
        }
        if (p(exotic)) {
          sb.append(pad(indent)).append("-").append(exoticValue(indent));
        } else if (k < 40) {
          String s = scalar(false);
          sb.append(dash)
              .append(s)
              .append(trailer(!s.startsWith("\"") && !s.startsWith("'")))
              .append('\n');
        } else if (k < 45) {
          sb.append(pad(indent)).append("-").append(p(0.8) ? "" : " ").append('\n');
        } else if (k < 75) {
          // compact mapping: "- k: v" and its other keys two columns in
          String m = mapping(dash.length(), depth + 1, true);
          sb.append(dash).append(m.substring(dash.length()));
        } else if (k < 82) {
          String s = sequence(indent + 2, depth + 1, true);
          sb.append(pad(indent)).append("- ").append(s.substring(indent + 2));
        } else if (k < 90) {
          sb.append(pad(indent)).append("-").append(afterColon()).append('\n');
          sb.append(mapping(indent + step, depth + 1, false));
        } else {
          sb.append(dash).append(flow(0)).append(trailer(false)).append('\n');
        }
      }
      return sb.toString();
    }

    String mutate(String text) {
      if (text.isEmpty()) {
        return text;
      }
      int at = r.nextInt(text.length());
      List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
      int line = r.nextInt(lines.size());
      switch (r.nextInt(11)) {
        case 0 -> {
          return text.substring(0, at)
              + PUNCTUATION.charAt(r.nextInt(PUNCTUATION.length()))
              + text.substring(at + 1);
        }
        case 1 -> {
          return text.substring(0, at)
              + PUNCTUATION.charAt(r.nextInt(PUNCTUATION.length()))
              + text.substring(at);
        }
        case 2 -> {
          return text.substring(0, at) + text.substring(at + 1);
        }
        case 3 -> {
          return text.substring(0, at) + pick(SPECIALS) + text.substring(at);
        }
        case 4 -> lines.remove(line);
        case 5 -> lines.add(line, lines.get(line));
        case 6 -> lines.set(line, " " + lines.get(line));
        case 7 ->
            lines.set(
                line,
                lines.get(line).startsWith(" ") ? lines.get(line).substring(1) : lines.get(line));
        case 8 -> lines.set(line, "\t" + lines.get(line));
        case 9 -> {
          return text.substring(0, at);
        }
        default -> {
          int other = r.nextInt(lines.size());
          String s = lines.get(line);
          lines.set(line, lines.get(other));
          lines.set(other, s);
        }
      }
      return String.join("\n", lines);
    }
  }
}
