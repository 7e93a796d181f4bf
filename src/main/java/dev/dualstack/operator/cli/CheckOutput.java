package dev.dualstack.operator.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import dev.dualstack.operator.api.ClusterNetwork;
import dev.dualstack.operator.api.ClusterSpec;
import dev.dualstack.operator.api.ClusterStatus;
import dev.dualstack.operator.api.NetworkRanges;
import dev.dualstack.operator.api.Warning;
import dev.dualstack.operator.cli.CheckRunner.ClusterCheck;
import dev.dualstack.operator.cli.CheckRunner.Report;
import dev.dualstack.operator.pipeline.field.FieldError;
import java.util.List;
import java.util.Locale;

/**
 * Renders a {@link Report} as {@code json}, {@code yaml} or {@code text}.
 *
 * <p>JSON (a contract; YAML is the same tree):
 *
 * <pre>{@code
 * {"results":[{"name":..,"valid":..,"phase":..,
 *              "errors":[{"field":..,"type":..,"value":..,"message":..,"rule":..}],
 *              "warnings":[{"code":..,"message":..,"rule":..}],
 *              "status":{..}}]}
 * }</pre>
 *
 * {@code type} is the ErrorType id ({@code Invalid}, {@code NotFound}...), {@code value} is null
 * when the error has none, {@code rule} is the id of docs/validation-rules.md; {@code errors} and
 * {@code warnings} are always present (maybe empty); {@code status} is what the operator would
 * write.
 *
 * <p>Text, one block per cluster, then a summary line:
 *
 * <pre>
 * ✓ prod-eu  Ready  (examples/prod-eu.yaml:1)
 *     ipFamily  IPv4+IPv6
 *     pods      172.25.0.0/16, fd01::/48
 *     services  10.240.16.0/20, fd02::/108
 *     proxy     ipvs
 *     cni       cilium 1.19.4
 *     warning   LoadBalancerIPv6Unsupported: ...
 * ✗ broken  Invalid  (x.yaml:3)
 *     error     spec.clusterNetwork.pods.cidrBlocks[0]: Invalid value: "x": ...
 *     ...
 * 2 clusters: 1 valid, 1 not valid
 * </pre>
 */
final class CheckOutput {
  static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
  static final ObjectMapper YAML =
      new ObjectMapper(
          YAMLFactory.builder()
              .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
              .disable(YAMLGenerator.Feature.SPLIT_LINES)
              .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
              .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
              .build());

  private CheckOutput() {}

  /** The JSON document. */
  record Results(List<Result> results) {}

  /** One cluster. */
  record Result(
      String name,
      boolean valid,
      String phase,
      List<Error> errors,
      List<Warning> warnings,
      ClusterStatus status) {}

  /** One field error; every key is always written. */
  @JsonInclude(JsonInclude.Include.ALWAYS)
  record Error(String field, String type, String value, String message, String rule) {}

  static Results tree(Report report) {
    return new Results(
        report.results().stream()
            .map(
                c ->
                    new Result(
                        c.name(),
                        c.valid(),
                        c.phase(),
                        c.result().errors().stream()
                            .map(
                                e ->
                                    new Error(
                                        e.field(),
                                        e.type().id(),
                                        e.value(),
                                        e.message(),
                                        e.rule().id()))
                            .toList(),
                        c.result().warnings(),
                        c.status()))
            .toList());
  }

  static String render(Report report, String format) throws JsonProcessingException {
    return switch (format.toLowerCase(Locale.ROOT)) {
      case "json" -> JSON.writeValueAsString(tree(report)) + "\n";
      case "yaml" -> YAML.writeValueAsString(tree(report));
      default -> text(report);
    };
  }

  static String text(Report report) {
    StringBuilder sb = new StringBuilder();
    for (ClusterCheck c : report.results()) {
      sb.append(c.valid() ? "✓ " : "✗ ")
          .append(c.name())
          .append("  ")
          .append(c.phase())
          .append("  (")
          .append(c.source())
          .append(")\n");
      for (FieldError e : c.result().errors()) {
        line(sb, "error", e.toString());
      }
      for (Warning w : c.result().warnings()) {
        line(sb, "warning", w.code() + ": " + w.message());
      }
      ClusterSpec eff = c.result().effective();
      ClusterNetwork n = eff == null ? null : eff.clusterNetwork();
      line(sb, "ipFamily", n == null ? null : n.ipFamily());
      line(sb, "pods", n == null ? null : ranges(n.pods()));
      line(sb, "services", n == null ? null : ranges(n.services()));
      line(sb, "proxy", n == null ? null : n.proxyMode());
      ClusterSpec.CniPluginSettings cni = eff == null ? null : eff.cniPlugin();
      line(
          sb,
          "cni",
          cni == null
              ? null
              : cni.type()
                  + (cni.version() == null || cni.version().isEmpty() ? "" : " " + cni.version()));
    }
    long valid = report.results().stream().filter(ClusterCheck::valid).count();
    int all = report.results().size();
    sb.append(all)
        .append(all == 1 ? " cluster: " : " clusters: ")
        .append(valid)
        .append(" valid, ")
        .append(all - valid)
        .append(" not valid\n");
    return sb.toString();
  }

  private static String ranges(NetworkRanges r) {
    return r == null || r.cidrBlocks() == null ? null : String.join(", ", r.cidrBlocks());
  }

  private static void line(StringBuilder sb, String label, String value) {
    sb.append("    ")
        .append(String.format("%-9s", label))
        .append(' ')
        .append(value == null || value.isEmpty() ? "-" : value)
        .append('\n');
  }
}
