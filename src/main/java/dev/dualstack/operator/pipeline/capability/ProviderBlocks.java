package dev.dualstack.operator.pipeline.capability;

import dev.dualstack.operator.api.CloudSpec;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Generic access to the fields of a cluster's provider block ({@code spec.cloud.<provider>}) by
 * name, so the capability data can refer to them ({@code Limitation.whenSet}) without a branch per
 * provider in code.
 */
final class ProviderBlocks {
  private static final Map<String, RecordComponent> BLOCKS = new ConcurrentHashMap<>();

  static {
    for (RecordComponent c : CloudSpec.class.getRecordComponents()) {
      if (c.getType().isRecord()) {
        BLOCKS.put(c.getName(), c);
      }
    }
  }

  private ProviderBlocks() {}

  /** The field names of {@code spec.cloud.<provider>}; empty for unknown or field-less blocks. */
  static List<String> fields(String provider) {
    RecordComponent block = BLOCKS.get(provider);
    if (block == null) {
      return List.of();
    }
    return Arrays.stream(block.getType().getRecordComponents())
        .map(RecordComponent::getName)
        .toList();
  }

  /** True when {@code spec.cloud.<provider>.<field>} holds a non-blank value. */
  static boolean isSet(CloudSpec cloud, String provider, String field) {
    RecordComponent block = BLOCKS.get(provider);
    if (cloud == null || block == null) {
      return false;
    }
    Object value = read(block, cloud);
    if (value == null) {
      return false;
    }
    for (RecordComponent c : block.getType().getRecordComponents()) {
      if (c.getName().equals(field)) {
        return present(read(c, value));
      }
    }
    return false;
  }

  private static boolean present(Object v) {
    if (v instanceof String s) {
      return !s.isBlank();
    }
    if (v instanceof Collection<?> c) {
      return !c.isEmpty();
    }
    return v != null;
  }

  private static Object read(RecordComponent c, Object target) {
    try {
      return c.getAccessor().invoke(target);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot read " + c.getName(), e);
    }
  }
}
