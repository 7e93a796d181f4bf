package dev.dualstack.operator.pipeline.validation;

import static dev.dualstack.operator.pipeline.field.Strings.blank;

import dev.dualstack.operator.api.ClusterSpec.CniPluginSettings;
import dev.dualstack.operator.api.ClusterStatus.CniStatus;
import dev.dualstack.operator.api.Conditions;
import dev.dualstack.operator.pipeline.field.ErrorType;
import dev.dualstack.operator.pipeline.field.Errors;
import dev.dualstack.operator.pipeline.field.FieldError;
import dev.dualstack.operator.pipeline.field.Rule;
import dev.dualstack.operator.pipeline.model.ValidationContext;
import java.util.List;
import java.util.Optional;
import org.semver4j.Semver;

/**
 * CNI changes against the accepted CNI (docs/validation-rules.md, KKP parity): it cannot be
 * removed, its type changes only with {@code unsafe-cni-migration}, its version moves at most one
 * minor unless {@code unsafe-cni-upgrade}, except Canal below 3.22 straight to 3.22.
 */
final class CniUpdateRules {
  private static final String CANAL = "canal";
  private static final Semver CANAL_JUMP_TARGET = Semver.coerce("3.22");

  private CniUpdateRules() {}

  static void validate(
      ValidationContext ctx, CniStatus prev, List<FieldError> earlier, Errors errors) {
    if (prev == null || prev.type() == null || prev.type().isBlank()) {
      return;
    }
    CniPluginSettings user = ctx.input().spec() == null ? null : ctx.input().spec().cniPlugin();
    CniPluginSettings eff = ctx.effective().cniPlugin();
    String type = eff == null ? null : eff.type();
    String version = eff == null ? null : eff.version();
    boolean userUnset = user == null || (blank(user.type()) && blank(user.version()));
    boolean same = prev.type().equals(type) && Versions.same(prev.version(), version);
    if (same) {
      return;
    }
    if (userUnset) {
      errors.add(
          Rule.UPD_011,
          ErrorType.FORBIDDEN,
          CniRules.CNI,
          null,
          "the CNI cannot be removed: the accepted CNI is "
              + prev.type()
              + " "
              + prev.version()
              + ", the default would be "
              + type
              + " "
              + version
              + "; set spec.cniPlugin");
      return;
    }
    if (UpdateRules.failed(earlier, CniRules.CNI)) {
      return;
    }
    if (!prev.type().equals(type)) {
      if (!ctx.input().hasLabel(Conditions.LABEL_UNSAFE_CNI_MIGRATION)) {
        errors.add(
            Rule.UPD_012,
            ErrorType.FORBIDDEN,
            CniRules.CNI.child("type"),
            type,
            "cannot change the CNI from "
                + prev.type()
                + " to "
                + type
                + " unless the cluster has the label "
                + Conditions.LABEL_UNSAFE_CNI_MIGRATION);
      }
      return;
    }
    if (ctx.input().hasLabel(Conditions.LABEL_UNSAFE_CNI_UPGRADE)) {
      return;
    }
    Optional<Semver> before = Versions.coerce(prev.version());
    Optional<Semver> after = Versions.coerce(version);
    if (before.isEmpty() || after.isEmpty()) {
      return;
    }
    Semver b = before.get();
    Semver a = after.get();
    if (CANAL.equals(type)
        && b.isLowerThan(CANAL_JUMP_TARGET)
        && a.getMajor() == CANAL_JUMP_TARGET.getMajor()
        && a.getMinor() == CANAL_JUMP_TARGET.getMinor()) {
      return;
    }
    if (a.getMajor() != b.getMajor() || Math.abs(a.getMinor() - b.getMinor()) > 1) {
      errors.add(
          Rule.UPD_013,
          ErrorType.FORBIDDEN,
          CniRules.CNI.child("version"),
          version,
          "the "
              + type
              + " version may move by at most one minor version from "
              + prev.version()
              + " unless the cluster has the label "
              + Conditions.LABEL_UNSAFE_CNI_UPGRADE);
    }
  }
}
