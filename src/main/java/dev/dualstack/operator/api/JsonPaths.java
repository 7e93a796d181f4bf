package dev.dualstack.operator.api;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonMappingException;
import java.util.List;

/**
 * Jackson's locations as field paths in the form the pipeline reports them ({@code
 * spec.clusterNetwork.pods.cidrBlocks[1]}): from a mapping failure's reference path and from a JSON
 * pointer ({@code /providers/aws/limitations/0}).
 */
public final class JsonPaths {
  private JsonPaths() {}

  /** {@code prefix} followed by {@code path}. */
  public static String of(String prefix, List<JsonMappingException.Reference> path) {
    StringBuilder sb = new StringBuilder(prefix);
    for (JsonMappingException.Reference r : path) {
      if (r.getFieldName() != null) {
        field(sb, r.getFieldName());
      } else if (r.getIndex() >= 0) {
        sb.append('[').append(r.getIndex()).append(']');
      }
    }
    return sb.toString();
  }

  /** A pointer's segments; a segment of digits is an index. */
  public static String of(JsonPointer pointer) {
    StringBuilder sb = new StringBuilder();
    for (JsonPointer p = pointer; p != null && !p.matches(); p = p.tail()) {
      String seg = p.getMatchingProperty();
      if (!seg.isEmpty() && seg.chars().allMatch(Character::isDigit)) {
        sb.append('[').append(seg).append(']');
      } else {
        field(sb, seg);
      }
    }
    return sb.toString();
  }

  private static void field(StringBuilder sb, String name) {
    if (sb.length() > 0) {
      sb.append('.');
    }
    sb.append(name);
  }
}
