package dev.dualstack.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Condition;
import io.soabase.recordbuilder.core.RecordBuilder;
import java.util.List;
import java.util.Map;

/** {@code Datacenter.status}: its provider and whether it can host dual-stack clusters. */
@RecordBuilder
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DatacenterStatus(
    Long observedGeneration,
    @JsonPropertyDescription("The provider of the single provider block.") String provider,
    @JsonPropertyDescription("Whether dual-stack clusters can be created here, and why.")
        DualStack dualStack,
    @JsonPropertyDescription("Dual-stack support per operating system.")
        Map<String, OperatingSystemSupport> operatingSystems,
    @JsonPropertyDescription("Problems with the Datacenter spec.")
        List<ClusterStatus.StatusError> errors,
    List<Condition> conditions) {

  /** Dual-stack availability. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record DualStack(Boolean available, String reason, String message) {}

  /** Support of one OS: Supported, Untested, MinorIssue or Any, with its note. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record OperatingSystemSupport(String support, String note) {}
}
