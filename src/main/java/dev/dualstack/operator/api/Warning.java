package dev.dualstack.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A warning: a stable CamelCase code and a human-readable message. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Warning(String code, String message) {}
