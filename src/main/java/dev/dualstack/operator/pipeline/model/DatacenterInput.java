package dev.dualstack.operator.pipeline.model;

import dev.dualstack.operator.api.Datacenter;
import dev.dualstack.operator.api.DatacenterSpec;

/** A datacenter as the pipeline sees it: its name and spec. */
public record DatacenterInput(String name, DatacenterSpec spec) {
  public static DatacenterInput of(Datacenter d) {
    return new DatacenterInput(
        d.getMetadata() == null ? null : d.getMetadata().getName(), d.getSpec());
  }
}
