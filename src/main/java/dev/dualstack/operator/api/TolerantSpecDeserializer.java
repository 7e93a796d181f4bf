package dev.dualstack.operator.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import java.io.IOException;
import java.util.function.BiConsumer;

/**
 * Reads the {@code spec} (or {@code status}) of a custom resource so that one bad value does not
 * make the whole object unreadable. The operator's informers deserialize every object they list or
 * watch; a single Cluster with {@code nodeCidrMaskSizeIPv4: "abc"} (possible with an older CRD, or
 * an API server without schema validation) would otherwise fail the watch, stop the informer and,
 * through the operator framework, end the process. Here the spec becomes null and the owning object
 * is marked with an {@link UnreadableField}, which the reconciler reports.
 *
 * <p>The string values of the spec and status are interned ({@link String#intern()}: the JVM's own
 * table, whose entries go when no object refers to them): the operator's caches hold every Cluster,
 * and most of their strings are the same in each (condition types, reasons and messages, flags, the
 * CNI, the datacenter, default ranges). Measured with {@code bench.MemoryHarness}; see
 * docs/performance.md, "Memory and start-up".
 *
 * <p>With the {@link #STRICT} deserialization attribute set (the {@code check} reader), failures
 * propagate unchanged, with their exact path and location.
 */
public abstract class TolerantSpecDeserializer<S, O> extends JsonDeserializer<S> {
  /** Deserialization attribute: when present, do not tolerate anything. */
  public static final String STRICT = "dualstack.dev/strict";

  private final String field;
  private final Class<S> type;
  private final Class<O> owner;
  private final BiConsumer<O, UnreadableField> mark;

  protected TolerantSpecDeserializer(
      String field, Class<S> type, Class<O> owner, BiConsumer<O, UnreadableField> mark) {
    this.field = field;
    this.type = type;
    this.owner = owner;
    this.mark = mark;
  }

  @Override
  public S deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
    if (ctxt.getAttribute(STRICT) != null) {
      return ctxt.readValue(p, type);
    }
    O target = owner(p);
    // the tokens are kept (cheaper than a tree of nodes: every watch event comes through here);
    // the tree is built only to name the unreadable value
    TokenBuffer tokens = copyInterning(p, ctxt);
    try (JsonParser copy = tokens.asParserOnFirstToken()) {
      return ctxt.readValue(copy, type);
    } catch (JsonMappingException e) {
      if (target == null) {
        throw e;
      }
      JsonNode tree;
      try (JsonParser again = tokens.asParserOnFirstToken()) {
        tree = ctxt.readTree(again);
      }
      mark.accept(target, UnreadableField.of(field, tree, e));
      return null;
    }
  }

  /**
   * As {@link DeserializationContext#bufferAsCopyOfValue}, with every string value interned: the
   * tokens of the current value, the parser left on its last token.
   */
  private static TokenBuffer copyInterning(JsonParser p, DeserializationContext ctxt)
      throws IOException {
    TokenBuffer tokens = ctxt.bufferForInputBuffering(p);
    int depth = 0;
    JsonToken t = p.currentToken();
    while (t != null) {
      if (t == JsonToken.VALUE_STRING) {
        tokens.writeString(p.getText().intern());
      } else {
        tokens.copyCurrentEvent(p);
      }
      if (t.isStructStart()) {
        depth++;
      } else if (t.isStructEnd()) {
        depth--;
      }
      if (depth == 0) {
        break;
      }
      t = p.nextToken();
    }
    return tokens;
  }

  /** The object being deserialized: the current value of this or the enclosing context. */
  private O owner(JsonParser p) {
    JsonStreamContext ctx = p.getParsingContext();
    for (int i = 0; i < 2 && ctx != null; i++, ctx = ctx.getParent()) {
      Object value = ctx.getCurrentValue();
      if (owner.isInstance(value)) {
        return owner.cast(value);
      }
    }
    return null;
  }

  /** For {@link Cluster#setSpec}. */
  public static final class ForCluster extends TolerantSpecDeserializer<ClusterSpec, Cluster> {
    public ForCluster() {
      super("spec", ClusterSpec.class, Cluster.class, Cluster::markUnreadable);
    }
  }

  /** For {@link Cluster#setStatus}: an unreadable status is dropped and written afresh. */
  public static final class ForClusterStatus
      extends TolerantSpecDeserializer<ClusterStatus, Cluster> {
    public ForClusterStatus() {
      super("status", ClusterStatus.class, Cluster.class, Cluster::markUnreadableStatus);
    }
  }

  /** For {@link Datacenter#setSpec}. */
  public static final class ForDatacenter
      extends TolerantSpecDeserializer<DatacenterSpec, Datacenter> {
    public ForDatacenter() {
      super("spec", DatacenterSpec.class, Datacenter.class, Datacenter::markUnreadable);
    }
  }

  /** For {@link Datacenter#setStatus}: an unreadable status is dropped and written afresh. */
  public static final class ForDatacenterStatus
      extends TolerantSpecDeserializer<DatacenterStatus, Datacenter> {
    public ForDatacenterStatus() {
      super("status", DatacenterStatus.class, Datacenter.class, Datacenter::markUnreadableStatus);
    }
  }
}
