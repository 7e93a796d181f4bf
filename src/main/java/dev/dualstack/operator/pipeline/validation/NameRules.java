package dev.dualstack.operator.pipeline.validation;

import dev.dualstack.operator.api.CloudSpec;
import dev.dualstack.operator.api.CloudSpec.ByoNode;
import dev.dualstack.operator.pipeline.field.ErrorType;
import dev.dualstack.operator.pipeline.field.Errors;
import dev.dualstack.operator.pipeline.field.FieldPath;
import dev.dualstack.operator.pipeline.field.Rule;
import dev.dualstack.operator.pipeline.model.ValidationContext;
import java.util.List;

/**
 * Names that become parts of other names: the Cluster's {@code metadata.name} is a DNS-1123 label
 * ({@code <cluster>-kubeadm-join}, {@code kubernetes-<cluster>-ipv6}, KKP's {@code cluster-<name>}
 * namespace); {@code spec.cloud.dc} and BYO node names are DNS-1123 subdomains (the names of a
 * Datacenter object and of a Node). Uniqueness of node names is {@link ByoRules}'.
 */
final class NameRules {
  static final FieldPath NAME = FieldPath.of("metadata").child("name");

  private NameRules() {}

  static void validate(ValidationContext ctx, Errors errors) {
    String name = ctx.input().name();
    if (name == null || name.isEmpty()) {
      errors.add(Rule.NAM_001, ErrorType.REQUIRED, NAME, null, "a Cluster needs a name");
    } else {
      Dns1123.notLabel(name)
          .ifPresent(why -> errors.add(Rule.NAM_001, ErrorType.INVALID, NAME, name, why));
    }
    CloudSpec cloud = ctx.effective().cloud();
    if (cloud == null) {
      return;
    }
    String dc = cloud.dc();
    if (dc != null && !dc.isBlank()) {
      Dns1123.notSubdomain(dc)
          .ifPresent(
              why ->
                  errors.add(
                      Rule.NAM_002,
                      ErrorType.INVALID,
                      FieldPath.of("spec").child("cloud").child("dc"),
                      dc,
                      why));
    }
    List<ByoNode> nodes = cloud.bringyourown() == null ? null : cloud.bringyourown().nodes();
    FieldPath nodesPath = FieldPath.of("spec").child("cloud").child("bringyourown").child("nodes");
    for (int i = 0; nodes != null && i < nodes.size(); i++) {
      ByoNode n = nodes.get(i);
      if (n == null || n.name() == null || n.name().isBlank()) {
        continue; // BYO-004 reports the missing name
      }
      FieldPath p = nodesPath.index(i).child("name");
      Dns1123.notSubdomain(n.name())
          .ifPresent(why -> errors.add(Rule.NAM_003, ErrorType.INVALID, p, n.name(), why));
    }
  }
}
