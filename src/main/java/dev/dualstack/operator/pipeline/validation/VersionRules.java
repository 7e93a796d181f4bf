package dev.dualstack.operator.pipeline.validation;

import dev.dualstack.operator.api.Warning;
import dev.dualstack.operator.pipeline.field.ErrorType;
import dev.dualstack.operator.pipeline.field.Errors;
import dev.dualstack.operator.pipeline.field.FieldPath;
import dev.dualstack.operator.pipeline.field.FieldWarning;
import dev.dualstack.operator.pipeline.field.Rule;
import dev.dualstack.operator.pipeline.model.KubeVersion;
import dev.dualstack.operator.pipeline.model.ValidationContext;
import java.util.List;
import java.util.Optional;

/**
 * {@code spec.version}: {@code MAJOR.MINOR.PATCH} (a leading {@code v} allowed) of a minor the
 * capability matrix supports (data: {@code kubernetes.minors}). Unset: a {@code VersionUnset}
 * warning says which rules assumed the newest supported minor.
 */
final class VersionRules {
  static final FieldPath VERSION = FieldPath.of("spec").child("version");

  /** Warning code for a cluster without {@code spec.version}. */
  static final String WARN_VERSION_UNSET = "VersionUnset";

  private VersionRules() {}

  static void validate(ValidationContext ctx, Errors errors, List<Warning> warnings) {
    String v = ctx.effective().version();
    List<String> minors = ctx.matrix().kubernetes().minors();
    if (v == null || v.isEmpty()) {
      warnings.add(
          FieldWarning.of(
              Rule.VER_003,
              WARN_VERSION_UNSET,
              VERSION,
              null,
              "not set: proxyMode defaults to ipvs (KKP's default for an unknown version), and the"
                  + " service range size limit and the kubeadm configuration API act as for"
                  + " Kubernetes "
                  + ctx.version()
                  + ", the newest supported minor"));
      return;
    }
    Optional<KubeVersion> parsed = KubeVersion.parse(v);
    if (parsed.isEmpty()) {
      errors.add(
          Rule.VER_001,
          ErrorType.NOT_SUPPORTED,
          VERSION,
          v,
          "must be a Kubernetes version MAJOR.MINOR.PATCH such as 1.31.4 or v1.31.4 of a"
              + " supported minor: "
              + minors);
    } else if (!KubeVersion.supports(minors, parsed.get())) {
      errors.add(
          Rule.VER_002,
          ErrorType.NOT_SUPPORTED,
          VERSION,
          v,
          "Kubernetes " + parsed.get() + " is not supported; supported minors: " + minors);
    }
  }
}
