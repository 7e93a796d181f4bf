package dev.dualstack.operator.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Arrays;
import java.util.List;

/**
 * Allowed values of string fields: they emit {@code enum:} into the generated CRD schema (via
 * {@code @SchemaFrom}) and type the capability file's values. The API's Java fields stay {@code
 * String} so that a bad value read by {@code check} becomes a pipeline error with a field path
 * instead of a parse failure.
 */
public final class SchemaEnums {
  private SchemaEnums() {}

  /**
   * The value as written in YAML ({@code @JsonProperty}): {@code NODE_PORT} is {@code NodePort}.
   */
  public static String value(Enum<?> e) {
    try {
      JsonProperty p = e.getDeclaringClass().getField(e.name()).getAnnotation(JsonProperty.class);
      return p == null ? e.name() : p.value();
    } catch (NoSuchFieldException x) {
      throw new IllegalStateException(x);
    }
  }

  /** Every value of {@code type} as written in YAML, in declaration order. */
  public static <E extends Enum<E>> List<String> values(Class<E> type) {
    return Arrays.stream(type.getEnumConstants()).map(SchemaEnums::value).toList();
  }

  /** {@code spec.clusterNetwork.ipFamily}. */
  public enum IpFamily {
    @JsonProperty("IPv4")
    IPV4,
    @JsonProperty("IPv4+IPv6")
    DUAL_STACK
  }

  /** {@code spec.clusterNetwork.proxyMode}. */
  public enum ProxyMode {
    @JsonProperty("ipvs")
    IPVS,
    @JsonProperty("iptables")
    IPTABLES,
    @JsonProperty("ebpf")
    EBPF,
    @JsonProperty("nftables")
    NFTABLES
  }

  /** {@code spec.cniPlugin.type}. */
  public enum CniType {
    @JsonProperty("canal")
    CANAL,
    @JsonProperty("cilium")
    CILIUM,
    @JsonProperty("none")
    NONE
  }

  /** {@code spec.exposeStrategy}. */
  public enum ExposeStrategy {
    @JsonProperty("NodePort")
    NODE_PORT,
    @JsonProperty("LoadBalancer")
    LOAD_BALANCER,
    @JsonProperty("Tunneling")
    TUNNELING
  }

  /** {@code spec.operatingSystems[*]}. */
  public enum OperatingSystem {
    @JsonProperty("ubuntu")
    UBUNTU,
    @JsonProperty("flatcar")
    FLATCAR,
    @JsonProperty("rhel")
    RHEL,
    @JsonProperty("rockylinux")
    ROCKYLINUX
  }
}
