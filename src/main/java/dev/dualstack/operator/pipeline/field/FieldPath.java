package dev.dualstack.operator.pipeline.field;

/**
 * An immutable YAML path such as {@code spec.clusterNetwork.pods.cidrBlocks[1]}. The caller hands
 * the path to a rule, so one rule serves pods and services alike.
 */
public final class FieldPath {
  /** The parent path, or null for a root. */
  private final FieldPath parent;

  /** The segment: a field name, a map key (written in brackets), or null for a list index. */
  private final String segment;

  private final int index;
  private final boolean key;

  /** The whole path, built on first use: most paths are made for rules that find nothing. */
  private String path;

  private FieldPath(FieldPath parent, String segment, int index, boolean key) {
    this.parent = parent;
    this.segment = segment;
    this.index = index;
    this.key = key;
  }

  public static FieldPath of(String root) {
    FieldPath p = new FieldPath(null, root, -1, false);
    p.path = root;
    return p;
  }

  public FieldPath child(String name) {
    return new FieldPath(this, name, -1, false);
  }

  public FieldPath index(int i) {
    return new FieldPath(this, null, i, false);
  }

  public FieldPath key(String key) {
    return new FieldPath(this, key, -1, true);
  }

  @Override
  public String toString() {
    String p = path;
    if (p == null) {
      String up = parent.toString();
      if (segment == null) {
        p = up + "[" + index + "]";
      } else if (key) {
        p = up + "[" + segment + "]";
      } else {
        p = up.isEmpty() ? segment : up + "." + segment;
      }
      path = p;
    }
    return p;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FieldPath other && other.toString().equals(toString());
  }

  @Override
  public int hashCode() {
    return toString().hashCode();
  }
}
