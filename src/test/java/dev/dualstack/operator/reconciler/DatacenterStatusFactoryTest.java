package dev.dualstack.operator.reconciler;

import static dev.dualstack.operator.api.Conditions.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dualstack.operator.api.CloudSpec;
import dev.dualstack.operator.api.DatacenterSpec;
import dev.dualstack.operator.api.DatacenterStatus;
import dev.dualstack.operator.api.IpRanges;
import dev.dualstack.operator.api.UnreadableField;
import dev.dualstack.operator.pipeline.capability.CapabilityMatrixLoader;
import io.fabric8.kubernetes.api.model.Condition;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Datacenter status from the capability matrix: a golden spec plus one-line modifiers. */
class DatacenterStatusFactoryTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
  private static final DatacenterSpec EMPTY =
      new DatacenterSpec(
          "DE", "x", null, null, null, null, null, null, null, null, null, null, null, null, null,
          null, null, null, null);
  private final DatacenterStatusFactory factory =
      new DatacenterStatusFactory(CapabilityMatrixLoader.builtin(), CLOCK);

  private static final DatacenterSpec AWS =
      new DatacenterSpec(
          "DE",
          "x",
          new DatacenterSpec.Aws("eu-central-1"),
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          null);

  static Stream<Arguments> providers() {
    return Stream.of(
        Arguments.of("aws", AWS, true, REASON_DUAL_STACK_SUPPORTED, "True"),
        Arguments.of(
            "openstack",
            Fixtures.openstackDc("d", true).getSpec(),
            true,
            REASON_DUAL_STACK_SUPPORTED,
            "True"),
        Arguments.of(
            "openstack",
            Fixtures.openstackDc("d", false).getSpec(),
            false,
            REASON_DATACENTER_IPV6_DISABLED,
            "False"),
        Arguments.of(
            "vsphere",
            new DatacenterSpec(
                "DE",
                "x",
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                new DatacenterSpec.Vsphere("https://vc", "dc", null),
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null),
            false,
            REASON_DATACENTER_IPV6_DISABLED,
            "False"),
        Arguments.of(
            "kubevirt",
            new DatacenterSpec(
                "DE",
                "x",
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                new CloudSpec.Empty(),
                null,
                null,
                null,
                null,
                null),
            true,
            REASON_DUAL_STACK_UNKNOWN,
            "Unknown"),
        Arguments.of(
            "bringyourown",
            Fixtures.byoDc("d").getSpec(),
            true,
            REASON_DUAL_STACK_SUPPORTED,
            "True"));
  }

  @ParameterizedTest(name = "{0} ipv6 available={2}")
  @MethodSource("providers")
  void dualStackAvailabilityFollowsTheMatrix(
      String provider, DatacenterSpec spec, boolean available, String reason, String condition) {
    DatacenterStatus s = factory.build(null, spec, 1L);

    assertThat(s.provider()).isEqualTo(provider);
    assertThat(s.dualStack().available()).isEqualTo(available);
    assertThat(s.dualStack().reason()).isEqualTo(reason);
    assertThat(s.errors()).isNull();
    assertThat(s.conditions())
        .extracting(Condition::getType, Condition::getStatus)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(READY, "True"),
            org.assertj.core.groups.Tuple.tuple(DUAL_STACK_SUPPORTED, condition));
  }

  @Test
  void operatingSystemSupportComesFromTheMatrix() {
    DatacenterStatus s = factory.build(null, Fixtures.openstackDc("d", true).getSpec(), 1L);
    assertThat(s.operatingSystems().get("ubuntu").support()).isEqualTo("Supported");
  }

  @Test
  void noOrSeveralProviderBlocksOrABadReservedNetworkAreErrors() {
    assertThat(factory.build(null, EMPTY, 1L).errors())
        .extracting(e -> e.type() + " " + e.field())
        .containsExactly("Required spec");
    DatacenterSpec two =
        new DatacenterSpec(
            "DE",
            "x",
            new DatacenterSpec.Aws("r"),
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            new CloudSpec.Empty(),
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null);
    DatacenterStatus s = factory.build(null, two, 1L);
    assertThat(s.provider()).isNull();
    assertThat(s.dualStack().available()).isFalse();
    assertThat(s.errors()).extracting(e -> e.field()).containsExactly("spec");
    DatacenterSpec badReserved =
        new DatacenterSpec(
            "DE",
            "x",
            new DatacenterSpec.Aws("r"),
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            new IpRanges(List.of("10.0.0.0/8", "not-a-cidr")));
    assertThat(factory.build(null, badReserved, 1L).errors())
        .extracting(e -> e.field())
        .containsExactly("spec.reservedNetworks.cidrBlocks[1]");
  }

  @Test
  void anUnreadableSpecIsTheOnlyError() {
    DatacenterStatus s =
        factory.build(
            null,
            null,
            1L,
            new UnreadableField("spec.openstack.ipv6Enabled", null, "expected a boolean"));

    assertThat(s.errors())
        .extracting(e -> e.field(), e -> e.type())
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("spec.openstack.ipv6Enabled", "Invalid"));
    assertThat(s.errors().get(0).message()).contains("cannot be read");
    assertThat(s.dualStack().available()).isFalse();
  }

  @Test
  void theSameSpecGivesAnEqualStatusSoNothingIsWritten() {
    DatacenterStatus first = factory.build(null, Fixtures.openstackDc("d", true).getSpec(), 1L);
    DatacenterStatus later =
        new DatacenterStatusFactory(
                CapabilityMatrixLoader.builtin(),
                Clock.fixed(Instant.parse("2026-02-01T00:00:00Z"), ZoneOffset.UTC))
            .build(first, Fixtures.openstackDc("d", true).getSpec(), 1L);
    assertThat(later).isEqualTo(first);
  }
}
