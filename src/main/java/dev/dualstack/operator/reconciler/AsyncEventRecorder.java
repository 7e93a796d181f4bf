package dev.dualstack.operator.reconciler;

import dev.dualstack.operator.api.Cluster;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records events on one background thread, in order, as client-go's event broadcaster does: the
 * reconcile thread hands the event over and goes on to patch the status instead of waiting for the
 * Event write (the throughput harness showed reconcile threads spending half their time there).
 * Events stay best effort: when {@code capacity} events are waiting, a new one is dropped and
 * counted.
 */
public final class AsyncEventRecorder implements EventRecorder, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(AsyncEventRecorder.class);
  public static final int DEFAULT_CAPACITY = 10_000;

  private final EventRecorder delegate;
  private final ThreadPoolExecutor executor;
  private final AtomicLong dropped = new AtomicLong();
  private final AtomicLong submitted = new AtomicLong();
  private final AtomicLong done = new AtomicLong(); // written, failed or dropped
  private final Object progress = new Object();

  public AsyncEventRecorder(EventRecorder delegate, int capacity) {
    this.delegate = Objects.requireNonNull(delegate);
    this.executor =
        new ThreadPoolExecutor(
            1,
            1,
            0,
            TimeUnit.MILLISECONDS,
            new LinkedBlockingQueue<>(capacity),
            r -> {
              Thread t = new Thread(r, "event-recorder");
              t.setDaemon(true);
              return t;
            },
            (r, e) -> {
              if (!e.isShutdown()) {
                dropped.incrementAndGet();
                LOG.warn("event queue full ({} waiting): event dropped", capacity);
              }
              finished();
            });
  }

  @Override
  public void record(Cluster cluster, ClusterEvent event) {
    Cluster snapshot = snapshot(cluster);
    submitted.incrementAndGet();
    executor.execute(
        () -> {
          try {
            delegate.record(snapshot, event);
          } catch (RuntimeException e) {
            LOG.warn("could not record event {}: {}", event.reason(), e.toString());
          } finally {
            finished();
          }
        });
  }

  private void finished() {
    done.incrementAndGet();
    synchronized (progress) {
      progress.notifyAll();
    }
  }

  /** What the recorder reads of a Cluster, copied: the caller goes on changing the original. */
  private static Cluster snapshot(Cluster cluster) {
    Cluster c = new Cluster();
    ObjectMeta md = cluster.getMetadata();
    c.setMetadata(
        new ObjectMetaBuilder()
            .withName(md.getName())
            .withUid(md.getUid())
            .withGeneration(md.getGeneration())
            .withResourceVersion(md.getResourceVersion())
            .build());
    return c;
  }

  /**
   * Waits until every event recorded before this call has been written (or dropped).
   *
   * @return false when that took longer than {@code timeout}
   */
  public boolean flush(Duration timeout) {
    long target = submitted.get();
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (progress) {
      while (done.get() < target) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        try {
          TimeUnit.NANOSECONDS.timedWait(progress, left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return false;
        }
      }
    }
    return true;
  }

  /** Events dropped because the queue was full. */
  public long dropped() {
    return dropped.get();
  }

  /** Writes what is queued (for up to 5 s), then stops the thread. */
  @Override
  public void close() {
    executor.shutdown();
    try {
      if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
        executor.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      executor.shutdownNow();
    }
  }
}
