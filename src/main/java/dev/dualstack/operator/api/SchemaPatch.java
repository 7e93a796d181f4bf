package dev.dualstack.operator.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.crdv2.generator.v1.SchemaCustomizer;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.Map;

/**
 * A {@code @SchemaCustomizer} for the CRD generator (build time only: the generator's interface is
 * not on the runtime classpath, and nothing at runtime loads this class): deep-merges a JSON object
 * into a type's generated schema, objects merged key by key, anything else replaced. The
 * generator's own {@code MergePatchCustomizer} replaces {@code properties} as a whole, and the
 * generator has no annotation for {@code x-kubernetes-list-type} or for rules on list items.
 */
public final class SchemaPatch implements SchemaCustomizer.Customizer {
  @Override
  public JSONSchemaProps apply(
      JSONSchemaProps schema, String patch, KubernetesSerialization serialization) {
    JsonNode target = serialization.convertValue(schema, JsonNode.class);
    merge((ObjectNode) target, serialization.unmarshal(patch, JsonNode.class));
    return serialization.convertValue(target, JSONSchemaProps.class);
  }

  static void merge(ObjectNode target, JsonNode patch) {
    for (Map.Entry<String, JsonNode> e : patch.properties()) {
      JsonNode existing = target.get(e.getKey());
      if (existing instanceof ObjectNode o && e.getValue().isObject()) {
        merge(o, e.getValue());
      } else {
        target.set(e.getKey(), e.getValue());
      }
    }
  }
}
