package dev.dualstack.operator.admission;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * How the admission webhook runs: its HTTPS port; where its certificate comes from (the Secret
 * {@code secretName} in {@code namespace}, managed by the operator, or files in {@code certDir}
 * written by cert-manager); the Service whose DNS names the certificate carries, extra names or IP
 * addresses ({@code extraNames}, e.g. 127.0.0.1 when the API server calls a URL); the
 * ValidatingWebhookConfiguration whose {@code caBundle} the operator keeps current (null: none);
 * the serving certificate's lifetime and how often it is checked.
 */
public record WebhookSettings(
    int port,
    String namespace,
    String secretName,
    String serviceName,
    List<String> extraNames,
    String configurationName,
    Path certDir,
    Duration validity,
    Duration checkInterval,
    int threads) {

  public WebhookSettings {
    extraNames = extraNames == null ? List.of() : List.copyOf(extraNames);
  }

  /** Operator-managed: self-signed CA and serving certificate in the Secret. */
  public boolean managed() {
    return certDir == null;
  }

  /** DNS names the serving certificate must carry: the Service's, then extra host names. */
  public List<String> dnsNames() {
    List<String> out = new ArrayList<>();
    if (serviceName != null && !serviceName.isBlank()) {
      out.add(serviceName + "." + namespace + ".svc");
      out.add(serviceName + "." + namespace + ".svc.cluster.local");
      out.add(serviceName + "." + namespace);
      out.add(serviceName);
    }
    extraNames.stream().filter(n -> !isIp(n)).forEach(out::add);
    return out;
  }

  /** IP addresses the serving certificate must carry. */
  public List<String> ips() {
    return extraNames.stream().filter(WebhookSettings::isIp).toList();
  }

  static boolean isIp(String s) {
    return s.matches("[0-9.]+") || s.contains(":");
  }

  /** The default check interval: a tenth of the lifetime, at most an hour, at least a second. */
  public static Duration defaultCheckInterval(Duration validity) {
    Duration tenth = validity.dividedBy(10);
    if (tenth.compareTo(Duration.ofHours(1)) > 0) {
      return Duration.ofHours(1);
    }
    return tenth.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : tenth;
  }
}
