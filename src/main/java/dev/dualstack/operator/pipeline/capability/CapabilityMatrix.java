package dev.dualstack.operator.pipeline.capability;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.dualstack.operator.api.SchemaEnums;
import java.util.List;
import java.util.Map;

/**
 * The provider capability matrix (docs/capability-matrix.md) as data, loaded from {@code
 * capabilities.yaml}: per-provider dual-stack mode, OS support, limitations and default networks,
 * plus the CNI version lists. Branch on this data, never on provider names in code.
 */
public record CapabilityMatrix(
    String defaultCni,
    Map<String, ProviderCapability> providers,
    Map<String, CniCapability> cni,
    Map<String, OsNote> operatingSystemNotes,
    KubernetesVersions kubernetes,
    String source) {

  public CapabilityMatrix {
    kubernetes = kubernetes == null ? new KubernetesVersions(List.of()) : kubernetes;
    providers = providers == null ? Map.of() : Map.copyOf(providers);
    cni = cni == null ? Map.of() : Map.copyOf(cni);
    operatingSystemNotes =
        operatingSystemNotes == null ? Map.of() : Map.copyOf(operatingSystemNotes);
  }

  public ProviderCapability provider(String name) {
    return providers.get(name);
  }

  /** How a provider supports dual-stack. */
  public enum DualStackMode {
    /** Always available. */
    @JsonProperty("always")
    ALWAYS,
    /** Available when the datacenter sets {@code ipv6Enabled: true}. */
    @JsonProperty("datacenterFlag")
    DATACENTER_FLAG,
    /** Not known: allowed with a warning. */
    @JsonProperty("unknown")
    UNKNOWN,
    /** Refused (capability error): a deployment switched dual-stack off for the provider. */
    @JsonProperty("unsupported")
    UNSUPPORTED
  }

  /** How well an OS works with dual-stack on a provider. */
  public enum Support {
    @JsonProperty("supported")
    SUPPORTED,
    /** Not available or not tested: warning. */
    @JsonProperty("untested")
    UNTESTED,
    /** Works with a known minor issue: warning with its text. */
    @JsonProperty("minorIssue")
    MINOR_ISSUE,
    /** Any OS (BYO, edge, bare metal). */
    @JsonProperty("any")
    ANY,
    /** Refused (capability error) on dual-stack clusters. */
    @JsonProperty("unsupported")
    UNSUPPORTED
  }

  /**
   * One provider's row. {@code defaultNetworks}, {@code defaultProxyMode} and {@code defaultCni}
   * are optional overrides of the general defaults.
   */
  public record ProviderCapability(
      String displayName,
      DualStackMode dualStack,
      Map<String, OsSupport> operatingSystems,
      List<Limitation> limitations,
      DefaultNetworks defaultNetworks,
      SchemaEnums.ProxyMode defaultProxyMode,
      String defaultCni) {}

  /** OS support with the note shown in the warning. */
  public record OsSupport(Support support, String note) {}

  /** A warning shown for an OS on every provider (dual-stack clusters). */
  public record OsNote(String code, String message) {}

  /**
   * A limitation shown as a warning on dual-stack clusters. {@code exposeStrategies} (optional)
   * restricts it to clusters with one of those expose strategies; {@code whenSet} (optional) to
   * clusters that set at least one of these fields of their provider block (e.g. {@code vpcID}: a
   * pre-created network).
   */
  public record Limitation(
      String code,
      String message,
      List<SchemaEnums.ExposeStrategy> exposeStrategies,
      List<String> whenSet) {

    /** True when the limitation applies to clusters with {@code exposeStrategy}. */
    public boolean appliesTo(String exposeStrategy) {
      return exposeStrategies == null
          || exposeStrategies.isEmpty()
          || exposeStrategies.stream().map(SchemaEnums::value).anyMatch(exposeStrategy::equals);
    }
  }

  /** Provider-specific default pod/service CIDRs (e.g. KubeVirt), IPv4 first. */
  public record DefaultNetworks(List<String> pods, List<String> services) {}

  /**
   * Supported Kubernetes minor versions of user clusters ({@code 1.31}), oldest first; a version
   * outside them is refused.
   */
  public record KubernetesVersions(List<String> minors) {
    public KubernetesVersions {
      minors = minors == null ? List.of() : List.copyOf(minors);
    }
  }

  /** Versions of one CNI type. */
  public record CniCapability(
      String defaultVersion,
      List<String> versions,
      List<String> deprecatedVersions,
      String minDualStackVersion) {}
}
