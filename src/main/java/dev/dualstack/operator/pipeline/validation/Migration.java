package dev.dualstack.operator.pipeline.validation;

import java.util.List;

/**
 * An accepted IPv4 to IPv4+IPv6 migration: what was appended and what the cluster's operator must
 * still do (shown in the {@code DualStackMigration} condition).
 */
public record Migration(List<String> addedPods, List<String> addedServices, List<String> steps) {}
