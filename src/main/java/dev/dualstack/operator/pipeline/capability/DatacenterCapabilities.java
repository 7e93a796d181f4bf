package dev.dualstack.operator.pipeline.capability;

import dev.dualstack.operator.api.Conditions;
import dev.dualstack.operator.api.DatacenterSpec;
import dev.dualstack.operator.api.DatacenterStatus.DualStack;
import dev.dualstack.operator.api.DatacenterStatus.OperatingSystemSupport;
import dev.dualstack.operator.pipeline.capability.CapabilityMatrix.OsSupport;
import dev.dualstack.operator.pipeline.capability.CapabilityMatrix.ProviderCapability;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a Datacenter offers, for {@code Datacenter.status}: whether dual-stack clusters can be
 * created there (and why) and the dual-stack support per operating system, from the matrix.
 */
public final class DatacenterCapabilities {
  private DatacenterCapabilities() {}

  /** {@code status.dualStack} of a datacenter of {@code provider}; null provider gives null. */
  public static DualStack dualStack(CapabilityMatrix m, String provider, DatacenterSpec spec) {
    ProviderCapability cap = provider == null ? null : m.provider(provider);
    if (cap == null) {
      return null;
    }
    return switch (cap.dualStack()) {
      case ALWAYS ->
          new DualStack(
              true,
              Conditions.REASON_DUAL_STACK_SUPPORTED,
              cap.displayName() + " always supports dual-stack");
      case DATACENTER_FLAG ->
          Boolean.TRUE.equals(CapabilityChecker.ipv6Enabled(spec, provider))
              ? new DualStack(true, Conditions.REASON_DUAL_STACK_SUPPORTED, "ipv6Enabled is true")
              : new DualStack(
                  false,
                  Conditions.REASON_DATACENTER_IPV6_DISABLED,
                  "dual-stack needs spec." + provider + ".ipv6Enabled: true");
      case UNKNOWN ->
          new DualStack(
              true,
              Conditions.REASON_DUAL_STACK_UNKNOWN,
              "dual-stack on " + cap.displayName() + " is allowed but not known to work");
      case UNSUPPORTED ->
          new DualStack(
              false,
              Conditions.REASON_PROVIDER_DUAL_STACK_UNSUPPORTED,
              "dual-stack is not offered on " + cap.displayName() + " by this deployment");
    };
  }

  /**
   * {@code status.operatingSystems}: support per OS as {@code Supported}, {@code Untested}, {@code
   * MinorIssue}, {@code Any} or {@code Unsupported}, with its note; empty for providers of unknown
   * support.
   */
  public static Map<String, OperatingSystemSupport> operatingSystems(
      CapabilityMatrix m, String provider) {
    ProviderCapability cap = provider == null ? null : m.provider(provider);
    Map<String, OperatingSystemSupport> out = new LinkedHashMap<>();
    if (cap == null || cap.operatingSystems() == null) {
      return out;
    }
    for (String os : CapabilitySchema.OPERATING_SYSTEMS) {
      OsSupport s = cap.operatingSystems().get(os);
      if (s != null) {
        out.put(os, new OperatingSystemSupport(title(s.support()), s.note()));
      }
    }
    return out;
  }

  private static String title(CapabilityMatrix.Support s) {
    return switch (s) {
      case SUPPORTED -> "Supported";
      case UNTESTED -> "Untested";
      case MINOR_ISSUE -> "MinorIssue";
      case ANY -> "Any";
      case UNSUPPORTED -> "Unsupported";
    };
  }
}
