package dev.dualstack.operator.reconciler;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationConfig;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.BeanSerializerModifier;
import dev.dualstack.operator.api.Cluster;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts the Cluster objects a client's serialization reads (list and watch events, answers,
 * serialization copies) and writes (request bodies, trees for client-side diffs, serialization
 * copies): what the throughput harness reports as the operator's copies per reconcile.
 */
public final class ClusterObjectCounter {
  public final LongAdder read = new LongAdder();
  public final LongAdder written = new LongAdder();

  /** A serialization like fabric8's default one, counting into this. */
  public KubernetesSerialization serialization() {
    ObjectMapper mapper = new ObjectMapper();
    SimpleModule module = new SimpleModule("cluster-object-counter");
    module.setDeserializerModifier(
        new BeanDeserializerModifier() {
          @Override
          public JsonDeserializer<?> modifyDeserializer(
              DeserializationConfig config, BeanDescription desc, JsonDeserializer<?> d) {
            return desc.getBeanClass() == Cluster.class ? new Counting(d) : d;
          }
        });
    module.setSerializerModifier(
        new BeanSerializerModifier() {
          @Override
          @SuppressWarnings("unchecked")
          public JsonSerializer<?> modifySerializer(
              SerializationConfig config, BeanDescription desc, JsonSerializer<?> s) {
            if (desc.getBeanClass() != Cluster.class) {
              return s;
            }
            JsonSerializer<Object> delegate = (JsonSerializer<Object>) s;
            return new JsonSerializer<Object>() {
              @Override
              public void serialize(Object value, JsonGenerator gen, SerializerProvider p)
                  throws IOException {
                written.increment();
                delegate.serialize(value, gen, p);
              }

              @Override
              public Class<Object> handledType() {
                return Object.class;
              }
            };
          }
        });
    mapper.registerModule(module);
    return new KubernetesSerialization(mapper, true);
  }

  private final class Counting extends DelegatingDeserializer {
    Counting(JsonDeserializer<?> d) {
      super(d);
    }

    @Override
    protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> d) {
      return new Counting(d);
    }

    @Override
    public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      read.increment();
      return super.deserialize(p, ctxt);
    }
  }
}
