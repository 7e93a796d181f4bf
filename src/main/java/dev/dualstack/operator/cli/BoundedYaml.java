package dev.dualstack.operator.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.StringReader;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Bounded YAML reading for untrusted manifests. SnakeYAML composes each document into a node graph
 * (every node keeps its line and column) under {@link LoaderOptions} limits (aliases, nesting
 * depth, code points, no recursive or duplicate keys, merge keys resolved); a composer subclass
 * adds what LoaderOptions cannot: a node budget per document and per list item, a scalar length
 * limit, and handing the items of a large {@code List} over one at a time. A document is then
 * converted into a Jackson tree on demand: scalars through SnakeYAML's {@link SafeConstructor}
 * where that gives what kubectl's reader gives (see {@link ScalarConstructor}), and the alias
 * expansion here, under a node budget (SnakeYAML's constructor shares aliased objects, and any tree
 * made from them expands them without a bound: the billion-laughs case).
 *
 * <p>Why not Jackson's YAMLParser alone: it does not expand aliases ({@code c: *x} reads as the
 * string {@code "x"}) and loses positions once a tree is built. The node graph gives both, and a
 * mapping error's path can be turned back into a line and column with {@link #locate}.
 *
 * <p>Limits: UTF-8 only, no NUL, at most {@value #MAX_BYTES} bytes per file, {@value
 * #MAX_COLLECTION_ALIASES} aliases of collections, nesting depth {@value #MAX_DEPTH}, {@value
 * #MAX_NODES} nodes per document (or list item), when composed and again after alias expansion.
 * Documents are composed one at a time; objects per run are counted by the caller.
 */
final class BoundedYaml {
  static final int MAX_BYTES = 16 * 1024 * 1024;
  static final int MAX_COLLECTION_ALIASES = 50;
  static final int MAX_DEPTH = 64;
  static final int MAX_NODES = 200_000;

  /**
   * Longest scalar, in characters: the API server stores objects of at most 1.5 MiB, so no field of
   * an object that can exist is longer.
   */
  static final int MAX_SCALAR = 1024 * 1024;

  /** Integers with more digits are not parsed: see {@link #integer}. */
  static final int MAX_INTEGER_DIGITS = 1000;

  private static final BigInteger HUGE = BigInteger.TEN.pow(MAX_INTEGER_DIGITS);

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private BoundedYaml() {}

  /** A problem with the YAML text at a position (1-based; 0 = unknown). */
  static final class YamlProblem extends Exception {
    private final int line;
    private final int column;

    YamlProblem(String message, int line, int column) {
      super(message, null, false, false);
      this.line = line;
      this.column = column;
    }

    YamlProblem(String message, Mark mark) {
      this(message, mark == null ? 0 : mark.getLine() + 1, mark == null ? 0 : mark.getColumn() + 1);
    }

    int line() {
      return line;
    }

    int column() {
      return column;
    }
  }

  /** Decodes file bytes as strict UTF-8 (a leading BOM is dropped) and rejects NUL characters. */
  static String decode(byte[] bytes) throws YamlProblem {
    int start =
        bytes.length >= 3
                && (bytes[0] & 0xff) == 0xEF
                && (bytes[1] & 0xff) == 0xBB
                && (bytes[2] & 0xff) == 0xBF
            ? 3
            : 0;
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes, start, bytes.length - start);
    CharBuffer out = CharBuffer.allocate(bytes.length);
    CoderResult r = decoder.decode(in, out, true);
    if (r.isError()) {
      int offset = in.position();
      int line = 1;
      int lineStart = 0;
      for (int i = 0; i < offset; i++) {
        if (bytes[i] == '\n') {
          line++;
          lineStart = i + 1;
        }
      }
      throw new YamlProblem(
          String.format(
              "not valid UTF-8 (byte 0x%02X at offset %d); manifests must be UTF-8 text",
              bytes[offset] & 0xff, offset),
          line,
          offset - lineStart + 1);
    }
    decoder.flush(out);
    out.flip();
    String text = out.toString();
    int nul = text.indexOf('\0');
    if (nul >= 0) {
      int line = 1;
      int lineStart = 0;
      for (int i = 0; i < nul; i++) {
        if (text.charAt(i) == '\n') {
          line++;
          lineStart = i + 1;
        }
      }
      throw new YamlProblem(
          "contains a NUL character; this is a binary file, not YAML", line, nul - lineStart + 1);
    }
    int lineStart = 0;
    for (int line = 1; lineStart <= text.length(); line++) {
      int end = text.indexOf('\n', lineStart);
      int next = end < 0 ? text.length() : end;
      if (next - lineStart > MAX_SCALAR) {
        // checked before parsing: the YAML scanner needs about a second per megabyte of one value
        throw new YamlProblem(
            "line "
                + line
                + " has "
                + (next - lineStart)
                + " characters, more than the limit of "
                + MAX_SCALAR
                + " characters (the API server stores no object that large)",
            line,
            1);
      }
      if (end < 0) {
        break;
      }
      lineStart = end + 1;
    }
    return text;
  }

  /** Receives composed nodes one at a time: whole documents, or list items as they are composed. */
  @FunctionalInterface
  interface DocumentConsumer {
    void accept(Node node) throws YamlProblem;
  }

  /** The placeholder of a list item already handed over to the item consumer. */
  static final class Streamed extends MappingNode {
    Streamed(Node item) {
      super(
          Tag.MAP,
          true,
          new ArrayList<>(),
          item.getStartMark(),
          item.getEndMark(),
          DumperOptions.FlowStyle.AUTO);
    }
  }

  /**
   * Composes the documents of {@code text} one at a time and hands each non-empty one to {@code
   * documents} before composing the next, so memory holds one document at most. With {@code items}
   * (may be null: lists stay whole), an item of a document's top-level {@code items} sequence that
   * names its own {@code kind} is handed to it as soon as it is composed, and the document holds a
   * {@link Streamed} placeholder in its place (items with an anchor, or without a kind, stay in the
   * document). Returns the number of documents handed over.
   */
  static int forEachDocument(String text, DocumentConsumer documents, DocumentConsumer items)
      throws YamlProblem {
    LoaderOptions options = new LoaderOptions();
    options.setMaxAliasesForCollections(MAX_COLLECTION_ALIASES);
    options.setNestingDepthLimit(MAX_DEPTH);
    options.setCodePointLimit(MAX_BYTES);
    options.setAllowRecursiveKeys(false);
    options.setAllowDuplicateKeys(false);
    options.setMergeOnCompose(true);
    StreamReader reader = new StreamReader(new StringReader(text));
    CountingComposer composer =
        new CountingComposer(new ParserImpl(reader, options), options, items);
    int count = 0;
    try {
      while (composer.checkNode()) {
        Node node = composer.getNode();
        if (isEmpty(node)) {
          continue;
        }
        count++;
        documents.accept(node);
      }
    } catch (ItemProblem e) {
      throw e.problem;
    } catch (LimitException e) {
      throw new YamlProblem("YAML rejected: " + e.getMessage(), e.mark);
    } catch (MarkedYAMLException e) {
      Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
      String problem = e.getProblem() != null ? e.getProblem() : e.getMessage();
      String context = e.getContext() != null ? e.getContext() + ": " : "";
      throw new YamlProblem("invalid YAML: " + context + oneLine(problem), mark);
    } catch (YAMLException e) {
      // limits (aliases, depth, code points, nodes) come without a mark: use the reader position
      throw new YamlProblem("YAML rejected: " + oneLine(e.getMessage()), reader.getMark());
    }
    return count;
  }

  /** Every non-empty document of {@code text}, composed (for small inputs; lists stay whole). */
  static List<Node> compose(String text, int maxDocuments) throws YamlProblem {
    List<Node> documents = new ArrayList<>();
    forEachDocument(
        text,
        document -> {
          if (documents.size() >= maxDocuments) {
            throw new YamlProblem(
                "more than " + maxDocuments + " YAML documents", document.getStartMark());
          }
          documents.add(document);
        },
        null);
    return documents;
  }

  /** A problem raised by the item consumer, carried through the composer. */
  private static final class ItemProblem extends YAMLException {
    final transient YamlProblem problem;

    ItemProblem(YamlProblem problem) {
      super(problem.getMessage());
      this.problem = problem;
    }
  }

  /** A limit broken at a known place. */
  private static final class LimitException extends YAMLException {
    final transient Mark mark;

    LimitException(String message, Mark mark) {
      super(message);
      this.mark = mark;
    }
  }

  /**
   * A composer that refuses documents (and list items) of more than {@link #MAX_NODES} nodes while
   * composing, and hands the items of a top-level {@code items} sequence over one at a time.
   */
  private static final class CountingComposer extends Composer {
    private final DocumentConsumer items;
    private int nodes;
    private int mappingDepth;
    private String rootKey;
    private boolean inItems;

    CountingComposer(ParserImpl parser, LoaderOptions options, DocumentConsumer items) {
      super(parser, new LeanResolver(), options);
      this.items = items;
    }

    @Override
    public Node getNode() {
      nodes = 0;
      mappingDepth = 0;
      rootKey = null;
      inItems = false;
      return super.getNode();
    }

    private void count() {
      if (++nodes > MAX_NODES) {
        throw new YAMLException("a document has more than " + MAX_NODES + " nodes");
      }
    }

    @Override
    protected Node composeScalarNode(
        String anchor, List<org.yaml.snakeyaml.comments.CommentLine> blockComments) {
      count();
      Node node = super.composeScalarNode(anchor, blockComments);
      int length = ((ScalarNode) node).getValue().length();
      if (length > MAX_SCALAR) {
        throw new LimitException(
            "a value of "
                + length
                + " characters, more than the limit of "
                + MAX_SCALAR
                + " characters (the API server stores no object that large)",
            node.getStartMark());
      }
      return node;
    }

    @Override
    protected Node composeSequenceNode(String anchor) {
      count();
      return super.composeSequenceNode(anchor);
    }

    @Override
    protected Node composeKeyNode(MappingNode node) {
      Node key = super.composeKeyNode(node);
      if (mappingDepth == 1) {
        rootKey = key instanceof ScalarNode s ? s.getValue() : null;
      }
      return key;
    }

    @Override
    protected Node composeValueNode(MappingNode node) {
      if (items != null
          && mappingDepth == 1
          && "items".equals(rootKey)
          && parser.checkEvent(Event.ID.SequenceStart)) {
        inItems = true;
        try {
          return super.composeValueNode(node);
        } finally {
          inItems = false;
        }
      }
      return super.composeValueNode(node);
    }

    @Override
    protected Node composeMappingNode(String anchor) {
      count();
      if (!(inItems && mappingDepth == 1)) {
        mappingDepth++;
        try {
          return super.composeMappingNode(anchor);
        } finally {
          mappingDepth--;
        }
      }
      // an item of the root's items sequence: its own node budget, handed over when it has a kind
      int saved = nodes;
      nodes = 0;
      inItems = false;
      mappingDepth++;
      Node item;
      try {
        item = super.composeMappingNode(anchor);
      } finally {
        mappingDepth--;
        inItems = true;
        nodes = saved;
      }
      if (anchor != null || topLevelScalar(item, "kind") == null) {
        return item;
      }
      try {
        items.accept(item);
      } catch (YamlProblem e) {
        throw new ItemProblem(e);
      }
      return new Streamed(item);
    }
  }

  /**
   * SnakeYAML's resolver, without its regular expressions where a plain scalar can only be a
   * string. SnakeYAML tries the patterns registered for the scalar's first character; for one
   * starting with a digit, a sign or a dot those are int, float and timestamp, and none of them
   * matches a value with a {@code /} or with two dots: CIDRs, IP addresses and versions ({@code
   * 10.0.0.0/16}, {@code 8.8.8.8}, {@code 1.19.4}). For one starting with a letter they are bool
   * and null, which match only their 21 words ({@code false}, {@code NULL}, ...): every other key
   * and name ({@code spec}, {@code network}, {@code ipvs}) is a string. Everything else goes to
   * SnakeYAML's own resolution, so the tags are the same.
   */
  static final class LeanResolver extends Resolver {
    /**
     * SnakeYAML's bool and null words: the only values of its patterns that start with a letter.
     */
    private static final Set<String> WORDS =
        Set.of(
            "yes", "Yes", "YES", "no", "No", "NO", "true", "True", "TRUE", "false", "False",
            "FALSE", "on", "On", "ON", "off", "Off", "OFF", "null", "Null", "NULL");

    @Override
    public Tag resolve(org.yaml.snakeyaml.nodes.NodeId kind, String value, boolean implicit) {
      if (implicit && kind == org.yaml.snakeyaml.nodes.NodeId.scalar && onlyString(value)) {
        return Tag.STR;
      }
      return super.resolve(kind, value, implicit);
    }

    static boolean onlyString(String value) {
      if (value.isEmpty()) {
        return false;
      }
      char first = value.charAt(0);
      if ((first >= 'a' && first <= 'z') || (first >= 'A' && first <= 'Z')) {
        return !WORDS.contains(value); // only bool (yes, off, ...) and null words start with one
      }
      if ("-+.0123456789".indexOf(first) < 0) {
        return false;
      }
      int dots = 0;
      for (int i = 0; i < value.length(); i++) {
        char c = value.charAt(i);
        if (c == '/' || (c == '.' && ++dots == 2)) {
          return true;
        }
      }
      return false;
    }
  }

  private static boolean isEmpty(Node node) {
    return node instanceof ScalarNode s && Tag.NULL.equals(s.getTag()) && s.getValue().isEmpty();
  }

  private static String oneLine(String s) {
    return s == null ? "" : s.strip().replaceAll("\\s*\\n\\s*", " ");
  }

  /** The plain scalar value of a top-level key of a mapping document, or null. */
  static String topLevelScalar(Node document, String key) {
    if (document instanceof MappingNode m) {
      for (NodeTuple t : m.getValue()) {
        if (t.getKeyNode() instanceof ScalarNode k
            && key.equals(k.getValue())
            && t.getValueNode() instanceof ScalarNode v) {
          return v.getValue();
        }
      }
    }
    return null;
  }

  /** Converts a composed document into a Jackson tree, expanding aliases under the node budget. */
  static JsonNode toTree(Node document) throws YamlProblem {
    return new Converter().convert(document, 0);
  }

  private static final class Converter {
    private int nodes;

    JsonNode convert(Node node, int depth) throws YamlProblem {
      if (++nodes > MAX_NODES) {
        throw new YamlProblem(
            "YAML rejected: more than " + MAX_NODES + " nodes after expanding aliases",
            node.getStartMark());
      }
      if (depth > MAX_DEPTH) {
        throw new YamlProblem(
            "YAML rejected: nested deeper than " + MAX_DEPTH + " levels (recursive alias?)",
            node.getStartMark());
      }
      if (node instanceof ScalarNode s) {
        return scalar(s);
      }
      if (node instanceof SequenceNode seq) {
        ArrayNode array = JSON.arrayNode();
        for (Node item : seq.getValue()) {
          array.add(convert(item, depth + 1));
        }
        return array;
      }
      MappingNode map = (MappingNode) node;
      ObjectNode object = JSON.objectNode();
      for (NodeTuple t : map.getValue()) {
        if (!(t.getKeyNode() instanceof ScalarNode key)) {
          throw new YamlProblem(
              "YAML rejected: mapping keys must be scalars", t.getKeyNode().getStartMark());
        }
        if (object.has(key.getValue())) {
          throw new YamlProblem(
              "duplicate key \"" + key.getValue() + "\"", t.getKeyNode().getStartMark());
        }
        object.set(key.getValue(), convert(t.getValueNode(), depth + 1));
      }
      return object;
    }
  }

  /**
   * Scalars through SnakeYAML's own constructors where they give what kubectl's YAML reader gives:
   * strings, nulls and YAML 1.1 booleans ({@code yes}/{@code off}...). Integers and floats stay
   * here: SnakeYAML parses any number of digits (quadratic time on a megabyte of them, see {@link
   * #integer}) and reads sexagesimal ({@code 1:30} as 90) and {@code .inf}, which kubectl reads as
   * strings. Timestamps and binary stay strings, as the API server sees them.
   */
  private static final class ScalarConstructor extends SafeConstructor {
    ScalarConstructor() {
      super(new LoaderOptions());
    }

    Object construct(ScalarNode s) {
      return yamlConstructors.get(s.getTag()).construct(s);
    }
  }

  private static final ScalarConstructor CONSTRUCTOR = new ScalarConstructor();

  private static JsonNode scalar(ScalarNode s) {
    return scalar(s.getTag(), s.getValue());
  }

  /** The tree value of a scalar {@code v} resolved to {@code tag} (also for {@link FastYaml}). */
  static JsonNode scalar(Tag tag, String v) {
    if (Tag.STR.equals(tag)) {
      return JSON.textNode(v); // what SnakeYAML's string constructor gives: the value
    }
    if (Tag.NULL.equals(tag)) {
      return JSON.nullNode(); // its null constructor gives null for every value
    }
    if (Tag.BOOL.equals(tag)) {
      Object value =
          CONSTRUCTOR.construct(
              new ScalarNode(tag, v, null, null, DumperOptions.ScalarStyle.PLAIN));
      return value == null
          ? JSON.nullNode()
          : value instanceof Boolean b ? JSON.booleanNode(b) : JSON.textNode(v);
    }
    if (Tag.INT.equals(tag)) {
      BigInteger i = integer(v);
      if (i != null) {
        return i.bitLength() < 32
            ? JSON.numberNode(i.intValue())
            : i.bitLength() < 64 ? JSON.numberNode(i.longValue()) : JSON.numberNode(i);
      }
    } else if (Tag.FLOAT.equals(tag)) {
      try {
        return JSON.numberNode(Double.parseDouble(v.replace("_", "")));
      } catch (NumberFormatException e) {
        return JSON.textNode(v);
      }
    }
    return JSON.textNode(v);
  }

  /**
   * YAML 1.1 integers: decimal, 0x hex, 0b binary, 0o / leading-zero octal, underscores. One of
   * more than {@value #MAX_INTEGER_DIGITS} digits fits no field either way and is read as ±{@link
   * #HUGE} without parsing it (parsing is quadratic in the number of digits).
   */
  private static BigInteger integer(String text) {
    String v = text.replace("_", "");
    boolean negative = v.startsWith("-");
    if (v.startsWith("-") || v.startsWith("+")) {
      v = v.substring(1);
    }
    if (v.length() > MAX_INTEGER_DIGITS && v.chars().allMatch(Character::isLetterOrDigit)) {
      return negative ? HUGE.negate() : HUGE;
    }
    try {
      BigInteger i;
      if (v.startsWith("0x")) {
        i = new BigInteger(v.substring(2), 16);
      } else if (v.startsWith("0b")) {
        i = new BigInteger(v.substring(2), 2);
      } else if (v.startsWith("0o")) {
        i = new BigInteger(v.substring(2), 8);
      } else if (v.length() > 1 && v.startsWith("0")) {
        i = new BigInteger(v.substring(1), 8);
      } else {
        i = new BigInteger(v);
      }
      return negative ? i.negate() : i;
    } catch (NumberFormatException e) {
      return null; // sexagesimal and other exotic forms stay text
    }
  }

  /**
   * The node at a path of field names and list indexes below {@code document}, or the deepest
   * existing node along it.
   */
  static Node locate(Node document, List<Object> path) {
    Node current = document;
    for (Object step : path) {
      Node next = null;
      if (step instanceof Integer i && current instanceof SequenceNode seq) {
        next = i >= 0 && i < seq.getValue().size() ? seq.getValue().get(i) : null;
      } else if (step instanceof String name && current instanceof MappingNode map) {
        for (NodeTuple t : map.getValue()) {
          if (t.getKeyNode() instanceof ScalarNode k && name.equals(k.getValue())) {
            next = t.getValueNode();
            break;
          }
        }
      }
      if (next == null) {
        return current;
      }
      current = next;
    }
    return current;
  }
}
