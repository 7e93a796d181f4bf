package dev.dualstack.operator.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
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
import dev.dualstack.operator.cli.CheckRunner.Summary;
import java.io.IOException;
import java.util.List;
import java.util.Locale;

/**
 * Writes the results of {@code check} as {@code json}, {@code yaml} or {@code text}, each result as
 * soon as it is computed (memory does not grow with the output).
 *
 * <p>JSON (a contract; YAML is the same tree):
 *
 * <pre>{@code
 * {"results":[{"name":..,"valid":..,"phase":..,
 *              "errors":[{"field":..,"type":..,"value":..,"message":..,"rule":..}],
 *              "warnings":[{"code":..,"message":..,"rule":..}],
 *              "status":{..}}],
 *  "notes":[".."]}
 * }</pre>
 *
 * {@code type} is the ErrorType id ({@code Invalid}, {@code NotSupported}, {@code UnknownField},
 * {@code Duplicate}...), {@code value} is null when the error has none, {@code rule} is the id of
 * docs/validation-rules.md ({@code CRD-SCHEMA}, {@code CRD-CEL}, {@code CRD-UNKNOWN} and {@code
 * CHECK-DUPLICATE} for what the API server refuses); {@code errors} and {@code warnings} are always
 * present (maybe empty); {@code status} is what the operator would write, null when the API server
 * would refuse the object. A Datacenter the API server would refuse is a result with {@code
 * "kind":"Datacenter"} (Clusters carry no {@code kind}). {@code notes} are about the input (skipped
 * documents, relaxed unknown fields of Datacenters).
 *
 * <p>Text, one block per result, then a summary line and the notes:
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

  /** One result; {@code kind} is written only for results that are not Clusters. */
  record Result(
      @JsonInclude(JsonInclude.Include.NON_NULL) String kind,
      String name,
      boolean valid,
      String phase,
      List<Error> errors,
      List<Warning> warnings,
      @JsonInclude(JsonInclude.Include.ALWAYS) ClusterStatus status) {}

  /** One field error; every key is always written. */
  @JsonInclude(JsonInclude.Include.ALWAYS)
  record Error(String field, String type, String value, String message, String rule) {}

  static Result result(ClusterCheck c) {
    return new Result(
        c.isCluster() ? null : c.kind(),
        c.name(),
        c.valid(),
        c.phase(),
        c.errors().stream()
            .map(e -> new Error(e.field(), e.type(), e.value(), e.message(), e.rule()))
            .toList(),
        c.warnings(),
        c.status());
  }

  /** Writes results as they come: {@link #accept} per result, then {@link #end}. */
  interface Writer {
    void accept(ClusterCheck check) throws IOException;

    void end(Summary summary) throws IOException;
  }

  /** A writer of {@code format} ({@code json}, {@code yaml} or {@code text}) on {@code out}. */
  static Writer writer(String format, java.io.Writer out) throws IOException {
    return switch (format.toLowerCase(Locale.ROOT)) {
      case "json" -> new TreeWriter(JSON, out, true);
      case "yaml" -> new TreeWriter(YAML, out, false);
      default -> new TextWriter(out);
    };
  }

  /** JSON and YAML: {@code {"results": [...], "notes": [...]}}, one result at a time. */
  private static final class TreeWriter implements Writer {
    private final ObjectMapper mapper;
    private final java.io.Writer out;
    private final JsonGenerator gen;
    private final boolean json;
    private boolean started;

    TreeWriter(ObjectMapper mapper, java.io.Writer out, boolean json) throws IOException {
      this.mapper = mapper;
      this.out = out;
      this.gen = mapper.getFactory().createGenerator(out);
      this.json = json;
      if (json) {
        gen.useDefaultPrettyPrinter();
      }
      gen.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    }

    private void start() throws IOException {
      if (!started) {
        started = true;
        gen.writeStartObject();
        gen.writeFieldName("results");
        gen.writeStartArray();
      }
    }

    @Override
    public void accept(ClusterCheck check) throws IOException {
      start();
      mapper.writeValue(gen, result(check));
      gen.flush();
    }

    @Override
    public void end(Summary summary) throws IOException {
      start();
      gen.writeEndArray();
      gen.writeFieldName("notes");
      gen.writeStartArray();
      for (String n : summary.notes()) {
        gen.writeString(n);
      }
      gen.writeEndArray();
      gen.writeEndObject();
      gen.flush();
      gen.close();
      if (json) {
        out.write('\n');
      }
      out.flush();
    }
  }

  /** Text: one block per result as it comes, then the summary line and the notes. */
  private static final class TextWriter implements Writer {
    private final java.io.Writer out;

    TextWriter(java.io.Writer out) {
      this.out = out;
    }

    /** Reused for every result: no string, no growing builder per result. */
    private final StringBuilder sb = new StringBuilder(1024);

    private char[] chars = new char[1024];

    @Override
    public void accept(ClusterCheck c) throws IOException {
      sb.setLength(0);
      block(sb, c);
      if (chars.length < sb.length()) {
        chars = new char[sb.length() * 2];
      }
      sb.getChars(0, sb.length(), chars, 0);
      out.write(chars, 0, sb.length());
      out.flush();
    }

    @Override
    public void end(Summary summary) throws IOException {
      int all = summary.clusters();
      StringBuilder sb = new StringBuilder();
      sb.append(all)
          .append(all == 1 ? " cluster: " : " clusters: ")
          .append(summary.valid())
          .append(" valid, ")
          .append(all - summary.valid())
          .append(" not valid");
      if (summary.refused() > 0) {
        sb.append("; ")
            .append(summary.refused())
            .append(summary.refused() == 1 ? " Datacenter" : " Datacenters")
            .append(" refused");
      }
      sb.append('\n');
      for (String n : summary.notes()) {
        sb.append("note: ").append(n).append('\n');
      }
      out.write(sb.toString());
      out.flush();
    }
  }

  /** One result as text, appended to {@code sb}. */
  static void block(StringBuilder sb, ClusterCheck c) {
    sb.append(c.valid() ? "✓ " : "✗ ")
        .append(c.isCluster() ? "" : c.kind() + " ")
        .append(c.name())
        .append("  ")
        .append(c.phase())
        .append("  (")
        .append(c.source())
        .append(")\n");
    for (Finding e : c.errors()) {
      line(sb, "error", e.toString());
    }
    for (Warning w : c.warnings()) {
      line(sb, "warning", w.code() + ": " + w.message());
    }
    if (!c.isCluster()) {
      return;
    }
    ClusterSpec eff = c.effective();
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

  /** One result as text. */
  static String block(ClusterCheck c) {
    StringBuilder sb = new StringBuilder();
    block(sb, c);
    return sb.toString();
  }

  private static String ranges(NetworkRanges r) {
    return r == null || r.cidrBlocks() == null ? null : String.join(", ", r.cidrBlocks());
  }

  private static void line(StringBuilder sb, String label, String value) {
    sb.append("    ").append(label);
    for (int i = label.length(); i < 9; i++) {
      sb.append(' ');
    }
    sb.append(' ').append(value == null || value.isEmpty() ? "-" : value).append('\n');
  }
}
