package dev.dualstack.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crdv2.generator.v1.SchemaCustomizer;
import io.fabric8.generator.annotation.Size;
import java.util.List;

/** A list of CIDR blocks of either family (allowed source ranges, reserved networks). */
@JsonInclude(JsonInclude.Include.NON_NULL)
@SchemaCustomizer(value = SchemaPatch.class, input = CelRules.IP_RANGES_SCHEMA)
public record IpRanges(
    @JsonPropertyDescription("CIDR blocks of either family, e.g. 0.0.0.0/0 and ::/0.")
        @Size(max = 64)
        List<@Size(max = 64) String> cidrBlocks) {}
