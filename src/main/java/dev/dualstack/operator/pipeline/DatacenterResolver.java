package dev.dualstack.operator.pipeline;

import dev.dualstack.operator.api.CloudSpec;
import dev.dualstack.operator.api.ProviderBlock;
import dev.dualstack.operator.pipeline.field.ErrorType;
import dev.dualstack.operator.pipeline.field.Errors;
import dev.dualstack.operator.pipeline.field.FieldError;
import dev.dualstack.operator.pipeline.field.FieldPath;
import dev.dualstack.operator.pipeline.field.Rule;
import dev.dualstack.operator.pipeline.model.ClusterInput;
import dev.dualstack.operator.pipeline.model.DatacenterInput;
import java.util.List;

/**
 * Stage 1: finds the cluster's datacenter and provider. Reports a missing {@code spec.cloud.dc}, an
 * unknown datacenter (NotFound, phase Pending), and provider blocks that are missing, repeated,
 * misnamed or disagree with the datacenter's.
 */
public final class DatacenterResolver {
  private static final FieldPath CLOUD = FieldPath.of("spec").child("cloud");

  private DatacenterResolver() {}

  /**
   * Result of resolution: the provider name (null when undeterminable), the datacenter (null when
   * missing or not found) and the errors ({@code DC-}, {@code PRV-}).
   */
  public record Resolved(
      String provider,
      DatacenterInput datacenter,
      boolean datacenterFound,
      List<FieldError> errors) {
    public Resolved {
      errors = List.copyOf(errors);
    }
  }

  public static Resolved resolve(ClusterInput input, DatacenterInput dc) {
    Errors errors = new Errors();
    CloudSpec cloud = input.spec() == null ? null : input.spec().cloud();
    String dcName = cloud == null ? null : cloud.dc();
    boolean found = true;
    if (dcName == null || dcName.isBlank()) {
      errors.add(
          Rule.DC_001,
          ErrorType.REQUIRED,
          CLOUD.child("dc"),
          null,
          "the name of a Datacenter is required");
      dc = null;
    } else if (dc == null || dc.spec() == null || !dcName.equals(dc.name())) {
      errors.add(
          Rule.DC_002,
          ErrorType.NOT_FOUND,
          CLOUD.child("dc"),
          dcName,
          "no Datacenter named \""
              + dcName
              + "\" exists (yet); the cluster stays Pending until it does");
      found = false;
      dc = null;
    }

    List<String> blocks = names(cloud == null ? List.of() : cloud.providers());
    String provider = null;
    if (blocks.isEmpty()) {
      errors.add(
          Rule.PRV_001,
          ErrorType.REQUIRED,
          CLOUD,
          null,
          "exactly one provider block is required, one of " + ProviderBlock.NAMES);
    } else if (blocks.size() > 1) {
      errors.add(
          Rule.PRV_001,
          ErrorType.FORBIDDEN,
          CLOUD,
          null,
          "exactly one provider block is allowed, found " + blocks);
    } else {
      provider = blocks.get(0);
    }

    String providerName = cloud == null ? null : cloud.providerName();
    if (providerName != null && !providerName.isEmpty()) {
      if (!ProviderBlock.NAMES.contains(providerName)) {
        errors.add(
            Rule.PRV_002,
            ErrorType.NOT_SUPPORTED,
            CLOUD.child("providerName"),
            providerName,
            "supported values: " + ProviderBlock.NAMES);
      } else if (provider != null && !provider.equals(providerName)) {
        errors.add(
            Rule.PRV_002,
            ErrorType.INVALID,
            CLOUD.child("providerName"),
            providerName,
            "must match the provider block spec.cloud." + provider);
      } else if (provider == null && blocks.isEmpty()) {
        provider = providerName;
      }
    }

    if (dc != null) {
      List<String> dcBlocks = names(dc.spec().providers());
      if (dcBlocks.size() != 1) {
        errors.add(
            Rule.DC_003,
            ErrorType.INVALID,
            CLOUD.child("dc"),
            dcName,
            "Datacenter \""
                + dcName
                + (dcBlocks.isEmpty()
                    ? "\" has no provider block"
                    : "\" has several provider blocks " + dcBlocks)
                + "; it needs exactly one");
      } else if (provider == null) {
        provider = blocks.isEmpty() ? dcBlocks.get(0) : null;
      } else if (!provider.equals(dcBlocks.get(0))) {
        errors.add(
            Rule.PRV_003,
            ErrorType.INVALID,
            CLOUD.child(provider),
            null,
            "Datacenter \""
                + dcName
                + "\" is a "
                + dcBlocks.get(0)
                + " datacenter, not "
                + provider);
      }
    }
    return new Resolved(provider, dc, found, errors.toList());
  }

  private static List<String> names(List<? extends ProviderBlock> blocks) {
    return blocks.stream().map(ProviderBlock::name).toList();
  }
}
