package dev.dualstack.operator.pipeline.validation;

import dev.dualstack.operator.api.Warning;
import dev.dualstack.operator.pipeline.field.ErrorType;
import dev.dualstack.operator.pipeline.field.Errors;
import dev.dualstack.operator.pipeline.field.FieldWarning;
import dev.dualstack.operator.pipeline.field.Rule;
import dev.dualstack.operator.pipeline.net.SpecialRanges;
import dev.dualstack.operator.pipeline.net.SpecialRanges.Special;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Pods and services stay out of the special-purpose ranges (RFC 6890, IANA registries): a block
 * that contains or lies in one is Invalid, naming the range and its RFC; a documentation range is a
 * warning.
 */
final class SpecialRangeRules {
  /** Warning code for a pod or service block in a documentation range. */
  static final String WARN_DOCUMENTATION_RANGE = "DocumentationRange";

  private SpecialRangeRules() {}

  static void validate(Ranges ranges, Errors errors, List<Warning> warnings) {
    List<Located> all = new ArrayList<>(ranges.pods());
    all.addAll(ranges.services());
    for (Located l : all) {
      List<Special> refused = SpecialRanges.refusedOverlapping(l.cidr());
      if (!refused.isEmpty()) {
        errors.add(
            Rule.NET_024,
            ErrorType.INVALID,
            l.path(),
            l.cidr().text(),
            "must not overlap the special-purpose "
                + (refused.size() == 1 ? "range " : "ranges ")
                + refused.stream().map(Special::describe).collect(Collectors.joining(", ")));
        continue;
      }
      List<Special> doc = SpecialRanges.documentationOverlapping(l.cidr());
      if (!doc.isEmpty()) {
        warnings.add(
            FieldWarning.of(
                Rule.NET_025,
                WARN_DOCUMENTATION_RANGE,
                l.path(),
                l.cidr().text(),
                "overlaps the "
                    + doc.stream().map(Special::describe).collect(Collectors.joining(", "))
                    + ", meant for examples, not for "
                    + l.what()
                    + " of a real cluster"));
      }
    }
  }
}
