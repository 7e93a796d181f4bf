package dev.dualstack.operator.reconciler;

import static dev.dualstack.operator.api.Conditions.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dualstack.operator.api.DatacenterSpec;
import dev.dualstack.operator.api.DatacenterStatus;
import dev.dualstack.operator.api.UnreadableField;
import dev.dualstack.operator.pipeline.capability.CapabilityMatrixLoader;
import dev.dualstack.operator.pipeline.status.DatacenterStatusFactory;
import io.fabric8.kubernetes.api.model.Condition;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
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
      Fixtures.yaml(DatacenterSpec.class, "{country: DE, location: x}");
  private final DatacenterStatusFactory factory =
      new DatacenterStatusFactory(CapabilityMatrixLoader.builtin(), CLOCK);

  private static final DatacenterSpec AWS =
      Fixtures.yaml(
          DatacenterSpec.class, "{country: DE, location: x, aws: {region: eu-central-1}}");

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
            Fixtures.yaml(
                DatacenterSpec.class,
                "{country: DE, location: x, vsphere: {endpoint: \"https://vc\", datacenter: dc}}"),
            false,
            REASON_DATACENTER_IPV6_DISABLED,
            "False"),
        Arguments.of(
            "kubevirt",
            Fixtures.yaml(DatacenterSpec.class, "{country: DE, location: x, kubevirt: {}}"),
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
        Fixtures.yaml(
            DatacenterSpec.class, "{country: DE, location: x, aws: {region: r}, bringyourown: {}}");
    DatacenterStatus s = factory.build(null, two, 1L);
    assertThat(s.provider()).isNull();
    assertThat(s.dualStack().available()).isFalse();
    assertThat(s.errors()).extracting(e -> e.field()).containsExactly("spec");
    DatacenterSpec badReserved =
        Fixtures.yaml(
            DatacenterSpec.class,
            "{country: DE, location: x, aws: {region: r}, reservedNetworks: {cidrBlocks: [10.0.0.0/8, not-a-cidr]}}");
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
