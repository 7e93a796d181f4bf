package dev.dualstack.operator.api;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn.Type;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/** A datacenter of one cloud provider in which user clusters live (cluster-scoped). */
@Group(Cluster.GROUP)
@Version(Cluster.VERSION)
// named, not derived: fabric8 would otherwise run its regex-based Pluralize in every constructor
@Plural("datacenters")
@Singular("datacenter")
@ShortNames({"dsdc"})
@AdditionalPrinterColumn(name = "Provider", jsonPath = ".status.provider", type = Type.STRING)
@AdditionalPrinterColumn(
    name = "DualStack",
    jsonPath = ".status.dualStack.available",
    type = Type.BOOLEAN)
@AdditionalPrinterColumn(name = "Country", jsonPath = ".spec.country", type = Type.STRING)
@AdditionalPrinterColumn(name = "Location", jsonPath = ".spec.location", type = Type.STRING)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = Type.DATE)
public class Datacenter extends TolerantResource<DatacenterSpec, DatacenterStatus> {
  public static final String KIND = "Datacenter";

  /**
   * Tolerant: a stored spec that does not map onto {@link DatacenterSpec} leaves the spec null and
   * marks the object (see {@link TolerantSpecDeserializer}).
   */
  @Override
  @JsonDeserialize(using = TolerantSpecDeserializer.ForDatacenter.class)
  public void setSpec(DatacenterSpec spec) {
    super.setSpec(spec);
  }

  /**
   * Tolerant: a stored status that does not map onto {@link DatacenterStatus} is read as none (the
   * operator writes a fresh one) and the object is marked.
   */
  @Override
  @JsonDeserialize(using = TolerantSpecDeserializer.ForDatacenterStatus.class)
  public void setStatus(DatacenterStatus status) {
    super.setStatus(status);
  }
}
