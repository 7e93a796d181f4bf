package dev.dualstack.operator.pipeline.field;

/**
 * The id of every rule the pipeline applies ({@code NET_012} is {@code NET-012} in status, docs and
 * messages), each in its {@link Family}. The catalogue is docs/validation-rules.md: one row per
 * constant, checked by {@code RuleCatalogueTest}. Adding a rule: a constant here (in its family's
 * line, the next free number), the row, the rule code.
 */
public enum Rule {
  NAM_001,
  NAM_002,
  NAM_003,
  DC_001,
  DC_002,
  DC_003,
  DC_004,
  DC_005,
  PRV_001,
  PRV_002,
  PRV_003,
  PRV_004,
  VER_001,
  VER_002,
  VER_003,
  NET_001,
  NET_002,
  NET_003,
  NET_004,
  NET_005,
  NET_006,
  NET_007,
  NET_008,
  NET_009,
  NET_010,
  NET_011,
  NET_012,
  NET_013,
  NET_014,
  NET_015,
  NET_016,
  NET_017,
  NET_018,
  NET_019,
  NET_020,
  NET_021,
  NET_022,
  NET_023,
  NET_024,
  NET_025,
  NET_026,
  NET_027,
  NET_028,
  OS_001,
  CNI_001,
  CNI_002,
  CNI_003,
  GCP_001,
  GCP_002,
  GCP_003,
  GCP_004,
  VSP_001,
  VSP_002,
  OST_001,
  OST_002,
  OVL_001,
  OVL_002,
  OVL_003,
  OVL_004,
  BYO_001,
  BYO_002,
  BYO_003,
  BYO_004,
  BYO_005,
  BYO_006,
  UPD_001,
  UPD_002,
  UPD_003,
  UPD_004,
  UPD_005,
  UPD_006,
  UPD_007,
  UPD_008,
  UPD_009,
  UPD_010,
  UPD_011,
  UPD_012,
  UPD_013,
  CAP_001,
  CAP_002,
  CAP_003,
  CAP_004,
  CAP_005,
  CAP_006,
  CAP_007,
  CAP_008,
  API_001;

  private final Family family;

  Rule() {
    this.family = Family.valueOf(name().substring(0, name().indexOf('_')));
  }

  /** The id as written in status and docs: {@code NET-012}. */
  public String id() {
    return name().replace('_', '-');
  }

  public Family family() {
    return family;
  }

  @Override
  public String toString() {
    return id();
  }

  /** A family of rules: the id prefix, and what an error of the family says about the spec. */
  public enum Family {
    /** Names that become parts of other names. */
    NAM(Kind.INVALID),
    /** The datacenter reference. */
    DC(Kind.INVALID),
    /** The provider block. */
    PRV(Kind.INVALID),
    /** The Kubernetes version. */
    VER(Kind.INVALID),
    /** The cluster network. */
    NET(Kind.INVALID),
    /** The node operating systems. */
    OS(Kind.INVALID),
    /** The CNI. */
    CNI(Kind.INVALID),
    /** GCP settings. */
    GCP(Kind.INVALID),
    /** vSphere machine networks. */
    VSP(Kind.INVALID),
    /** OpenStack subnets. */
    OST(Kind.INVALID),
    /** Overlaps between ranges. */
    OVL(Kind.INVALID),
    /** Bring-your-own nodes. */
    BYO(Kind.INVALID),
    /** Changes a running cluster cannot take. */
    UPD(Kind.REFUSED_UPDATE),
    /** What the provider cannot run (capability matrix). */
    CAP(Kind.UNSUPPORTED),
    /** A stored object the API classes cannot read. */
    API(Kind.INVALID);

    private final Kind kind;

    Family(Kind kind) {
      this.kind = kind;
    }

    public Kind kind() {
      return kind;
    }
  }

  /** What an error says about the spec; decides the phase and the NetworkValid reason. */
  public enum Kind {
    /** The spec is wrong: phase Invalid. */
    INVALID,
    /** The spec changes what a running cluster cannot change: Invalid, reason UpdateRefused. */
    REFUSED_UPDATE,
    /**
     * Well-formed, but the provider cannot run it: phase Unsupported when all errors are of this
     * kind; reported in DualStackSupported, not NetworkValid.
     */
    UNSUPPORTED
  }
}
