package dev.dualstack.operator.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dualstack.operator.api.Cluster;
import dev.dualstack.operator.pipeline.capability.CapabilityMatrixLoader;
import dev.dualstack.operator.pipeline.model.ClusterInput;
import dev.dualstack.operator.pipeline.model.DatacenterInput;
import dev.dualstack.operator.pipeline.model.KubeVersion;
import dev.dualstack.operator.pipeline.net.Cidr;
import dev.dualstack.operator.pipeline.net.IpAddr;
import dev.dualstack.operator.reconciler.Fixtures;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Strings are parsed once: again for the same Cluster, and a Datacenter's for its next Cluster. */
class ParseOnceTest {
  private final Pipeline pipeline = new Pipeline(CapabilityMatrixLoader.builtin());
  private final DatacenterInput dc = DatacenterInput.of(Fixtures.openstackDc("parse-once", true));

  private static Cluster cluster(String name, int third) {
    return Fixtures.cluster(
        name,
        Fixtures.openstackCloud("parse-once", null),
        Fixtures.network(
            "IPv4+IPv6",
            List.of("172.29." + third + ".0/24", "fd09:" + third + "::/56"),
            List.of("10.29." + third + ".0/24", "fd0a:" + third + "::/108"),
            26));
  }

  private static long parses() {
    return Cidr.parses() + IpAddr.parses() + KubeVersion.parses();
  }

  @Test
  void aSecondEvaluationOfTheSameClusterParsesNothing() {
    ClusterInput c = ClusterInput.of(cluster("twice", 1));
    PipelineResult first = pipeline.evaluate(c, dc);
    long before = parses();

    PipelineResult second = pipeline.evaluate(c, dc);

    assertThat(parses() - before).isZero();
    assertThat(second).isEqualTo(first);
    assertThat(second.errors()).isEmpty();
  }

  @Test
  void theNextClusterOfADatacenterParsesOnlyItsOwnStrings() {
    pipeline.evaluate(ClusterInput.of(cluster("first", 2)), dc);
    long before = Cidr.parses();

    PipelineResult next = pipeline.evaluate(ClusterInput.of(cluster("next", 3)), dc);

    // its four ranges, and at most as many strings derived from them (canonical forms)
    assertThat(Cidr.parses() - before).isBetween(4L, 8L);
    assertThat(next.errors()).isEmpty();
  }
}
