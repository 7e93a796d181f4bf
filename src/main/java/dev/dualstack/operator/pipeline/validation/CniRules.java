package dev.dualstack.operator.pipeline.validation;

import dev.dualstack.operator.api.ClusterSpec.CniPluginSettings;
import dev.dualstack.operator.api.Warning;
import dev.dualstack.operator.pipeline.capability.CapabilityMatrix.CniCapability;
import dev.dualstack.operator.pipeline.field.ErrorType;
import dev.dualstack.operator.pipeline.field.Errors;
import dev.dualstack.operator.pipeline.field.FieldPath;
import dev.dualstack.operator.pipeline.field.FieldWarning;
import dev.dualstack.operator.pipeline.field.Rule;
import dev.dualstack.operator.pipeline.model.ValidationContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.semver4j.Semver;

/**
 * CNI type and version against the capability matrix's CNI lists (data, never hard-coded), and the
 * minimum version for dual-stack (docs/validation-rules.md).
 */
final class CniRules {
  static final FieldPath CNI = FieldPath.of("spec").child("cniPlugin");

  /** Warning code for a deprecated but accepted CNI version. */
  static final String WARN_CNI_VERSION_DEPRECATED = "CniVersionDeprecated";

  private CniRules() {}

  static void validate(ValidationContext ctx, Errors errors, List<Warning> warnings) {
    CniPluginSettings cni = ctx.effective().cniPlugin();
    if (cni == null) {
      return;
    }
    String type = cni.type();
    if (type == null || type.isBlank()) {
      errors.add(
          Rule.CNI_001,
          ErrorType.REQUIRED,
          CNI.child("type"),
          null,
          "a CNI type is required when a version is given, one of " + types(ctx));
      return;
    }
    CniCapability cap = ctx.matrix().cni() == null ? null : ctx.matrix().cni().get(type);
    if (cap == null) {
      errors.add(
          Rule.CNI_001,
          ErrorType.NOT_SUPPORTED,
          CNI.child("type"),
          type,
          "supported values: " + types(ctx));
      return;
    }
    String version = cni.version() == null ? "" : cni.version();
    List<String> current = cap.versions() == null ? List.of() : cap.versions();
    List<String> old = cap.deprecatedVersions() == null ? List.of() : cap.deprecatedVersions();
    // KKP compares the strings: no coercion, "v3.22.0" is not "v3.22"
    boolean deprecated = !current.contains(version) && old.contains(version);
    if (!current.contains(version) && !deprecated) {
      List<String> allowed = new ArrayList<>(current);
      allowed.addAll(old);
      String hint =
          Versions.spelledAs(version, allowed).map(v -> "did you mean " + v + "? ").orElse("");
      errors.add(
          Rule.CNI_002,
          ErrorType.NOT_SUPPORTED,
          CNI.child("version"),
          version,
          hint + "supported " + type + " versions: " + allowed);
      return;
    }
    if (deprecated) {
      warnings.add(
          FieldWarning.of(
              Rule.CNI_002,
              WARN_CNI_VERSION_DEPRECATED,
              CNI.child("version"),
              version,
              type + " " + version + " is deprecated; upgrade to one of " + current));
    }
    Optional<Semver> min = Versions.coerce(cap.minDualStackVersion());
    Optional<Semver> v = Versions.coerce(version);
    if (ctx.dualStack() && min.isPresent() && v.isPresent() && v.get().isLowerThan(min.get())) {
      errors.add(
          Rule.CNI_003,
          ErrorType.FORBIDDEN,
          CNI.child("version"),
          version,
          "dual-stack needs " + type + " " + cap.minDualStackVersion() + " or newer");
    }
  }

  private static TreeSet<String> types(ValidationContext ctx) {
    return ctx.matrix().cni() == null
        ? new TreeSet<>()
        : new TreeSet<>(ctx.matrix().cni().keySet());
  }
}
