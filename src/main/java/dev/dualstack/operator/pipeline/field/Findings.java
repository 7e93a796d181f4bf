package dev.dualstack.operator.pipeline.field;

import dev.dualstack.operator.api.Warning;
import java.util.List;

/**
 * What a validating stage returns: its errors and warnings. Inside a stage, rule classes add to one
 * {@link Errors} (and a warning list) that the stage owns; the stage hands back this value.
 */
public record Findings(List<FieldError> errors, List<Warning> warnings) {
  public Findings {
    errors = List.copyOf(errors);
    warnings = List.copyOf(warnings);
  }
}
