package dev.dualstack.operator.api;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * Why a stored object's spec could not be read into the API classes: a value the CRD schema would
 * have refused (a string or an out-of-range number where an integer belongs), which an API server
 * without that schema, or an older CRD, let through. {@code field} is the path ({@code
 * spec.clusterNetwork.nodeCidrMaskSizeIPv4}), {@code value} the offending value (shortened), may be
 * null.
 */
public record UnreadableField(String field, String value, String message) {
  static final int MAX_VALUE = 64;

  /** From a mapping failure below {@code root} (the subtree read), whose path is {@code prefix}. */
  static UnreadableField of(String prefix, JsonNode root, JsonMappingException e) {
    String path = JsonPaths.of(prefix, e.getPath());
    JsonNode at = root;
    for (JsonMappingException.Reference r : e.getPath()) {
      if (r.getFieldName() != null) {
        at = at == null ? null : at.get(r.getFieldName());
      } else if (r.getIndex() >= 0) {
        at = at == null ? null : at.get(r.getIndex());
      }
    }
    String value = null;
    if (at != null && at.isValueNode()) {
      value = at.asText();
      if (value.length() > MAX_VALUE) {
        value = value.substring(0, MAX_VALUE) + "...";
      }
    }
    String message = e.getOriginalMessage();
    int nl = message == null ? -1 : message.indexOf('\n');
    if (nl >= 0) {
      message = message.substring(0, nl);
    }
    return new UnreadableField(path, value, message);
  }
}
