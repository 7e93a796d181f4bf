package dev.dualstack.operator.pipeline.field;

/**
 * An immutable YAML path such as {@code spec.clusterNetwork.pods.cidrBlocks[1]}. The caller hands
 * the path to a rule, so one rule serves pods and services alike.
 */
public final class FieldPath {
  private final String path;

  private FieldPath(String path) {
    this.path = path;
  }

  public static FieldPath of(String root) {
    return new FieldPath(root);
  }

  public FieldPath child(String name) {
    return new FieldPath(path.isEmpty() ? name : path + "." + name);
  }

  public FieldPath index(int i) {
    return new FieldPath(path + "[" + i + "]");
  }

  public FieldPath key(String key) {
    return new FieldPath(path + "[" + key + "]");
  }

  @Override
  public String toString() {
    return path;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FieldPath other && other.path.equals(path);
  }

  @Override
  public int hashCode() {
    return path.hashCode();
  }
}
