package dev.dualstack.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crdv2.generator.v1.SchemaCustomizer;
import io.fabric8.generator.annotation.Size;
import java.util.List;

/** Pod or service CIDRs of a user cluster: IPv4 first, then optionally IPv6. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@SchemaCustomizer(value = SchemaPatch.class, input = CelRules.CIDR_BLOCKS_SCHEMA)
public record NetworkRanges(
    @JsonPropertyDescription(
            "CIDR blocks, at most one per family: element 0 IPv4, element 1 (dual-stack) IPv6.")
        @Size(max = 2)
        List<@Size(max = 64) String> cidrBlocks) {}
