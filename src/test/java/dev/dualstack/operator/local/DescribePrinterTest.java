package dev.dualstack.operator.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dualstack.operator.api.Cluster;
import dev.dualstack.operator.api.ClusterStatus;
import dev.dualstack.operator.api.ClusterStatusBuilder;
import dev.dualstack.operator.cli.DescribePrinter;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DescribePrinterTest {

  @Test
  void printsLikeKubectlDescribe() {
    Cluster c = new Cluster();
    c.setMetadata(
        new ObjectMetaBuilder()
            .withName("prod")
            .withLabels(Map.of("env", "prod"))
            .withGeneration(2L)
            .build());
    ClusterStatus s =
        ClusterStatusBuilder.builder()
            .observedGeneration(2L)
            .acceptedGeneration(2L)
            .phase("Ready")
            .ipFamily("IPv4")
            .datacenter("dc")
            .cni(new ClusterStatus.CniStatus("cilium", "1.19.4"))
            .warnings(List.of(new dev.dualstack.operator.api.Warning("W", "careful", "NET-025")))
            .conditions(
                List.of(
                    new ConditionBuilder()
                        .withType("Ready")
                        .withStatus("True")
                        .withReason("Ready")
                        .withMessage("in effect")
                        .withLastTransitionTime("2026-01-01T00:00:00Z")
                        .build()))
            .build();
    var event =
        new EventBuilder()
            .withType("Normal")
            .withReason("NetworkAccepted")
            .withMessage("accepted generation 2")
            .withLastTimestamp("2026-01-01T00:00:00Z")
            .withNewSource()
            .withComponent("dualstack-operator")
            .endSource()
            .build();

    String text =
        DescribePrinter.describe(
            c, c.getSpec(), s, List.of(event), Instant.parse("2026-01-01T00:00:30Z"));

    assertThat(text)
        .contains("Name:         prod\n")
        .contains("Labels:       env=prod\n")
        .contains("Kind:         Cluster\n")
        .contains("  Observed Generation: 2\n")
        .contains("  Ip Family:")
        .contains("  Cni:\n    Type:    cilium\n")
        .contains("  Warnings:\n    Code:    W\n    Message: careful\n")
        .containsPattern("Type +Status +Reason +Last Transition Time +Message")
        .containsPattern("Ready +True +Ready +2026-01-01T00:00:00Z +in effect")
        .containsPattern("Normal +NetworkAccepted +30s +dualstack-operator +accepted generation 2");
  }

  @Test
  void titlesSplitCamelCaseAfterLowerCaseLettersAndDigits() {
    Cluster c = new Cluster();
    c.setMetadata(new ObjectMetaBuilder().withName("x").build());
    String text =
        DescribePrinter.describe(
            c,
            Map.of("ipv6Enabled", true, "nodeCidrMaskSizeIPv4", 24),
            null,
            List.of(),
            Instant.EPOCH);
    assertThat(text)
        .contains("Ipv6 Enabled:")
        .contains("Node Cidr Mask Size IPv4:")
        .contains("Status:\n  <none>\n")
        .contains("Events:        <none>");
  }
}
