package dev.dualstack.operator.api;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;

/**
 * A provider block: {@code spec.cloud.<provider>} of a Cluster ({@link CloudSpec.Provider}) or
 * {@code spec.<provider>} of a Datacenter ({@link DatacenterSpec.Provider}). The block answers what
 * the code needs to know about its provider; nothing outside these two files branches on a provider
 * name. Adding a provider: one record in {@link CloudSpec} and one in {@link DatacenterSpec} (with
 * their component; the cluster's also in {@link CloudSpec#PROVIDERS}), its entry in {@code
 * capabilities.yaml}, and its renderer ({@link CloudSpec.Provider.Visitor}).
 */
public sealed interface ProviderBlock permits CloudSpec.Provider, DatacenterSpec.Provider {

  /** Every provider name, in schema order. */
  List<String> NAMES = List.copyOf(CloudSpec.PROVIDERS.keySet());

  /** The provider's name: the JSON property of the block ({@code aws}, ..., {@code anexia}). */
  String name();

  /**
   * The non-null blocks of {@code spec} (read through {@code accessors}, every block of the spec in
   * schema order), in that order. Read on every evaluation: no array, no stream, and the usual
   * single block as a one-element list.
   */
  static <S, P extends ProviderBlock> List<P> setIn(S spec, List<Function<S, P>> accessors) {
    P first = null;
    List<P> more = null;
    for (int i = 0; i < accessors.size(); i++) {
      P p = accessors.get(i).apply(spec);
      if (p == null) {
        continue;
      }
      if (first == null) {
        first = p;
      } else {
        if (more == null) {
          more = new java.util.ArrayList<>(4);
          more.add(first);
        }
        more.add(p);
      }
    }
    if (more != null) {
      return java.util.Collections.unmodifiableList(more);
    }
    return first == null ? List.of() : List.of(first);
  }

  /** The block of {@code spec} named {@code name}, or null when it is not set. */
  static <S, P extends ProviderBlock> P named(S spec, List<Function<S, P>> accessors, String name) {
    for (int i = 0; i < accessors.size(); i++) {
      P p = accessors.get(i).apply(spec);
      if (p != null && p.name().equals(name)) {
        return p;
      }
    }
    return null;
  }

  /**
   * True when the setting {@code field} of this block holds a non-blank value (a non-empty string
   * or list, any other non-null value). The capability data names settings by their JSON name
   * ({@code whenSet: [vpcID]}), so this reads the block's own record components.
   */
  default boolean isSet(String field) {
    for (RecordComponent c : getClass().getRecordComponents()) {
      if (c.getName().equals(field)) {
        Object v;
        try {
          v = c.getAccessor().invoke(this);
        } catch (ReflectiveOperationException e) {
          throw new IllegalStateException("cannot read " + name() + "." + field, e);
        }
        if (v instanceof String s) {
          return !s.isBlank();
        }
        return v instanceof Collection<?> list ? !list.isEmpty() : v != null;
      }
    }
    return false;
  }

  /** The settings (JSON names) of a block type; empty for a block without settings. */
  static List<String> settings(Class<? extends ProviderBlock> type) {
    return Arrays.stream(type.getRecordComponents()).map(RecordComponent::getName).toList();
  }
}
