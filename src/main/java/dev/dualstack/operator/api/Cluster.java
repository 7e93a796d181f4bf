package dev.dualstack.operator.api;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn.Type;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/** A managed user cluster whose network configuration this operator owns (cluster-scoped). */
@Group(Cluster.GROUP)
@Version(Cluster.VERSION)
// named, not derived: fabric8 would otherwise run its regex-based Pluralize in every constructor
@Plural("clusters")
@Singular("cluster")
@ShortNames({"dsc", "dscluster"})
@AdditionalPrinterColumn(name = "Provider", jsonPath = ".status.provider.name", type = Type.STRING)
@AdditionalPrinterColumn(name = "DC", jsonPath = ".spec.cloud.dc", type = Type.STRING)
@AdditionalPrinterColumn(name = "IPFamily", jsonPath = ".status.ipFamily", type = Type.STRING)
@AdditionalPrinterColumn(name = "Pods", jsonPath = ".status.network.pods", type = Type.STRING)
@AdditionalPrinterColumn(
    name = "Services",
    jsonPath = ".status.network.services",
    type = Type.STRING)
@AdditionalPrinterColumn(name = "Phase", jsonPath = ".status.phase", type = Type.STRING)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = Type.DATE)
public class Cluster extends TolerantResource<ClusterSpec, ClusterStatus> {
  public static final String GROUP = "dualstack.dev";
  public static final String VERSION = "v1";
  public static final String API_VERSION = GROUP + "/" + VERSION;
  public static final String KIND = "Cluster";

  /**
   * Tolerant: a stored spec that does not map onto {@link ClusterSpec} leaves the spec null and
   * marks the object (see {@link TolerantSpecDeserializer}).
   */
  @Override
  @JsonDeserialize(using = TolerantSpecDeserializer.ForCluster.class)
  public void setSpec(ClusterSpec spec) {
    super.setSpec(spec);
  }

  /**
   * Tolerant: a stored status that does not map onto {@link ClusterStatus} is read as none (the
   * operator writes a fresh one) and the object is marked.
   */
  @Override
  @JsonDeserialize(using = TolerantSpecDeserializer.ForClusterStatus.class)
  public void setStatus(ClusterStatus status) {
    super.setStatus(status);
  }
}
