package dev.dualstack.operator.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dualstack.operator.api.ClusterStatus;
import org.junit.jupiter.api.Test;

/**
 * The harnesses at a tiny size, so that they keep working: functional invariants only (every
 * Cluster Ready, one status write per Cluster, nothing written on a resync), no timing.
 */
class HarnessSmokeIT {

  @Test
  void throughputHarnessRunsAndItsInvariantsHold() {
    ThroughputHarness.Run r =
        ThroughputHarness.run(new ThroughputHarness.Options(20, 5, 2, 1, 0), 0);

    assertThat(r.notReady()).isZero();
    assertThat(r.serverErrors()).isZero();
    assertThat(r.statusWritesPerCluster()).isLessThanOrEqualTo(1.05);
    assertThat(r.resyncStatusWrites()).isZero();
    assertThat(r.resyncEventWrites()).isZero();
    assertThat(r.eventsPerCluster()).isEqualTo(1.0);
    assertThat(r.operatorRate()).isPositive();
    assertThat(r.limitRate()).isPositive();
    assertThat(r.latencyP99Ms()).isGreaterThanOrEqualTo(r.latencyP50Ms()).isPositive();
    assertThat(ThroughputHarness.table(java.util.List.of(r))).contains("| median |");
    // one reconcile per Cluster on start, at most 3 Cluster objects made per first reconcile: a
    // copy sharing spec and status, the patch's answer, the watch event of the write
    assertThat(r.reconcilesPerCluster()).isEqualTo(1.0);
    assertThat(r.objectsReadPerReconcile() + r.sharedCopiesPerReconcile()).isLessThanOrEqualTo(3.0);
    assertThat(r.objectsWrittenPerReconcile()).isZero();
  }

  @Test
  void theLimitLoopSendsExactlyTheOperatorsRequests() {
    ThroughputHarness.Run r =
        ThroughputHarness.run(new ThroughputHarness.Options(10, 1, 2, 1, 0), 1);

    for (ThroughputHarness.Phase limit : java.util.List.of(r.limit(), r.limitWatched())) {
      assertThat(limit.statusWritesPerCluster()).isEqualTo(1.0);
      assertThat(limit.eventsPerCluster()).isEqualTo(1.0);
      assertThat(limit.getsPerCluster()).isLessThanOrEqualTo(r.operator().getsPerCluster());
      assertThat(limit.statusBytesPerWrite())
          .isCloseTo(r.operator().statusBytesPerWrite(), org.assertj.core.data.Offset.offset(8.0));
      // same method, path shape, content type and body (up to the Cluster's name and the times)
      assertThat(normalized(limit.firstStatusWrite()))
          .isEqualTo(normalized(r.operator().firstStatusWrite()));
    }
  }

  @Test
  void theRequestsComparedAreStatusJsonPatches() {
    ThroughputHarness.Run r =
        ThroughputHarness.run(new ThroughputHarness.Options(5, 1, 1, 1, 0), 0);

    assertThat(r.operator().firstStatusWrite())
        .startsWith("PATCH /apis/dualstack.dev/v1/clusters/c-")
        .contains("application/json-patch+json")
        .contains("\"path\":\"/status\"")
        .contains("\"phase\":\"Ready\"");
    assertThat(r.operator().statusBytesPerWrite()).isGreaterThan(100);
  }

  private static String normalized(String request) {
    return request
        .replaceAll("c-\\d{5}", "c-N")
        .replaceAll("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z", "T");
  }

  @Test
  void everyBenchmarkedClusterHasTheExpectedPhase() {
    PipelineBenchmark b = new PipelineBenchmark();
    b.setUp(); // throws when a cluster's phase is not the expected one

    assertThat(b.ipv4().phase()).isEqualTo("Ready");
    assertThat(b.dualStack().ipFamily()).isEqualTo("IPv4+IPv6");
    ClusterStatus invalid = b.invalid();
    assertThat(invalid.phase()).isEqualTo("Invalid");
    assertThat(invalid.errors()).hasSizeGreaterThanOrEqualTo(2);
    assertThat(b.byo50Nodes().phase()).isEqualTo("Ready");
  }

  @Test
  void statusPatchBenchmarkWritesTheStatus() {
    StatusPatchBenchmark b = new StatusPatchBenchmark();
    b.setUp();
    try {
      assertThat(b.statusPatchRoundTrip().getStatus().observedGeneration()).isEqualTo(2L);
      assertThat(b.statusPatchRoundTrip().getStatus().observedGeneration()).isEqualTo(1L);
      assertThat(b.statusPatchLimit().getStatus().observedGeneration()).isEqualTo(2L);
      assertThat(b.statusPatchLimit().getStatus().observedGeneration()).isEqualTo(1L);
    } finally {
      b.tearDown();
    }
  }
}
