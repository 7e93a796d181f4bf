/**
 * The custom resources of {@code dualstack.dev/v1}: {@link dev.dualstack.operator.api.Cluster} and
 * {@link dev.dualstack.operator.api.Datacenter}, their spec and status records, and the condition
 * types, reasons, phases and event reasons the operator writes. Field names follow KKP's {@code
 * kubermatic.k8c.io/v1} so KKP examples apply unchanged.
 */
package dev.dualstack.operator.api;
