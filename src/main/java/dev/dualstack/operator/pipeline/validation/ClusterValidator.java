package dev.dualstack.operator.pipeline.validation;

import dev.dualstack.operator.api.Warning;
import dev.dualstack.operator.pipeline.field.Errors;
import dev.dualstack.operator.pipeline.field.Findings;
import dev.dualstack.operator.pipeline.model.ValidationContext;
import java.util.ArrayList;
import java.util.List;

/**
 * Stage 3: runs every rule class over the effective spec, collecting all errors. Rules that depend
 * on parsed CIDRs (overlaps, BYO addresses) only see the blocks that parsed cleanly.
 */
public final class ClusterValidator {
  private ClusterValidator() {}

  public static Findings validate(ValidationContext ctx) {
    Errors errors = new Errors();
    List<Warning> warnings = new ArrayList<>();
    NameRules.validate(ctx, errors);
    VersionRules.validate(ctx, errors, warnings);
    Ranges ranges = NetworkRules.validate(ctx, errors, warnings);
    SpecialRangeRules.validate(ranges, errors, warnings);
    ProxyRules.validate(ctx, errors);
    ExposeRules.validate(ctx, errors);
    OperatingSystemRules.validate(ctx, errors);
    CniRules.validate(ctx, errors, warnings);
    List<Located> providerNetworks = ProviderRules.validate(ctx, errors, warnings);
    OverlapRules.validate(ctx, ranges, providerNetworks, errors);
    TunnelingRules.validate(ctx, ranges, providerNetworks, errors);
    ByoRules.validate(ctx, ranges, errors, warnings);
    return new Findings(errors.toList(), warnings);
  }
}
