package dev.dualstack.operator.pipeline.net;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;

/**
 * Remembers the results of a pure parse function of strings, so that one evaluation parses each
 * distinct string once (a Cluster names the same CIDR in several places and every Cluster of a
 * Datacenter names the Datacenter's ranges). Values must be immutable. Bounded: when {@code limit}
 * strings are remembered, everything is forgotten at once (hostile input of many distinct strings
 * then costs what it cost without the cache).
 */
public final class ParseCache<V> {
  private final Map<String, V> values = new ConcurrentHashMap<>();
  private final Function<String, V> parser;
  private final int limit;
  private final LongAdder parses = new LongAdder();

  public ParseCache(Function<String, V> parser, int limit) {
    this.parser = Objects.requireNonNull(parser);
    this.limit = limit;
  }

  /** The parse of {@code text} (not null). */
  public V get(String text) {
    V v = values.get(text);
    if (v != null) {
      return v;
    }
    v = Objects.requireNonNull(parser.apply(text));
    parses.increment();
    if (values.size() >= limit) {
      values.clear();
    }
    values.put(text, v);
    return v;
  }

  /** How many times the parse function ran (tests and diagnostics). */
  public long parses() {
    return parses.sum();
  }
}
