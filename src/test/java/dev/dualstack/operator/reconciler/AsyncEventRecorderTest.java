package dev.dualstack.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dualstack.operator.api.Cluster;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class AsyncEventRecorderTest {
  private static final Duration WAIT = Duration.ofSeconds(30);

  private record Recorded(String thread, String cluster, Long generation, String reason) {}

  private final List<Recorded> recorded = new CopyOnWriteArrayList<>();
  private final EventRecorder delegate =
      (cluster, event) ->
          recorded.add(
              new Recorded(
                  Thread.currentThread().getName(),
                  cluster.getMetadata().getName(),
                  cluster.getMetadata().getGeneration(),
                  event.reason()));

  private static Cluster cluster(String name, long generation) {
    Cluster c = Fixtures.openstackCluster(name, "dc");
    c.getMetadata().setGeneration(generation);
    c.getMetadata().setUid("uid-" + name);
    return c;
  }

  private static ClusterEvent event(String reason) {
    return new ClusterEvent(ClusterEvent.NORMAL, reason, "m");
  }

  @Test
  void writesInOrderOnItsOwnThreadAndFlushWaitsForThem() {
    try (AsyncEventRecorder async = new AsyncEventRecorder(delegate, 100)) {
      for (int i = 0; i < 20; i++) {
        async.record(cluster("c" + i, 1), event("R" + i));
      }

      assertThat(async.flush(WAIT)).isTrue();

      assertThat(recorded).extracting(Recorded::reason).hasSize(20).startsWith("R0", "R1");
      assertThat(recorded.get(19).reason()).isEqualTo("R19");
      assertThat(recorded).extracting(Recorded::thread).containsOnly("event-recorder");
    }
  }

  @Test
  void recordsWhatTheClusterWasWhenHandedOverNotWhatItBecameLater() {
    try (AsyncEventRecorder async = new AsyncEventRecorder(delegate, 100)) {
      Cluster c = cluster("snap", 1);
      async.record(c, event("Accepted"));
      c.getMetadata().setGeneration(2L);
      c.getMetadata().setName("renamed");

      assertThat(async.flush(WAIT)).isTrue();

      assertThat(recorded).containsExactly(new Recorded("event-recorder", "snap", 1L, "Accepted"));
    }
  }

  @Test
  void dropsAndCountsEventsWhenTheQueueIsFullInsteadOfBlockingTheReconcile() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch writing = new CountDownLatch(1);
    EventRecorder slow =
        (cluster, event) -> {
          writing.countDown();
          try {
            release.await(30, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          delegate.record(cluster, event);
        };
    try (AsyncEventRecorder async = new AsyncEventRecorder(slow, 2)) {
      async.record(cluster("a", 1), event("first")); // being written
      assertThat(writing.await(30, TimeUnit.SECONDS)).isTrue();
      async.record(cluster("b", 1), event("queued1"));
      async.record(cluster("c", 1), event("queued2"));
      async.record(cluster("d", 1), event("dropped"));

      assertThat(async.dropped()).isEqualTo(1);
      release.countDown();
      assertThat(async.flush(WAIT)).isTrue();
      assertThat(recorded)
          .extracting(Recorded::reason)
          .containsExactly("first", "queued1", "queued2");
    }
  }

  @Test
  void aFailingDelegateDoesNotStopLaterEvents() {
    EventRecorder failingOnce =
        (cluster, event) -> {
          if (event.reason().equals("boom")) {
            throw new IllegalStateException("boom");
          }
          delegate.record(cluster, event);
        };
    try (AsyncEventRecorder async = new AsyncEventRecorder(failingOnce, 10)) {
      async.record(cluster("a", 1), event("boom"));
      async.record(cluster("a", 1), event("after"));

      assertThat(async.flush(WAIT)).isTrue();
      assertThat(recorded).extracting(Recorded::reason).containsExactly("after");
    }
  }

  @Test
  void closeWritesWhatIsQueuedAndLaterEventsAreIgnored() {
    AsyncEventRecorder async = new AsyncEventRecorder(delegate, 10);
    async.record(cluster("a", 1), event("queued"));

    async.close();
    async.record(cluster("a", 1), event("after close"));

    assertThat(async.flush(WAIT)).isTrue();
    assertThat(recorded).extracting(Recorded::reason).containsExactly("queued");
    assertThat(async.dropped()).isZero();
  }

  @Test
  void flushGivesUpAfterItsTimeoutWhileAWriteHangs() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    EventRecorder hanging =
        (cluster, event) -> {
          try {
            release.await(30, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        };
    try (AsyncEventRecorder async = new AsyncEventRecorder(hanging, 10)) {
      async.record(cluster("a", 1), event("hangs"));

      assertThat(async.flush(Duration.ofMillis(50))).isFalse();
      release.countDown();
      assertThat(async.flush(WAIT)).isTrue();
    }
  }
}
