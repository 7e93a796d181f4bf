package dev.dualstack.operator.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dualstack.operator.cli.BoundedYaml.YamlProblem;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads the documents of a manifest that keep to a plain subset of YAML straight into Jackson
 * trees, without SnakeYAML's tokens, events, nodes and marks (about half of what {@code check}
 * allocated per Cluster). It gives up at the first document with anything outside the subset; that
 * document and the rest of the file go to {@link BoundedYaml}, which reads all of YAML and gives
 * the problems with their lines. So the subset need not be large, only exact: a document read here
 * has the tree {@link BoundedYaml#toTree} gives for SnakeYAML's node of it, and one SnakeYAML
 * refuses is never read here.
 *
 * <p>The subset: a document is a block mapping at column 0; block mappings and sequences nest by
 * consistent indentation with spaces (a sequence under a key may start at the key's column), a
 * sequence item may be a mapping ({@code - name: x}); keys are plain, made of letters, digits and
 * {@code _ . / -}; values are one line: plain scalars (no {@code ": "}, not starting with an
 * indicator), double-quoted without escapes, single-quoted, and flow collections ({@code [a, "b"]},
 * {@code {k: v}}) whose plain scalars have no {@code :}, {@code ?} or {@code #}. Comments after
 * values and on their own lines, blank lines, {@code ---} between documents, empty documents. The
 * file must be ASCII without control characters other than line feeds (no tabs, no CR). Anything
 * else — anchors, aliases, tags, block and multi-line scalars, escapes, complex or duplicate keys,
 * merge keys, directives, {@code ...}, nesting deeper than {@value #MAX_DEPTH} or more than {@value
 * #MAX_NODES} nodes — hands the document over to SnakeYAML.
 *
 * <p>Plain scalars are resolved by SnakeYAML's own rules ({@link BoundedYaml.LeanResolver}) and
 * turned into tree values by {@link BoundedYaml#scalar}, as for a composed node.
 */
final class FastYaml {
  /** Nesting deeper than this goes to SnakeYAML (which refuses more than 64 levels). */
  static final int MAX_DEPTH = 40;

  /** Documents with more nodes go to SnakeYAML (which refuses more than 200,000). */
  static final int MAX_NODES = 20_000;

  /** Longer keys go to SnakeYAML (which refuses simple keys of 1024 characters and more). */
  private static final int MAX_KEY = 200;

  /** Strings up to this length are shared between documents (keys, kinds, versions, ...). */
  private static final int SHARED = 48;

  private static final int CACHE = 1 << 12;

  /** Characters that cannot start a plain scalar here ({@code [ { " '} start other values). */
  private static final String NOT_PLAIN_START = "-?:,]}#&*!|>%@`";

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private static final BoundedYaml.LeanResolver RESOLVER = new BoundedYaml.LeanResolver();

  /** Receives a document read: its root mapping and the 1-based line of its first key. */
  @FunctionalInterface
  interface Consumer {
    /** False when this document must go to SnakeYAML after all (with the rest of the file). */
    boolean accept(ObjectNode tree, int line) throws YamlProblem;
  }

  /** Outside the subset: the document goes to SnakeYAML. */
  private static final class Outside extends RuntimeException {
    Outside() {
      super(null, null, false, false);
    }
  }

  private static final Outside OUTSIDE = new Outside();

  private enum Line {
    CONTENT,
    MARKER,
    END
  }

  private final String t;
  private final int n;
  private final String[] strings = new String[CACHE];
  private final String[] plainKeys = new String[CACHE];
  private final JsonNode[] plainValues = new JsonNode[CACHE];

  /** The current line: start, end (its line feed or the end), indentation, number, kind. */
  private int ls;

  private int le;
  private int ind;
  private int lineNo;
  private Line type;

  private int depth;
  private int nodes;

  private FastYaml(String text) {
    this.t = text;
    this.n = text.length();
  }

  /**
   * Reads the documents of {@code text} in order and hands each to {@code documents}. Returns the
   * offset (at a line start) of the first document not handed over, where SnakeYAML must take over
   * (see {@link #rest}), or -1 when every document was read.
   */
  static int read(String text, Consumer documents) throws YamlProblem {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c >= 0x7f || (c < 0x20 && c != '\n')) {
        return 0;
      }
    }
    FastYaml r = new FastYaml(text);
    int docStart = 0;
    try {
      r.ls = 0;
      r.lineNo = 1;
      r.scan();
      while (true) {
        if (r.type == Line.END) {
          return -1;
        }
        if (r.type == Line.MARKER) {
          docStart = r.ls;
          r.next();
          continue; // an empty document when another marker or the end follows
        }
        if (r.ind != 0) {
          return docStart;
        }
        int line = r.lineNo;
        r.depth = 0;
        r.nodes = 0;
        ObjectNode tree = r.mapping(r.ls, 0);
        if (r.type == Line.CONTENT) {
          return docStart; // indented past the root mapping
        }
        if (!documents.accept(tree, line)) {
          return docStart;
        }
      }
    } catch (Outside e) {
      return docStart;
    }
  }

  /** {@code text} from {@code offset} for SnakeYAML, the lines before it blank: lines stay. */
  static String rest(String text, int offset) {
    if (offset <= 0) {
      return text;
    }
    int lines = 0;
    for (int i = 0; i < offset; i++) {
      if (text.charAt(i) == '\n') {
        lines++;
      }
    }
    return "\n".repeat(lines) + text.substring(offset);
  }

  // --- lines

  /** Moves to the line after the current one and on to the next line that is not blank. */
  private void next() {
    ls = le + 1;
    lineNo++;
    scan();
  }

  /** From {@link #ls}: skips blank and comment lines and classifies the line found. */
  private void scan() {
    while (true) {
      if (ls >= n) {
        type = Line.END;
        ind = 0;
        return;
      }
      int end = t.indexOf('\n', ls);
      le = end < 0 ? n : end;
      int i = ls;
      while (i < le && t.charAt(i) == ' ') {
        i++;
      }
      if (i == le || t.charAt(i) == '#') {
        ls = le + 1;
        lineNo++;
        continue;
      }
      ind = i - ls;
      if (ind == 0 && (t.startsWith("---", ls) || t.startsWith("...", ls))) {
        if (t.charAt(ls) == '-' && (ls + 3 == le || t.charAt(ls + 3) == ' ')) {
          restOfLine(ls + 3);
          type = Line.MARKER;
          return;
        }
        if (t.charAt(ls) == '.') {
          throw OUTSIDE; // a document end marker
        }
      }
      if (ind == 0 && t.charAt(ls) == '%') {
        throw OUTSIDE; // a directive
      }
      type = Line.CONTENT;
      return;
    }
  }

  /** From {@code i} to the end of the line only spaces and then, after one, a comment. */
  private void restOfLine(int i) {
    if (i == le) {
      return;
    }
    if (t.charAt(i) != ' ') {
      throw OUTSIDE;
    }
    while (i < le && t.charAt(i) == ' ') {
      i++;
    }
    if (i < le && t.charAt(i) != '#') {
      throw OUTSIDE;
    }
  }

  private boolean sequenceItem() {
    int d = ls + ind;
    return t.charAt(d) == '-' && (d + 1 == le || t.charAt(d + 1) == ' ');
  }

  // --- block collections

  /**
   * A block mapping whose first key starts at {@code start} on the current line, at column {@code
   * col}; its other keys are at the start of later lines at that column. Ends on the first line
   * indented less (or a marker, or the end).
   */
  private ObjectNode mapping(int start, int col) {
    enter();
    ObjectNode object = JSON.objectNode();
    int k = start;
    while (true) {
      int colon = keyEnd(k);
      if (colon < 0) {
        throw OUTSIDE;
      }
      String key = string(k, colon);
      if (object.has(key)) {
        throw OUTSIDE; // SnakeYAML's reading names the duplicate
      }
      int v = colon + 1;
      while (v < le && t.charAt(v) == ' ') {
        v++;
      }
      JsonNode value;
      if (v == le || t.charAt(v) == '#') {
        next();
        if (type == Line.CONTENT && ind > col) {
          value = sequenceItem() ? sequence(ind) : mapping(ls + ind, ind);
        } else if (type == Line.CONTENT && ind == col && sequenceItem()) {
          value = sequence(col);
        } else {
          value = plain("");
        }
      } else {
        value = inlineValue(v);
        next();
      }
      object.set(key, value);
      if (type != Line.CONTENT || ind < col) {
        leave();
        return object;
      }
      if (ind > col || sequenceItem()) {
        throw OUTSIDE;
      }
      k = ls + ind;
    }
  }

  /** A block sequence whose items start at column {@code col} of the current and later lines. */
  private ArrayNode sequence(int col) {
    enter();
    ArrayNode array = JSON.arrayNode();
    while (true) {
      int v = ls + col + 1;
      while (v < le && t.charAt(v) == ' ') {
        v++;
      }
      if (v == le || t.charAt(v) == '#' || t.charAt(v) == '-') {
        throw OUTSIDE; // content on the next lines, or a nested sequence
      }
      if (keyEnd(v) >= 0) {
        array.add(mapping(v, v - ls));
      } else {
        array.add(inlineValue(v));
        next();
      }
      if (type != Line.CONTENT || ind < col) {
        break;
      }
      if (ind > col) {
        throw OUTSIDE;
      }
      if (!sequenceItem()) {
        break; // the enclosing mapping goes on, or refuses the line
      }
    }
    leave();
    return array;
  }

  /**
   * The position of the {@code :} ending a plain key at {@code k} (followed by a space or the end
   * of the line), or -1 when there is none there.
   */
  private int keyEnd(int k) {
    if (k >= le || !keyStart(t.charAt(k))) {
      return -1;
    }
    int i = k + 1;
    while (i < le && keyPart(t.charAt(i))) {
      i++;
    }
    if (i == le || t.charAt(i) != ':' || i - k > MAX_KEY) {
      return -1;
    }
    return i + 1 == le || t.charAt(i + 1) == ' ' ? i : -1;
  }

  private static boolean keyStart(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
  }

  private static boolean keyPart(char c) {
    return keyStart(c) || c == '.' || c == '/' || c == '-';
  }

  /** A value on the rest of the current line from {@code v}: a scalar or a flow collection. */
  private JsonNode inlineValue(int v) {
    char c = t.charAt(v);
    int end;
    JsonNode value;
    if (c == '"' || c == '\'') {
      end = quoted(v);
      value = last;
    } else if (c == '[' || c == '{') {
      end = flow(v);
      value = last;
    } else if (NOT_PLAIN_START.indexOf(c) >= 0) {
      throw OUTSIDE;
    } else {
      end = v;
      int i = v;
      while (i < le) {
        char ch = t.charAt(i);
        if (ch == ' ') {
          if (i + 1 < le && t.charAt(i + 1) == '#') {
            break;
          }
        } else if (ch == ':' && (i + 1 == le || t.charAt(i + 1) == ' ')) {
          throw OUTSIDE; // a mapping value where none may be
        } else {
          end = i + 1;
        }
        i++;
      }
      value = plain(string(v, end));
    }
    restOfLine(end);
    return value;
  }

  // --- scalars and flow collections (one line)

  /** The value read by the last {@link #quoted} or {@link #flow}. */
  private JsonNode last;

  /** A quoted scalar at {@code q} into {@link #last}; returns the position after it. */
  private int quoted(int q) {
    count();
    char quote = t.charAt(q);
    int i = q + 1;
    if (quote == '"') {
      while (i < le && t.charAt(i) != '"') {
        if (t.charAt(i) == '\\') {
          throw OUTSIDE;
        }
        i++;
      }
      if (i == le) {
        throw OUTSIDE;
      }
      last = JSON.textNode(string(q + 1, i));
      return i + 1;
    }
    StringBuilder escaped = null;
    int from = i;
    while (true) {
      if (i == le) {
        throw OUTSIDE;
      }
      if (t.charAt(i) == '\'') {
        if (i + 1 < le && t.charAt(i + 1) == '\'') {
          if (escaped == null) {
            escaped = new StringBuilder();
          }
          escaped.append(t, from, i + 1);
          i += 2;
          from = i;
          continue;
        }
        break;
      }
      i++;
    }
    last = JSON.textNode(escaped == null ? string(from, i) : escaped.append(t, from, i).toString());
    return i + 1;
  }

  /** A flow collection at {@code f} into {@link #last}; returns the position after it. */
  private int flow(int f) {
    boolean map = t.charAt(f) == '{';
    char close = map ? '}' : ']';
    enter();
    JsonNode collection = map ? JSON.objectNode() : JSON.arrayNode();
    int i = skip(f + 1);
    if (i < le && t.charAt(i) == close) {
      leave();
      last = collection;
      return i + 1;
    }
    while (true) {
      String key = null;
      if (map) {
        int colon = flowKeyEnd(i);
        key = string(i, colon);
        if (((ObjectNode) collection).has(key)) {
          throw OUTSIDE;
        }
        i = skip(colon + 1);
      }
      i = flowValue(i);
      if (map) {
        ((ObjectNode) collection).set(key, last);
      } else {
        ((ArrayNode) collection).add(last);
      }
      i = skip(i);
      if (i >= le) {
        throw OUTSIDE;
      }
      char c = t.charAt(i);
      if (c == close) {
        leave();
        last = collection;
        return i + 1;
      }
      if (c != ',') {
        throw OUTSIDE;
      }
      i = skip(i + 1);
      if (i >= le || t.charAt(i) == close) {
        throw OUTSIDE; // a trailing comma
      }
    }
  }

  /** The {@code :} after a plain key of a flow mapping at {@code k}, followed by a space. */
  private int flowKeyEnd(int k) {
    if (k >= le || !keyStart(t.charAt(k))) {
      throw OUTSIDE;
    }
    int i = k + 1;
    while (i < le && keyPart(t.charAt(i))) {
      i++;
    }
    if (i + 1 >= le || t.charAt(i) != ':' || t.charAt(i + 1) != ' ' || i - k > MAX_KEY) {
      throw OUTSIDE;
    }
    return i;
  }

  /** A value inside a flow collection at {@code i} into {@link #last}; the position after it. */
  private int flowValue(int i) {
    if (i >= le) {
      throw OUTSIDE;
    }
    char c = t.charAt(i);
    if (c == '"' || c == '\'') {
      return quoted(i);
    }
    if (c == '[' || c == '{') {
      return flow(i);
    }
    if (NOT_PLAIN_START.indexOf(c) >= 0) {
      throw OUTSIDE;
    }
    int end = i;
    int j = i;
    while (j < le) {
      char ch = t.charAt(j);
      if (ch == ',' || ch == ']' || ch == '}') {
        break;
      }
      if (ch == ':' || ch == '?' || ch == '#' || ch == '[' || ch == '{') {
        throw OUTSIDE;
      }
      if (ch != ' ') {
        end = j + 1;
      }
      j++;
    }
    last = plain(string(i, end));
    return end;
  }

  private int skip(int i) {
    while (i < le && t.charAt(i) == ' ') {
      i++;
    }
    return i;
  }

  /** A plain scalar's tree value, as SnakeYAML resolves it; shared between equal scalars. */
  private JsonNode plain(String value) {
    count();
    int slot = slot(value.hashCode());
    if (plainKeys[slot] == value) {
      return plainValues[slot];
    }
    Tag tag = RESOLVER.resolve(NodeId.scalar, value, true);
    JsonNode node = BoundedYaml.scalar(tag, value);
    if (value.length() <= SHARED) {
      plainKeys[slot] = value;
      plainValues[slot] = node;
    }
    return node;
  }

  /**
   * {@code t.substring(from, to)}; a short one is the same String as the last equal one read, so
   * that keys and repeated values are not allocated again.
   */
  private String string(int from, int to) {
    int length = to - from;
    if (length > SHARED) {
      return t.substring(from, to);
    }
    int h = 0;
    for (int i = from; i < to; i++) {
      h = 31 * h + t.charAt(i);
    }
    int slot = slot(h);
    String s = strings[slot];
    if (s != null && s.length() == length && t.regionMatches(from, s, 0, length)) {
      return s;
    }
    s = t.substring(from, to);
    strings[slot] = s;
    return s;
  }

  private static int slot(int hash) {
    return (hash ^ (hash >>> 16)) & (CACHE - 1);
  }

  private void enter() {
    count();
    if (++depth > MAX_DEPTH) {
      throw OUTSIDE;
    }
  }

  private void leave() {
    depth--;
  }

  private void count() {
    if (++nodes > MAX_NODES) {
      throw OUTSIDE;
    }
  }
}
