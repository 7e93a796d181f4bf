package dev.dualstack.operator.bench;

import dev.dualstack.operator.api.Cluster;
import dev.dualstack.operator.api.ClusterStatus;
import dev.dualstack.operator.pipeline.Pipeline;
import dev.dualstack.operator.pipeline.PipelineResult;
import dev.dualstack.operator.pipeline.capability.CapabilityMatrixLoader;
import dev.dualstack.operator.pipeline.model.ClusterInput;
import dev.dualstack.operator.pipeline.model.DatacenterInput;
import dev.dualstack.operator.pipeline.status.ClusterStatusFactory;
import dev.dualstack.operator.runtime.EmbeddedApiServer;
import io.fabric8.kubernetes.client.KubernetesClient;
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
import org.openjdk.jmh.annotations.TearDown;

/**
 * One status PATCH round trip against the in-process API server (fabric8 mock, CRUD mode): the
 * patch the operator sends on a dual-stack cluster's first reconcile (JOSDK without server-side
 * apply: a JSON Patch, {@code application/json-patch+json}, from the cached Cluster without status
 * to the one with the status the pipeline built), through a fabric8 Vert.x client like the
 * operator's. The generation in the status alternates so that every patch changes the stored
 * object.
 *
 * <p>{@link #statusPatchRoundTrip} goes through fabric8's {@code editStatus} as JOSDK does (a clone
 * and a client-side diff before the request); {@link #statusPatchLimit} sends the same JSON Patch
 * body directly (the fair limit of the throughput harness): the request alone.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class StatusPatchBenchmark {
  private EmbeddedApiServer api;
  private KubernetesClient client;
  private Cluster original;
  private Cluster[] versions;
  private ClusterStatus[] statuses;
  private int next;

  @Setup(Level.Trial)
  public void setUp() {
    api = new EmbeddedApiServer().start();
    client = api.newClient();
    client.resource(BenchClusters.openstackDc()).create();
    Cluster created = client.resource(BenchClusters.dualStack("patched")).create();
    // like JOSDK's status patch: no optimistic locking (no resourceVersion in the patch)
    created.getMetadata().setResourceVersion(null);
    original = created;
    Pipeline pipeline = new Pipeline(CapabilityMatrixLoader.builtin());
    PipelineResult result =
        pipeline.evaluate(
            ClusterInput.of(created), DatacenterInput.of(BenchClusters.openstackDc()));
    ClusterStatusFactory factory = new ClusterStatusFactory(Clock.systemUTC());
    versions = new Cluster[2];
    statuses = new ClusterStatus[2];
    for (int i = 0; i < 2; i++) {
      Cluster c = client.getKubernetesSerialization().clone(created);
      statuses[i] = factory.build(null, result, 1L + i);
      c.setStatus(statuses[i]);
      versions[i] = c;
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    client.close();
    api.close();
  }

  @Benchmark
  public Cluster statusPatchRoundTrip() {
    next ^= 1;
    Cluster modified = versions[next];
    return client.resource(original).editStatus(c -> modified);
  }

  @Benchmark
  public Cluster statusPatchLimit() {
    next ^= 1;
    return ThroughputHarness.patchStatus(client, original, statuses[next]);
  }
}
