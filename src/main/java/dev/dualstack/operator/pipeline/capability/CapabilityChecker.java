package dev.dualstack.operator.pipeline.capability;

import dev.dualstack.operator.api.CloudSpec;
import dev.dualstack.operator.api.ClusterSpec;
import dev.dualstack.operator.api.Conditions;
import dev.dualstack.operator.api.DatacenterSpec;
import dev.dualstack.operator.api.IpFamilies;
import dev.dualstack.operator.api.Warning;
import dev.dualstack.operator.pipeline.capability.CapabilityMatrix.DualStackMode;
import dev.dualstack.operator.pipeline.capability.CapabilityMatrix.Limitation;
import dev.dualstack.operator.pipeline.capability.CapabilityMatrix.OsNote;
import dev.dualstack.operator.pipeline.capability.CapabilityMatrix.OsSupport;
import dev.dualstack.operator.pipeline.capability.CapabilityMatrix.ProviderCapability;
import dev.dualstack.operator.pipeline.capability.CapabilityMatrix.Support;
import dev.dualstack.operator.pipeline.field.ErrorType;
import dev.dualstack.operator.pipeline.field.Errors;
import dev.dualstack.operator.pipeline.field.FieldError;
import dev.dualstack.operator.pipeline.field.FieldPath;
import dev.dualstack.operator.pipeline.field.FieldWarning;
import dev.dualstack.operator.pipeline.field.Rule;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Stage 5: provider × datacenter {@code ipv6Enabled} × {@code spec.operatingSystems} × CNI against
 * the capability matrix (docs/capability-matrix.md). Blocking findings are {@code CAP-} errors
 * (phase Unsupported); the rest become warnings with stable codes. Everything it knows about
 * providers and operating systems comes from the matrix.
 */
public final class CapabilityChecker {
  public static final String WARN_UNKNOWN_PROVIDER = "DualStackUnknownProvider";
  public static final String WARN_OS_UNTESTED = "OperatingSystemUntested";
  public static final String WARN_OS_MINOR_ISSUE = "OperatingSystemMinorIssue";
  public static final String WARN_CNI_NONE = "CniNotManagedDualStack";

  private static final FieldPath IP_FAMILY =
      FieldPath.of("spec").child("clusterNetwork").child("ipFamily");
  private static final FieldPath OPERATING_SYSTEMS = FieldPath.of("spec").child("operatingSystems");
  private static final FieldPath CNI_TYPE = FieldPath.of("spec").child("cniPlugin").child("type");

  private CapabilityChecker() {}

  /** The verdict behind {@code DualStackSupported}, the capability errors and the warnings. */
  public record Result(DualStackVerdict verdict, List<FieldError> errors, List<Warning> warnings) {
    public Result {
      errors = List.copyOf(errors);
      warnings = List.copyOf(warnings);
    }
  }

  /**
   * Checks an effective spec against the matrix.
   *
   * @param provider the resolved provider name, null when none could be determined
   * @param datacenterName the name of the cluster's datacenter
   * @param datacenter its spec, null when it does not exist
   */
  public static Result check(
      CapabilityMatrix matrix,
      ClusterSpec effective,
      String provider,
      String datacenterName,
      DatacenterSpec datacenter) {
    Errors errors = new Errors();
    List<Warning> warnings = new ArrayList<>();
    DualStackVerdict verdict =
        check(new Input(matrix, effective, provider, datacenterName, datacenter), errors, warnings);
    return new Result(verdict, errors.toList(), warnings);
  }

  private record Input(
      CapabilityMatrix matrix,
      ClusterSpec effective,
      String provider,
      String datacenterName,
      DatacenterSpec datacenter) {
    boolean dualStack() {
      return IpFamilies.dualStack(effective);
    }
  }

  private static DualStackVerdict check(Input ctx, Errors errors, List<Warning> warnings) {
    ProviderCapability cap = ctx.provider() == null ? null : ctx.matrix().provider(ctx.provider());
    if (!ctx.dualStack()) {
      return new DualStackVerdict(
          "True", Conditions.REASON_SINGLE_STACK, "the cluster is IPv4 only");
    }
    if (cap == null) {
      return new DualStackVerdict(
          "Unknown",
          Conditions.REASON_PROVIDER_UNKNOWN,
          "the provider could not be determined, so dual-stack support is unknown");
    }
    String display = cap.displayName();
    List<DualStackVerdict> refusals = new ArrayList<>();

    DualStackMode mode = cap.dualStack();
    if (mode == DualStackMode.UNSUPPORTED) {
      String msg = "dual-stack is not offered on " + display + " by this deployment";
      errors.add(Rule.CAP_002, ErrorType.FORBIDDEN, IP_FAMILY, ipFamily(ctx), msg);
      refusals.add(
          DualStackVerdict.of(false, Conditions.REASON_PROVIDER_DUAL_STACK_UNSUPPORTED, msg));
    } else if (mode == DualStackMode.DATACENTER_FLAG && ctx.datacenter() != null) {
      DatacenterSpec.Provider block = ctx.datacenter().provider(ctx.provider());
      if (block == null || !Boolean.TRUE.equals(block.ipv6Enabled())) {
        String msg =
            "dual-stack on "
                + display
                + " needs the Datacenter \""
                + ctx.datacenterName()
                + "\" to set spec."
                + ctx.provider()
                + ".ipv6Enabled: true";
        errors.add(Rule.CAP_001, ErrorType.FORBIDDEN, IP_FAMILY, ipFamily(ctx), msg);
        refusals.add(DualStackVerdict.of(false, Conditions.REASON_DATACENTER_IPV6_DISABLED, msg));
      }
    } else if (mode == DualStackMode.UNKNOWN) {
      warnings.add(
          FieldWarning.of(
              Rule.CAP_004,
              WARN_UNKNOWN_PROVIDER,
              IP_FAMILY,
              ipFamily(ctx),
              "dual-stack on "
                  + display
                  + " is not known to work; it is allowed, but test it before relying on it"));
    }

    List<String> oses = ctx.effective().operatingSystems();
    if (oses != null) {
      for (int i = 0; i < oses.size(); i++) {
        String os = oses.get(i);
        if (os == null || oses.subList(0, i).contains(os)) {
          continue;
        }
        DualStackVerdict refused =
            checkOs(ctx, cap, os, OPERATING_SYSTEMS.index(i), errors, warnings);
        if (refused != null) {
          refusals.add(refused);
        }
        OsNote note = ctx.matrix().operatingSystemNotes().get(os);
        if (note != null) {
          warnings.add(
              FieldWarning.of(
                  Rule.CAP_006, note.code(), OPERATING_SYSTEMS.index(i), os, note.message()));
        }
      }
    }

    String expose = ctx.effective().exposeStrategy();
    List<Limitation> limitations =
        cap.limitations() == null || !refusals.isEmpty() ? List.of() : cap.limitations();
    for (Limitation l : limitations) {
      boolean exposeMatches = l.appliesTo(expose);
      boolean fieldsMatch =
          l.whenSet() == null
              || l.whenSet().isEmpty()
              || l.whenSet().stream()
                  .anyMatch(f -> isSet(ctx.effective().cloud(), ctx.provider(), f));
      if (exposeMatches && fieldsMatch) {
        warnings.add(FieldWarning.of(Rule.CAP_007, l.code(), l.message()));
      }
    }

    var cni = ctx.effective().cniPlugin();
    if (cni != null && "none".equals(cni.type())) {
      warnings.add(
          FieldWarning.of(
              Rule.CAP_008,
              WARN_CNI_NONE,
              CNI_TYPE,
              cni.type(),
              "the CNI you install yourself must assign pod addresses from both the IPv4 and the"
                  + " IPv6 pod CIDR"));
    }

    if (!refusals.isEmpty()) {
      return refusals.get(0);
    }
    if (mode == DualStackMode.UNKNOWN) {
      return new DualStackVerdict(
          "Unknown",
          Conditions.REASON_DUAL_STACK_UNKNOWN,
          "dual-stack on " + display + " is allowed but not known to work");
    }
    return DualStackVerdict.of(
        true,
        Conditions.REASON_DUAL_STACK_SUPPORTED,
        "dual-stack is supported on " + display + (warnings.isEmpty() ? "" : " (see warnings)"));
  }

  private static DualStackVerdict checkOs(
      Input ctx,
      ProviderCapability cap,
      String os,
      FieldPath at,
      Errors errors,
      List<Warning> warnings) {
    if (cap.dualStack() == DualStackMode.UNKNOWN) {
      return null; // no OS table: the provider warning says it all
    }
    Map<String, OsSupport> table =
        cap.operatingSystems() == null ? Map.of() : cap.operatingSystems();
    OsSupport s = table.get(os);
    Support support = s == null ? Support.UNTESTED : s.support();
    String note = s == null || s.note() == null ? null : s.note();
    String subject = os + " with dual-stack on " + cap.displayName();
    switch (support) {
      case SUPPORTED, ANY -> {
        return null;
      }
      case UNTESTED -> {
        warnings.add(
            FieldWarning.of(
                Rule.CAP_005,
                WARN_OS_UNTESTED,
                at,
                os,
                subject + " is not available or not tested" + (note == null ? "" : ": " + note)));
        return null;
      }
      case MINOR_ISSUE -> {
        warnings.add(
            FieldWarning.of(
                Rule.CAP_005,
                WARN_OS_MINOR_ISSUE,
                at,
                os,
                subject + " has a known issue: " + note));
        return null;
      }
      case UNSUPPORTED -> {
        String msg = subject + " is not supported" + (note == null ? "" : ": " + note);
        errors.add(Rule.CAP_003, ErrorType.FORBIDDEN, at, os, msg);
        return DualStackVerdict.of(false, Conditions.REASON_OPERATING_SYSTEM_UNSUPPORTED, msg);
      }
      default -> throw new IllegalStateException("unhandled support " + support);
    }
  }

  private static String ipFamily(Input ctx) {
    return ctx.effective().clusterNetwork().ipFamily();
  }

  /** True when {@code spec.cloud.<provider>.<field>} holds a non-blank value. */
  private static boolean isSet(CloudSpec cloud, String provider, String field) {
    CloudSpec.Provider block = cloud == null ? null : cloud.provider(provider);
    return block != null && block.isSet(field);
  }
}
