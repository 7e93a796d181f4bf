package dev.dualstack.operator.bench;

import dev.dualstack.operator.reconciler.OperatorHarness;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the harnesses count at the API server: every answered request, status writes to Clusters,
 * Event writes, when each Cluster's status was first written (its create→Ready end), when the last
 * status and Event writes were answered, and the bytes of the status writes (so that a limit loop
 * can be seen to send the same requests as the operator).
 */
final class ServerCounters implements OperatorHarness.RequestListener {
  private static final String CLUSTERS = "/apis/dualstack.dev/v1/clusters/";

  final LongAdder requests = new LongAdder();

  /** Time the server spent answering, summed over requests (the mock answers under one lock). */
  final LongAdder busyNanos = new LongAdder();

  final LongAdder gets = new LongAdder();
  final LongAdder statusWrites = new LongAdder();
  final LongAdder statusWriteBytes = new LongAdder();
  final LongAdder eventWrites = new LongAdder();
  final LongAdder errors = new LongAdder();

  /** System.nanoTime() of the last status write and of the last Event write answered. */
  final AtomicLong lastStatusWrite = new AtomicLong();

  final AtomicLong lastEventWrite = new AtomicLong();

  /** The first status write's method, content type and body (to compare the requests sent). */
  final AtomicReference<String> firstStatusWrite0 = new AtomicReference<>();

  /** Cluster name → System.nanoTime() of its first status write in this run. */
  final Map<String, Long> firstStatusWrite = new ConcurrentHashMap<>();

  @Override
  public void answered(RecordedRequest request, MockResponse response, long nanos) {
    long now = System.nanoTime();
    requests.increment();
    busyNanos.add(nanos);
    String method = request.getMethod();
    String path = request.getPath();
    int q = path.indexOf('?');
    if (q >= 0) {
      path = path.substring(0, q);
    }
    int code = response.code();
    if (code >= 400) {
      errors.increment();
    }
    if (method.equals("GET")) {
      gets.increment();
      return;
    }
    if (path.contains("/events")) {
      eventWrites.increment();
      lastEventWrite.accumulateAndGet(now, Math::max);
      return;
    }
    if ((method.equals("PATCH") || method.equals("PUT"))
        && path.startsWith(CLUSTERS)
        && path.endsWith("/status")
        && code < 300) {
      statusWrites.increment();
      lastStatusWrite.accumulateAndGet(now, Math::max);
      String name = path.substring(CLUSTERS.length(), path.length() - "/status".length());
      firstStatusWrite.putIfAbsent(name, now);
    }
  }

  @Override
  public void received(RecordedRequest request) {
    String method = request.getMethod();
    String path = request.getPath();
    if ((method.equals("PATCH") || method.equals("PUT"))
        && path.startsWith(CLUSTERS)
        && path.endsWith("/status")) {
      byte[] body = request.getBody().getBytes(); // a copy: the server still reads it
      statusWriteBytes.add(body.length);
      if (firstStatusWrite0.get() == null) {
        firstStatusWrite0.compareAndSet(
            null,
            method
                + " "
                + path
                + " "
                + request.getHeader("Content-Type")
                + " "
                + new String(body, StandardCharsets.UTF_8));
      }
    }
  }

  /** The later of the last status write and the last Event write (the work is done). */
  long lastWrite() {
    return Math.max(lastStatusWrite.get(), lastEventWrite.get());
  }

  void resetFirstWrites() {
    firstStatusWrite.clear();
  }
}
