package dev.dualstack.operator.api;

/** Condition types, reasons, phases and event reasons: the vocabulary of the status. */
public final class Conditions {
  private Conditions() {}

  // condition types
  public static final String DATACENTER_RESOLVED = "DatacenterResolved";
  public static final String NETWORK_VALID = "NetworkValid";
  public static final String DUAL_STACK_SUPPORTED = "DualStackSupported";
  public static final String READY = "Ready";
  public static final String DUAL_STACK_MIGRATION = "DualStackMigration";

  // phases
  public static final String PHASE_READY = "Ready";
  public static final String PHASE_INVALID = "Invalid";
  public static final String PHASE_UNSUPPORTED = "Unsupported";
  public static final String PHASE_PENDING = "Pending";

  // reasons
  public static final String REASON_FOUND = "DatacenterFound";
  public static final String REASON_NOT_FOUND = "DatacenterNotFound";
  public static final String REASON_PROVIDER_MISMATCH = "ProviderMismatch";
  public static final String REASON_VALID = "NetworkValid";
  public static final String REASON_INVALID = "NetworkInvalid";
  public static final String REASON_UPDATE_REFUSED = "UpdateRefused";
  public static final String REASON_SINGLE_STACK = "SingleStack";
  public static final String REASON_DUAL_STACK_SUPPORTED = "DualStackSupported";
  public static final String REASON_DUAL_STACK_UNKNOWN = "DualStackUnknown";
  public static final String REASON_DATACENTER_IPV6_DISABLED = "DatacenterIPv6Disabled";
  public static final String REASON_UNSUPPORTED = "DualStackUnsupported";
  public static final String REASON_PROVIDER_DUAL_STACK_UNSUPPORTED =
      "ProviderDualStackUnsupported";
  public static final String REASON_OPERATING_SYSTEM_UNSUPPORTED = "OperatingSystemUnsupported";
  public static final String REASON_PROVIDER_UNKNOWN = "ProviderUnknown";
  public static final String REASON_READY = "Ready";
  public static final String REASON_NOT_READY = "NotReady";
  public static final String REASON_MIGRATION_IN_PROGRESS = "MigrationInProgress";
  public static final String REASON_DATACENTER_VALID = "DatacenterValid";
  public static final String REASON_DATACENTER_INVALID = "DatacenterInvalid";

  // event reasons
  public static final String EVENT_NETWORK_ACCEPTED = "NetworkAccepted";
  public static final String EVENT_NETWORK_REFUSED = "NetworkRefused";
  public static final String EVENT_DATACENTER_NOT_FOUND = "DatacenterNotFound";

  // labels that unlock otherwise immutable changes (KKP names)
  public static final String LABEL_UNSAFE_CNI_MIGRATION = "unsafe-cni-migration";
  public static final String LABEL_UNSAFE_CNI_UPGRADE = "unsafe-cni-upgrade";
  public static final String LABEL_UNSAFE_EXPOSE_STRATEGY_MIGRATION =
      "unsafe-expose-strategy-migration";
}
