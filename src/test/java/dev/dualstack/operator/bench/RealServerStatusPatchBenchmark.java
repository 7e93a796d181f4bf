package dev.dualstack.operator.bench;

import dev.dualstack.operator.api.Cluster;
import dev.dualstack.operator.api.ClusterStatus;
import dev.dualstack.operator.pipeline.Pipeline;
import dev.dualstack.operator.pipeline.PipelineResult;
import dev.dualstack.operator.pipeline.capability.CapabilityMatrixLoader;
import dev.dualstack.operator.pipeline.model.ClusterInput;
import dev.dualstack.operator.pipeline.model.DatacenterInput;
import dev.dualstack.operator.pipeline.status.ClusterStatusFactory;
import io.fabric8.kubeapitest.KubeAPIServer;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
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
 * One status PATCH round trip against a real kube-apiserver 1.36.3 + etcd (the binaries of {@code
 * hack/kube-binaries.sh}, started through kube-api-test in offline mode, as {@code
 * exec@realthroughput} does): the operator's request alone ({@link ThroughputHarness#patchStatus},
 * the JSON Patch of {@code /status} with the answer read into a Cluster), alternating between two
 * statuses so that every request changes the object. {@link JmhMain} sets the dual-stack pipeline's
 * time beside it (goal: below 2% of it).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class RealServerStatusPatchBenchmark {
  private KubeAPIServer server;
  private KubernetesClient client;
  private Cluster original;
  private ClusterStatus[] statuses;
  private int next;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    server = RealServerThroughputHarness.startServer();
    client = RealServerThroughputHarness.client(server.getKubeConfigYaml());
    RealServerThroughputHarness.installCrds(client);
    client.resource(BenchClusters.openstackDc()).create();
    original = client.resource(BenchClusters.dualStack("patched")).create();
    PipelineResult result =
        new Pipeline(CapabilityMatrixLoader.builtin())
            .evaluate(ClusterInput.of(original), DatacenterInput.of(BenchClusters.openstackDc()));
    ClusterStatusFactory factory = new ClusterStatusFactory(Clock.systemUTC());
    statuses =
        new ClusterStatus[] {factory.build(null, result, 1L), factory.build(null, result, 2L)};
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    client.close();
    server.stop();
  }

  @Benchmark
  public Cluster statusPatchLimit() {
    next ^= 1;
    return ThroughputHarness.patchStatus(client, original, statuses[next]);
  }
}
