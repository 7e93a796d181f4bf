package dev.dualstack.operator.bench;

import dev.dualstack.operator.api.Cluster;
import dev.dualstack.operator.api.ClusterStatus;
import dev.dualstack.operator.api.Conditions;
import dev.dualstack.operator.api.Datacenter;
import dev.dualstack.operator.pipeline.Pipeline;
import dev.dualstack.operator.pipeline.PipelineResult;
import dev.dualstack.operator.pipeline.capability.CapabilityMatrixLoader;
import dev.dualstack.operator.pipeline.model.ClusterInput;
import dev.dualstack.operator.pipeline.model.DatacenterInput;
import dev.dualstack.operator.pipeline.status.ClusterStatusFactory;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The whole pipeline as the reconciler runs it for one Cluster: {@code ClusterInput.of}, {@code
 * Pipeline.evaluate} against its Datacenter and {@code ClusterStatusFactory.build} (a first
 * reconcile, no previous status). Pure CPU, no I/O.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class PipelineBenchmark {
  static final int BYO_NODES = 50;

  /** More distinct Clusters than the parse caches remember (4,096 strings). */
  static final int DISTINCT = 16_384;

  private Pipeline pipeline;
  private ClusterStatusFactory statusFactory;
  private DatacenterInput openstack;
  private DatacenterInput byoDc;
  private Cluster ipv4;
  private Cluster dualStack;
  private Cluster invalid;
  private Cluster byo;
  private Cluster[] distinct;
  private int nextDistinct;

  @Setup(Level.Trial)
  public void setUp() {
    pipeline = new Pipeline(CapabilityMatrixLoader.builtin());
    statusFactory = new ClusterStatusFactory(Clock.systemUTC());
    openstack = input(BenchClusters.openstackDc());
    byoDc = input(BenchClusters.byoDc());
    ipv4 = BenchClusters.ipv4("ipv4");
    dualStack = BenchClusters.dualStack("dual-stack");
    invalid = BenchClusters.invalid("invalid");
    byo = BenchClusters.byo("byo", BYO_NODES);
    expect(ipv4, openstack, Conditions.PHASE_READY);
    expect(dualStack, openstack, Conditions.PHASE_READY);
    expect(invalid, openstack, Conditions.PHASE_INVALID);
    expect(byo, byoDc, Conditions.PHASE_READY);
    distinct = new Cluster[DISTINCT];
    for (int i = 0; i < DISTINCT; i++) {
      distinct[i] = BenchClusters.dualStackDistinct("distinct-" + i, i);
    }
    expect(distinct[0], openstack, Conditions.PHASE_READY);
    expect(distinct[DISTINCT - 1], openstack, Conditions.PHASE_READY);
  }

  private static DatacenterInput input(Datacenter dc) {
    return DatacenterInput.of(dc);
  }

  private void expect(Cluster c, DatacenterInput dc, String phase) {
    String actual = reconcile(c, dc).phase();
    if (!phase.equals(actual)) {
      throw new IllegalStateException(
          c.getMetadata().getName() + ": phase " + actual + ", expected " + phase);
    }
  }

  ClusterStatus reconcile(Cluster c, DatacenterInput dc) {
    PipelineResult result = pipeline.evaluate(ClusterInput.of(c), dc);
    return statusFactory.build(c.getStatus(), result, 1L);
  }

  @Benchmark
  public ClusterStatus ipv4() {
    return reconcile(ipv4, openstack);
  }

  @Benchmark
  public ClusterStatus dualStack() {
    return reconcile(dualStack, openstack);
  }

  /** A dual-stack cluster whose ranges were never seen before (its Datacenter's were). */
  @Benchmark
  public ClusterStatus dualStackDistinct() {
    Cluster c = distinct[nextDistinct];
    nextDistinct = (nextDistinct + 1) % DISTINCT;
    return reconcile(c, openstack);
  }

  @Benchmark
  public ClusterStatus invalid() {
    return reconcile(invalid, openstack);
  }

  @Benchmark
  public ClusterStatus byo50Nodes() {
    return reconcile(byo, byoDc);
  }
}
