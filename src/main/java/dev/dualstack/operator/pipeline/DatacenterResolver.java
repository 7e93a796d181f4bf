package dev.dualstack.operator.pipeline;

import dev.dualstack.operator.api.CloudSpec;
import dev.dualstack.operator.pipeline.field.ErrorType;
import dev.dualstack.operator.pipeline.field.Errors;
import dev.dualstack.operator.pipeline.field.FieldPath;
import java.util.List;

/**
 * Stage 1: finds the cluster's datacenter and provider. Reports a missing {@code spec.cloud.dc}, an
 * unknown datacenter (NotFound, phase Pending), and provider blocks that are missing, repeated,
 * misnamed or disagree with the datacenter's.
 */
public final class DatacenterResolver {
  private static final FieldPath CLOUD = FieldPath.of("spec").child("cloud");

  private DatacenterResolver() {}

  /** Result of resolution: the provider name (null when undeterminable) and the datacenter. */
  public record Resolved(String provider, DatacenterInput datacenter, boolean datacenterFound) {}

  public static Resolved resolve(ClusterInput input, DatacenterInput dc, Errors errors) {
    CloudSpec cloud = input.spec() == null ? null : input.spec().cloud();
    String dcName = cloud == null ? null : cloud.dc();
    boolean found = true;
    if (dcName == null || dcName.isBlank()) {
      errors.add(
          "DC-001",
          ErrorType.REQUIRED,
          CLOUD.child("dc"),
          null,
          "the name of a Datacenter is required");
      dc = null;
    } else if (dc == null || dc.spec() == null || !dcName.equals(dc.name())) {
      errors.add(
          "DC-002",
          ErrorType.NOT_FOUND,
          CLOUD.child("dc"),
          dcName,
          "no Datacenter named \""
              + dcName
              + "\" exists (yet); the cluster stays Pending until it does");
      found = false;
      dc = null;
    }

    List<String> blocks = Providers.of(cloud);
    String provider = null;
    if (blocks.isEmpty()) {
      errors.add(
          "PRV-001",
          ErrorType.REQUIRED,
          CLOUD,
          null,
          "exactly one provider block is required, one of " + Providers.ALL);
    } else if (blocks.size() > 1) {
      errors.add(
          "PRV-001",
          ErrorType.FORBIDDEN,
          CLOUD,
          null,
          "exactly one provider block is allowed, found " + blocks);
    } else {
      provider = blocks.get(0);
    }

    String providerName = cloud == null ? null : cloud.providerName();
    if (providerName != null && !providerName.isEmpty()) {
      if (!Providers.ALL.contains(providerName)) {
        errors.add(
            "PRV-002",
            ErrorType.NOT_SUPPORTED,
            CLOUD.child("providerName"),
            providerName,
            "supported values: " + Providers.ALL);
      } else if (provider != null && !provider.equals(providerName)) {
        errors.add(
            "PRV-002",
            ErrorType.INVALID,
            CLOUD.child("providerName"),
            providerName,
            "must match the provider block spec.cloud." + provider);
      } else if (provider == null && blocks.isEmpty()) {
        provider = providerName;
      }
    }

    if (dc != null) {
      List<String> dcBlocks = Providers.of(dc.spec());
      if (dcBlocks.size() != 1) {
        errors.add(
            "PRV-003",
            ErrorType.INVALID,
            CLOUD.child("dc"),
            dcName,
            "Datacenter \""
                + dcName
                + "\" must have exactly one provider block, found "
                + dcBlocks);
      } else if (provider == null) {
        provider = blocks.isEmpty() ? dcBlocks.get(0) : null;
      } else if (!provider.equals(dcBlocks.get(0))) {
        errors.add(
            "PRV-003",
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
    return new Resolved(provider, dc, found);
  }
}
