package dev.dualstack.operator.pipeline.status;

import static dev.dualstack.operator.api.Conditions.DUAL_STACK_SUPPORTED;
import static dev.dualstack.operator.api.Conditions.READY;
import static dev.dualstack.operator.api.Conditions.REASON_DATACENTER_INVALID;
import static dev.dualstack.operator.api.Conditions.REASON_DATACENTER_IPV6_DISABLED;
import static dev.dualstack.operator.api.Conditions.REASON_DATACENTER_VALID;
import static dev.dualstack.operator.api.Conditions.REASON_DUAL_STACK_SUPPORTED;
import static dev.dualstack.operator.api.Conditions.REASON_DUAL_STACK_UNKNOWN;
import static dev.dualstack.operator.api.Conditions.REASON_UNSUPPORTED;

import dev.dualstack.operator.api.ClusterStatus.StatusError;
import dev.dualstack.operator.api.DatacenterSpec;
import dev.dualstack.operator.api.DatacenterStatus;
import dev.dualstack.operator.api.DatacenterStatus.DualStack;
import dev.dualstack.operator.api.DatacenterStatus.OperatingSystemSupport;
import dev.dualstack.operator.api.DatacenterStatusBuilder;
import dev.dualstack.operator.api.ProviderBlock;
import dev.dualstack.operator.api.SchemaEnums;
import dev.dualstack.operator.api.UnreadableField;
import dev.dualstack.operator.pipeline.capability.CapabilityMatrix;
import dev.dualstack.operator.pipeline.capability.CapabilityMatrix.ProviderCapability;
import dev.dualstack.operator.pipeline.field.ErrorType;
import dev.dualstack.operator.pipeline.field.Rule;
import dev.dualstack.operator.pipeline.net.Cidr;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Builds a Datacenter's status fresh from its spec and the capability matrix: its provider, whether
 * dual-stack clusters can live here and why (matrix mode {@code always}; {@code datacenterFlag} and
 * the provider block's {@code ipv6Enabled}; {@code unknown}), the OS support map and conditions.
 */
public final class DatacenterStatusFactory {
  /** The provider-block field the {@code datacenterFlag} mode reads. */
  public static final String IPV6_FLAG = "ipv6Enabled";

  private final CapabilityMatrix matrix;
  private final Clock clock;

  public DatacenterStatusFactory(CapabilityMatrix matrix, Clock clock) {
    this.matrix = Objects.requireNonNull(matrix);
    this.clock = Objects.requireNonNull(clock);
  }

  public DatacenterStatus build(DatacenterStatus previous, DatacenterSpec spec, Long generation) {
    return build(previous, spec, generation, null);
  }

  /**
   * As {@link #build(DatacenterStatus, DatacenterSpec, Long)}; {@code unreadable} (may be null)
   * says why the stored spec could not be read, and is the first error.
   */
  public DatacenterStatus build(
      DatacenterStatus previous, DatacenterSpec spec, Long generation, UnreadableField unreadable) {
    List<StatusError> errors = new ArrayList<>();
    List<String> blocks =
        spec == null ? List.of() : spec.providers().stream().map(ProviderBlock::name).toList();
    String provider = blocks.size() == 1 ? blocks.get(0) : null;
    if (unreadable != null) {
      errors.add(
          new StatusError(
              unreadable.field(),
              ErrorType.INVALID.id(),
              unreadable.value(),
              "the stored spec cannot be read: " + unreadable.message(),
              Rule.API_001.id()));
    } else if (blocks.isEmpty()) {
      errors.add(
          new StatusError(
              "spec",
              ErrorType.REQUIRED.id(),
              null,
              "exactly one provider block is required, one of " + ProviderBlock.NAMES,
              Rule.DC_003.id()));
    } else if (blocks.size() > 1) {
      errors.add(
          new StatusError(
              "spec",
              ErrorType.FORBIDDEN.id(),
              null,
              "exactly one provider block is allowed, found " + blocks,
              Rule.DC_003.id()));
    }
    if (spec != null
        && spec.reservedNetworks() != null
        && spec.reservedNetworks().cidrBlocks() != null) {
      List<String> reserved = spec.reservedNetworks().cidrBlocks();
      for (int i = 0; i < reserved.size(); i++) {
        if (Cidr.parse(reserved.get(i)).isEmpty()) {
          errors.add(
              new StatusError(
                  "spec.reservedNetworks.cidrBlocks[" + i + "]",
                  ErrorType.INVALID.id(),
                  reserved.get(i),
                  "must be a CIDR such as 10.0.0.0/8 or fd00::/56",
                  Rule.DC_004.id()));
        }
      }
    }
    ProviderCapability capability = provider == null ? null : matrix.provider(provider);
    if (provider != null && capability == null) {
      errors.add(
          new StatusError(
              "spec." + provider,
              ErrorType.NOT_SUPPORTED.id(),
              null,
              "provider " + provider + " is not in the capability matrix " + matrix.source(),
              Rule.DC_005.id()));
    }

    DualStack dualStack = dualStack(spec, provider, capability);
    ConditionSetter c =
        new ConditionSetter(
            previous == null ? null : previous.conditions(), clock.instant(), generation);
    c.set(
        READY,
        errors.isEmpty() ? "True" : "False",
        errors.isEmpty() ? REASON_DATACENTER_VALID : REASON_DATACENTER_INVALID,
        errors.isEmpty()
            ? "the datacenter is valid, provider " + provider
            : errors.get(0).field() + ": " + errors.get(0).message());
    c.set(
        DUAL_STACK_SUPPORTED,
        REASON_DUAL_STACK_UNKNOWN.equals(dualStack.reason())
            ? "Unknown"
            : Boolean.TRUE.equals(dualStack.available()) ? "True" : "False",
        dualStack.reason(),
        dualStack.message());
    return DatacenterStatusBuilder.builder()
        .observedGeneration(generation)
        .provider(provider)
        .dualStack(dualStack)
        .operatingSystems(operatingSystems(capability))
        .errors(errors.isEmpty() ? null : List.copyOf(errors))
        .conditions(c.build())
        .build();
  }

  private DualStack dualStack(DatacenterSpec spec, String provider, ProviderCapability cap) {
    if (cap == null || cap.dualStack() == null) {
      return new DualStack(
          false,
          REASON_DATACENTER_INVALID,
          provider == null
              ? "the datacenter has no single provider block"
              : "provider " + provider + " has no dual-stack entry in the capability matrix");
    }
    String display = cap.displayName() == null ? provider : cap.displayName();
    return switch (cap.dualStack()) {
      case ALWAYS ->
          new DualStack(
              true, REASON_DUAL_STACK_SUPPORTED, "dual-stack is always available on " + display);
      case DATACENTER_FLAG ->
          ipv6Enabled(spec, provider)
              ? new DualStack(
                  true,
                  REASON_DUAL_STACK_SUPPORTED,
                  "spec." + provider + "." + IPV6_FLAG + " is true")
              : new DualStack(
                  false,
                  REASON_DATACENTER_IPV6_DISABLED,
                  display
                      + " needs spec."
                      + provider
                      + "."
                      + IPV6_FLAG
                      + ": true for dual-stack clusters");
      case UNKNOWN ->
          new DualStack(
              true,
              REASON_DUAL_STACK_UNKNOWN,
              "dual-stack on "
                  + display
                  + " is not known to work; dual-stack clusters are allowed with a warning");
      // modes added to the matrix later read as "not available"
      default ->
          new DualStack(
              false,
              REASON_UNSUPPORTED,
              "the capability matrix marks dual-stack on "
                  + display
                  + " as "
                  + name(cap.dualStack()));
    };
  }

  /** {@code spec.<provider>.ipv6Enabled} (unset = false). */
  static boolean ipv6Enabled(DatacenterSpec spec, String provider) {
    DatacenterSpec.Provider block = spec == null ? null : spec.provider(provider);
    return block != null && Boolean.TRUE.equals(block.ipv6Enabled());
  }

  private static Map<String, OperatingSystemSupport> operatingSystems(ProviderCapability cap) {
    if (cap == null || cap.operatingSystems() == null || cap.operatingSystems().isEmpty()) {
      return null;
    }
    Map<String, OperatingSystemSupport> out = new LinkedHashMap<>();
    cap.operatingSystems()
        .forEach(
            (os, s) ->
                out.put(
                    os,
                    new OperatingSystemSupport(
                        s == null || s.support() == null ? null : support(s.support()),
                        s == null ? null : s.note())));
    return out;
  }

  /** Matrix value as data, {@code minorIssue} → {@code MinorIssue}. */
  private static String support(CapabilityMatrix.Support s) {
    String n = name(s);
    return n.isEmpty() ? n : Character.toUpperCase(n.charAt(0)) + n.substring(1);
  }

  /** The name an enum value has in capabilities.yaml. */
  private static String name(Enum<?> value) {
    return SchemaEnums.value(value);
  }
}
