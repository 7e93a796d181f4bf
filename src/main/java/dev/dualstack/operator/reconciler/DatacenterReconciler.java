package dev.dualstack.operator.reconciler;

import dev.dualstack.operator.api.Datacenter;
import dev.dualstack.operator.api.DatacenterStatus;
import dev.dualstack.operator.pipeline.status.DatacenterStatusFactory;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/** Writes a Datacenter's status (provider, dual-stack availability, OS support) when it changed. */
@ControllerConfiguration(name = DatacenterReconciler.NAME)
public final class DatacenterReconciler implements Reconciler<Datacenter> {
  public static final String NAME = "datacenter";
  public static final String MDC_DATACENTER = "datacenter";
  private static final Logger LOG = LoggerFactory.getLogger(DatacenterReconciler.class);

  private final DatacenterStatusFactory statusFactory;

  public DatacenterReconciler(DatacenterStatusFactory statusFactory) {
    this.statusFactory = Objects.requireNonNull(statusFactory);
  }

  @Override
  public UpdateControl<Datacenter> reconcile(Datacenter dc, Context<Datacenter> context) {
    String name = dc.getMetadata().getName();
    MDC.put(MDC_DATACENTER, name);
    try {
      DatacenterStatus previous = dc.getStatus();
      if (dc.getUnreadableStatus() != null) {
        LOG.warn(
            "datacenter {}: the stored status cannot be read ({}: {}); writing a fresh one",
            name,
            dc.getUnreadableStatus().field(),
            dc.getUnreadableStatus().message());
      }
      if (dc.getUnreadableSpec() != null) {
        LOG.warn(
            "datacenter {}: the stored spec cannot be read: {}: {}",
            name,
            dc.getUnreadableSpec().field(),
            dc.getUnreadableSpec().message());
      }
      DatacenterStatus next =
          statusFactory.build(
              previous, dc.getSpec(), dc.getMetadata().getGeneration(), dc.getUnreadableSpec());
      if (next.equals(previous)) {
        return UpdateControl.noUpdate();
      }
      LOG.info(
          "datacenter {}: provider {}, dual-stack available {} ({})",
          name,
          next.provider(),
          next.dualStack().available(),
          next.dualStack().reason());
      dc.setStatus(next);
      return UpdateControl.patchStatus(dc);
    } finally {
      MDC.remove(MDC_DATACENTER);
    }
  }
}
