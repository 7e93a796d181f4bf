package dev.dualstack.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * A warning: a stable CamelCase code, a human-readable message that quotes the offending value, and
 * the id of the rule that raised it (see docs/validation-rules.md).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Warning(
    @JsonPropertyDescription("Stable CamelCase code, e.g. ServiceRangeTooLarge.") String code,
    @JsonPropertyDescription("What is wrong, quoting the offending value.") String message,
    @JsonPropertyDescription("Id of the rule that raised the warning, e.g. NET-013.")
        String rule) {}
