package dev.dualstack.operator.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import dev.dualstack.operator.deploy.Chart.Rendered;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Helm chart rendered by real Helm (helm-java) over a matrix of values; every combination must
 * keep the security baseline, the least-privilege RBAC and the wiring to {@code run}'s real flags.
 */
class HelmChartTest {
  private static final String NS = Chart.NAMESPACE;
  private static final String FULLNAME = "dualstack-operator";
  private static final Path BUILTIN_CAPABILITIES = Path.of("src/main/resources/capabilities.yaml");

  @Test
  void lintsStrictly() {
    LintResult result = new Helm(Chart.DIR).lint().strict().call();
    assertThat(result.isFailed()).as("helm lint --strict: %s", result.getMessages()).isFalse();
  }

  @Test
  void chartCrdsAreIdenticalToTopLevelCrds() throws IOException {
    Path top = Path.of("crds");
    Path chart = Chart.DIR.resolve("crds");
    assertThat(names(chart)).isEqualTo(names(top)).isNotEmpty();
    for (String name : names(top)) {
      assertThat(Files.readString(chart.resolve(name)))
          .as("%s differs: copy crds/%s to %s/", name, name, chart)
          .isEqualTo(Files.readString(top.resolve(name)));
    }
  }

  static Stream<Arguments> matrix() throws IOException {
    String builtin = Files.readString(BUILTIN_CAPABILITIES);
    return Stream.of(
        matrixCase(
            "defaults",
            Map.of(),
            r -> {
              expectDefaults(r);
              expectWebhook(r, "Fail");
            }),
        matrixCase(
            "webhook off",
            Map.of("webhook", Map.of("enabled", false)),
            r -> {
              assertThat(r.env()).doesNotContainKeys("DUALSTACK_WEBHOOK", "DUALSTACK_WEBHOOK_PORT");
              assertThat(r.ofKind("ValidatingWebhookConfiguration")).isEmpty();
              assertThat(r.find("Service", FULLNAME + "-webhook")).isEmpty();
              assertThat(r.ofKind("Secret")).isEmpty();
              assertThat(r.container().path("ports").findValuesAsText("name"))
                  .doesNotContain("webhook");
            }),
        matrixCase(
            "webhook failurePolicy Ignore, other port",
            Map.of("webhook", Map.of("failurePolicy", "Ignore", "port", 10443)),
            r -> {
              expectWebhook(r, "Ignore");
              assertThat(port(r.container(), "webhook")).isEqualTo(10443);
            }),
        matrixCase(
            "webhook certificate from cert-manager",
            Map.of("webhook", Map.of("certManager", Map.of("enabled", true))),
            r -> {
              expectWebhook(r, "Fail");
              assertThat(r.env())
                  .containsEntry("DUALSTACK_WEBHOOK_CERT_DIR", "/etc/dualstack-operator/webhook")
                  .doesNotContainKeys(
                      "DUALSTACK_WEBHOOK_SECRET", "DUALSTACK_WEBHOOK_CONFIGURATION");
              JsonNode vwc = r.get("ValidatingWebhookConfiguration", FULLNAME);
              assertThat(vwc.at("/metadata/annotations/cert-manager.io~1inject-ca-from").asText())
                  .isEqualTo(NS + "/" + FULLNAME + "-webhook");
              JsonNode cert = r.get("Certificate", FULLNAME + "-webhook");
              assertThat(cert.at("/spec/secretName").asText()).isEqualTo(FULLNAME + "-webhook-tls");
              assertThat(texts(cert.at("/spec/dnsNames")))
                  .contains(FULLNAME + "-webhook." + NS + ".svc");
              assertThat(r.get("Issuer", FULLNAME + "-webhook").has("spec")).isTrue();
              assertThat(r.ofKind("Secret")).isEmpty();
              JsonNode m = mount(r, "/etc/dualstack-operator/webhook");
              assertThat(volume(r, m.path("name").asText()).at("/secret/secretName").asText())
                  .isEqualTo(FULLNAME + "-webhook-tls");
            }),
        matrixCase(
            "webhook called at a URL (operator outside the cluster)",
            Map.of("webhook", Map.of("url", "https://127.0.0.1:9443")),
            r -> {
              JsonNode vwc = r.get("ValidatingWebhookConfiguration", FULLNAME);
              assertThat(vwc.at("/webhooks/0/clientConfig/url").asText())
                  .isEqualTo("https://127.0.0.1:9443/validate-cluster");
              assertThat(vwc.at("/webhooks/1/clientConfig/url").asText())
                  .isEqualTo("https://127.0.0.1:9443/validate-datacenter");
              assertThat(r.find("Service", FULLNAME + "-webhook")).isEmpty();
              assertThat(r.env()).containsEntry("DUALSTACK_WEBHOOK_CERT_NAMES", "127.0.0.1");
            }),
        matrixCase("replicas 2", Map.of("replicas", 2), HelmChartTest::expectLeaderElection),
        matrixCase(
            "leader election forced with one replica",
            Map.of("leaderElection", Map.of("enabled", true, "leaseName", "ds-lease")),
            r -> {
              expectLeaderElection(r);
              assertThat(r.env()).containsEntry("DUALSTACK_LEASE_NAME", "ds-lease");
              assertThat(r.ofKind("PodDisruptionBudget")).isEmpty();
            }),
        matrixCase(
            "capabilities override as a string",
            Map.of("capabilities", Map.of("override", builtin)),
            r -> expectCapabilities(r, "/etc/dualstack-operator", builtin)),
        matrixCase(
            "capabilities override as a map, other mount path",
            Map.of(
                "capabilities",
                Map.of(
                    "override",
                    Map.of("defaultCni", "cilium", "providers", Map.of()),
                    "mountPath",
                    "/config")),
            r -> expectCapabilities(r, "/config", "defaultCni: cilium\nproviders: {}\n")),
        matrixCase(
            "serviceMonitor on",
            Map.of(
                "metrics",
                Map.of("serviceMonitor", Map.of("enabled", true, "labels", Map.of("team", "net")))),
            HelmChartTest::expectServiceMonitor),
        matrixCase(
            "json logs",
            Map.of("logFormat", "json"),
            r -> assertThat(r.env()).containsEntry("DUALSTACK_LOG_FORMAT", "json")),
        matrixCase(
            "text logs",
            Map.of("logFormat", "text"),
            r -> assertThat(r.env()).containsEntry("DUALSTACK_LOG_FORMAT", "text")),
        matrixCase(
            "label selector (sharding)",
            Map.of("labelSelector", "shard in (b,c)", "concurrency", 8),
            r -> {
              assertThat(r.env())
                  .containsEntry("DUALSTACK_LABEL_SELECTOR", "shard in (b,c)")
                  .containsEntry("DUALSTACK_CONCURRENCY", "8");
              assertThat(RunCommandContract.parse("--label-selector=shard in (b,c)").labelSelector)
                  .isEqualTo("shard in (b,c)");
            }),
        matrixCase(
            "join namespace elsewhere",
            Map.of("joinNamespace", "byo-join"),
            r -> {
              assertThat(r.env()).containsEntry("DUALSTACK_NAMESPACE", "byo-join");
              JsonNode role = r.get("Role", FULLNAME + "-join-configmaps");
              assertThat(role.at("/metadata/namespace").asText()).isEqualTo("byo-join");
              JsonNode binding = r.get("RoleBinding", FULLNAME + "-join-configmaps");
              assertThat(binding.at("/metadata/namespace").asText()).isEqualTo("byo-join");
              assertThat(binding.at("/subjects/0/namespace").asText()).isEqualTo(NS);
            }),
        matrixCase(
            "image, pull policy and extra args",
            Map.of(
                "image",
                Map.of("repository", "registry.example/ds", "tag", "1.2.3", "pullPolicy", "Always"),
                "extraArgs",
                List.of("--concurrency=8", "--lease-name", "other")),
            r -> {
              assertThat(r.container().path("image").asText())
                  .isEqualTo("registry.example/ds:1.2.3");
              assertThat(r.container().path("imagePullPolicy").asText()).isEqualTo("Always");
              List<String> args = texts(r.container().path("args"));
              assertThat(args).containsExactly("--concurrency=8", "--lease-name", "other");
              var cmd = RunCommandContract.parse(args.toArray(String[]::new));
              assertThat(cmd.concurrency).isEqualTo(8);
              assertThat(cmd.leaseName).isEqualTo("other");
            }));
  }

  private static Arguments matrixCase(
      String name, Map<String, ?> values, Consumer<Rendered> expectations) {
    return Arguments.of(Named.of(name, values), expectations);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("matrix")
  void rendersSafeWiredObjects(Map<String, ?> values, Consumer<Rendered> expectations) {
    Rendered r = Chart.Rendered.of(values);

    expectSecurityBaseline(r);
    expectProbesAndPorts(r);
    expectEnvWiredToRunCommand(r);
    expectLeastPrivilegeRbac(r);
    expectMetricsService(r);
    expectNamespaces(r);
    expectations.accept(r);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badValues")
  void refusesBadValues(String values, String named) {
    assertThatThrownBy(() -> Chart.template(values)).hasMessageContaining(named);
  }

  static Stream<Arguments> badValues() {
    return Stream.of(
        Arguments.of("logFormat: xml\n", "logFormat"),
        Arguments.of("concurrency: 0\n", "concurrency"),
        Arguments.of("replicas: two\n", "replicas"),
        Arguments.of("image: {pullPolicy: Sometimes}\n", "pullPolicy"),
        Arguments.of("metrics: {port: 70000}\n", "port"),
        Arguments.of("capabilities: {mountPath: relative/dir}\n", "mountPath"),
        Arguments.of("webhook: {failurePolicy: Maybe}\n", "failurePolicy"),
        Arguments.of("webhook: {timeoutSeconds: 60}\n", "timeoutSeconds"),
        Arguments.of("webhook: {url: http://insecure}\n", "url"));
  }

  @Test
  void refusesServiceMonitorWithoutService() {
    assertThatThrownBy(
            () ->
                Chart.template(
                    "metrics:\n  service: {enabled: false}\n  serviceMonitor: {enabled: true}\n"))
        .hasMessageContaining("metrics.service.enabled");
  }

  @Test
  void defaultTemplateLeavesCrdsToTheCrdsDirectory() {
    assertThat(Chart.Rendered.of(Map.of()).ofKind("CustomResourceDefinition")).isEmpty();
  }

  // ---- expectations shared by every combination

  private static void expectSecurityBaseline(Rendered r) {
    JsonNode pod = r.podSpec();
    assertThat(pod.at("/securityContext/runAsNonRoot").asBoolean()).isTrue();
    assertThat(pod.at("/securityContext/runAsUser").asInt()).isPositive();
    assertThat(pod.at("/securityContext/seccompProfile/type").asText()).isEqualTo("RuntimeDefault");
    assertThat(pod.path("terminationGracePeriodSeconds").asInt()).isPositive();
    assertThat(pod.path("serviceAccountName").asText()).isEqualTo(FULLNAME);

    JsonNode sc = r.container().path("securityContext");
    assertThat(sc.path("runAsNonRoot").asBoolean()).isTrue();
    assertThat(sc.path("readOnlyRootFilesystem").asBoolean()).isTrue();
    assertThat(sc.path("allowPrivilegeEscalation").isBoolean()).isTrue();
    assertThat(sc.path("allowPrivilegeEscalation").asBoolean()).isFalse();
    assertThat(sc.path("privileged").asBoolean()).isFalse();
    assertThat(texts(sc.at("/capabilities/drop"))).containsExactly("ALL");
    assertThat(sc.at("/capabilities/add").isMissingNode()).isTrue();
    assertThat(sc.at("/seccompProfile/type").asText()).isEqualTo("RuntimeDefault");

    JsonNode res = r.container().path("resources");
    for (String kind : List.of("requests", "limits")) {
      assertThat(res.at("/" + kind + "/cpu").asText()).as(kind + ".cpu").isNotEmpty();
      assertThat(res.at("/" + kind + "/memory").asText()).as(kind + ".memory").isNotEmpty();
    }

    // read-only root filesystem: the JVM needs a writable /tmp
    JsonNode tmpMount = mount(r, "/tmp");
    JsonNode tmpVolume = volume(r, tmpMount.path("name").asText());
    assertThat(tmpVolume.has("emptyDir")).isTrue();
  }

  private static void expectProbesAndPorts(Rendered r) {
    JsonNode c = r.container();
    Map<String, String> env = r.env();
    assertThat(port(c, "health")).isEqualTo(Integer.parseInt(env.get("DUALSTACK_HEALTH_PORT")));
    assertThat(port(c, "metrics")).isEqualTo(Integer.parseInt(env.get("DUALSTACK_METRICS_PORT")));
    assertThat(c.at("/livenessProbe/httpGet/path").asText()).isEqualTo("/healthz");
    assertThat(c.at("/livenessProbe/httpGet/port").asText()).isEqualTo("health");
    assertThat(c.at("/readinessProbe/httpGet/path").asText()).isEqualTo("/readyz");
    assertThat(c.at("/readinessProbe/httpGet/port").asText()).isEqualTo("health");
    assertThat(c.at("/startupProbe/httpGet/path").asText()).isEqualTo("/healthz");
  }

  private static void expectEnvWiredToRunCommand(Rendered r) {
    Map<String, String> contract = RunCommandContract.envToFlag();
    Map<String, String> env = r.env();
    assertThat(contract.keySet())
        .as("RunCommand declares these environment variables")
        .contains(
            "DUALSTACK_NAMESPACE",
            "DUALSTACK_CAPABILITIES",
            "DUALSTACK_CONCURRENCY",
            "DUALSTACK_LEADER_ELECTION",
            "DUALSTACK_LEASE_NAME",
            "DUALSTACK_LEASE_NAMESPACE",
            "DUALSTACK_METRICS_PORT",
            "DUALSTACK_HEALTH_PORT",
            "DUALSTACK_LOG_FORMAT",
            "DUALSTACK_LABEL_SELECTOR");
    assertThat(env.keySet())
        .as("every DUALSTACK_* variable the chart sets is declared by RunCommand")
        .allSatisfy(name -> assertThat(contract).containsKey(name));
    assertThat(env)
        .containsKeys(
            "DUALSTACK_NAMESPACE",
            "DUALSTACK_LEADER_ELECTION",
            "DUALSTACK_LEASE_NAMESPACE",
            "DUALSTACK_LOG_FORMAT");
    assertThat(env.get("DUALSTACK_LOG_FORMAT")).isIn("json", "text");
    // each value must be accepted by picocli for the flag it feeds (types, booleans, paths)
    List<String> args = new ArrayList<>();
    env.forEach((name, value) -> args.add(contract.get(name) + "=" + value));
    assertThatCode(() -> RunCommandContract.parse(args.toArray(String[]::new)))
        .as("run %s", args)
        .doesNotThrowAnyException();
    var cmd = RunCommandContract.parse(args.toArray(String[]::new));
    assertThat(cmd.leaseNamespace).isEqualTo(NS);
    if (r.deployment().at("/spec/replicas").asInt() > 1) {
      assertThat(cmd.leaderElection).as("more than one replica needs leader election").isTrue();
    }
  }

  private static void expectLeastPrivilegeRbac(Rendered r) {
    JsonNode role = r.get("ClusterRole", FULLNAME);
    assertThat(rules(role))
        .containsExactlyInAnyOrder(
            "dualstack.dev|clusters|list,watch",
            "dualstack.dev|datacenters|list,watch",
            "dualstack.dev|clusters/status|patch",
            "dualstack.dev|datacenters/status|patch",
            "|events|create");
    JsonNode crb = r.get("ClusterRoleBinding", FULLNAME);
    assertThat(crb.at("/roleRef/name").asText()).isEqualTo(FULLNAME);
    assertThat(crb.at("/subjects/0/name").asText()).isEqualTo(FULLNAME);
    assertThat(crb.at("/subjects/0/namespace").asText()).isEqualTo(NS);

    JsonNode cm = r.get("Role", FULLNAME + "-join-configmaps");
    assertThat(rules(cm)).containsExactly("|configmaps|create,delete,list,update,watch");
    assertThat(cm.at("/metadata/namespace").asText()).isEqualTo(r.env().get("DUALSTACK_NAMESPACE"));

    boolean leader = Boolean.parseBoolean(r.env().get("DUALSTACK_LEADER_ELECTION"));
    assertThat(r.find("Role", FULLNAME + "-leader-election").isPresent()).isEqualTo(leader);
    assertThat(r.find("RoleBinding", FULLNAME + "-leader-election").isPresent()).isEqualTo(leader);

    // no wildcard anywhere, and exactly the roles above
    List<String> roleNames = new ArrayList<>();
    for (String kind : List.of("ClusterRole", "Role")) {
      for (JsonNode o : r.ofKind(kind)) {
        roleNames.add(kind + "/" + o.at("/metadata/name").asText());
        for (String rule : rules(o)) {
          assertThat(rule).doesNotContain("*");
        }
      }
    }
    List<String> expected =
        new ArrayList<>(
            List.of("ClusterRole/" + FULLNAME, "Role/" + FULLNAME + "-join-configmaps"));
    if (leader) {
      expected.add("Role/" + FULLNAME + "-leader-election");
    }
    boolean managedCertificate =
        "true".equals(r.env().get("DUALSTACK_WEBHOOK"))
            && !r.env().containsKey("DUALSTACK_WEBHOOK_CERT_DIR");
    if (managedCertificate) {
      // exactly the certificate Secret and the one webhook configuration, by name
      expected.add("Role/" + FULLNAME + "-webhook-certificate");
      expected.add("ClusterRole/" + FULLNAME + "-webhook-configuration");
      assertThat(rules(r.get("Role", FULLNAME + "-webhook-certificate")))
          .containsExactly("|secrets|get,update|" + r.env().get("DUALSTACK_WEBHOOK_SECRET"));
      assertThat(rules(r.get("ClusterRole", FULLNAME + "-webhook-configuration")))
          .containsExactly(
              "admissionregistration.k8s.io|validatingwebhookconfigurations|get,patch|"
                  + r.env().get("DUALSTACK_WEBHOOK_CONFIGURATION"));
    }
    assertThat(roleNames).containsExactlyInAnyOrderElementsOf(expected);
  }

  private static void expectMetricsService(Rendered r) {
    JsonNode svc = r.get("Service", FULLNAME + "-metrics");
    JsonNode podLabels = r.deployment().at("/spec/template/metadata/labels");
    svc.at("/spec/selector")
        .fields()
        .forEachRemaining(
            e -> assertThat(podLabels.path(e.getKey()).asText()).isEqualTo(e.getValue().asText()));
    assertThat(svc.at("/spec/ports/0/name").asText()).isEqualTo("metrics");
    assertThat(svc.at("/spec/ports/0/targetPort").asText()).isEqualTo("metrics");
    assertThat(r.deployment().at("/spec/selector/matchLabels")).isEqualTo(svc.at("/spec/selector"));
  }

  private static void expectNamespaces(Rendered r) {
    for (JsonNode o : r.objects()) {
      String kind = o.path("kind").asText();
      assertThat(o.at("/apiVersion").asText()).as(kind).isNotEmpty();
      if (kind.startsWith("Cluster") || kind.equals("ValidatingWebhookConfiguration")) {
        assertThat(o.at("/metadata/namespace").isMissingNode()).as(kind).isTrue();
      } else if (!o.at("/metadata/name").asText().endsWith("-join-configmaps")) {
        assertThat(o.at("/metadata/namespace").asText()).as(kind).isEqualTo(NS);
      }
    }
  }

  // ---- expectations of single combinations

  /**
   * The webhook: a ValidatingWebhookConfiguration for Clusters and Datacenters (CREATE and UPDATE,
   * not status), sideEffects None (dry runs), no caBundle from the chart, the Service on 443 to the
   * container's webhook port, and the env of `run --webhook`.
   */
  private static void expectWebhook(Rendered r, String failurePolicy) {
    Map<String, String> env = r.env();
    assertThat(env)
        .containsEntry("DUALSTACK_WEBHOOK", "true")
        .containsEntry("DUALSTACK_WEBHOOK_NAMESPACE", NS);
    var cmd =
        RunCommandContract.parse(
            env.entrySet().stream()
                .filter(e -> e.getKey().startsWith("DUALSTACK_WEBHOOK"))
                .map(e -> RunCommandContract.envToFlag().get(e.getKey()) + "=" + e.getValue())
                .toArray(String[]::new));
    assertThat(cmd.webhook).isTrue();
    assertThat(port(r.container(), "webhook")).isEqualTo(cmd.webhookPort);
    JsonNode vwc = r.get("ValidatingWebhookConfiguration", FULLNAME);
    assertThat(vwc.path("webhooks")).hasSize(2);
    List<String> paths = new ArrayList<>();
    for (JsonNode w : vwc.path("webhooks")) {
      assertThat(w.path("sideEffects").asText()).isEqualTo("None");
      assertThat(w.path("failurePolicy").asText()).isEqualTo(failurePolicy);
      assertThat(texts(w.path("admissionReviewVersions"))).containsExactly("v1");
      assertThat(texts(w.at("/rules/0/operations"))).containsExactly("CREATE", "UPDATE");
      assertThat(texts(w.at("/rules/0/resources"))).noneMatch(res -> res.contains("/"));
      assertThat(w.at("/clientConfig/caBundle").isMissingNode()).isTrue();
      if (w.at("/clientConfig/service").isObject()) {
        assertThat(w.at("/clientConfig/service/name").asText()).isEqualTo(FULLNAME + "-webhook");
        assertThat(w.at("/clientConfig/service/namespace").asText()).isEqualTo(NS);
        assertThat(w.at("/clientConfig/service/port").asInt()).isEqualTo(443);
        paths.add(w.at("/clientConfig/service/path").asText());
      }
    }
    assertThat(paths).containsExactly("/validate-cluster", "/validate-datacenter");
    JsonNode svc = r.get("Service", FULLNAME + "-webhook");
    assertThat(svc.at("/spec/ports/0/port").asInt()).isEqualTo(443);
    assertThat(svc.at("/spec/ports/0/targetPort").asText()).isEqualTo("webhook");
    if (!env.containsKey("DUALSTACK_WEBHOOK_CERT_DIR")) {
      assertThat(env.get("DUALSTACK_WEBHOOK_CONFIGURATION")).isEqualTo(FULLNAME);
      JsonNode secret = r.get("Secret", env.get("DUALSTACK_WEBHOOK_SECRET"));
      assertThat(secret.has("data")).as("the chart never writes the certificate").isFalse();
    }
  }

  private static void expectDefaults(Rendered r) {
    Map<String, String> env = r.env();
    assertThat(env)
        .containsEntry("DUALSTACK_NAMESPACE", NS)
        .containsEntry("DUALSTACK_LEADER_ELECTION", "false")
        .containsEntry("DUALSTACK_LOG_FORMAT", "json")
        .containsEntry("DUALSTACK_CONCURRENCY", "4")
        .containsEntry("DUALSTACK_METRICS_PORT", "8080")
        .containsEntry("DUALSTACK_HEALTH_PORT", "8081")
        .doesNotContainKeys("DUALSTACK_CAPABILITIES", "DUALSTACK_LABEL_SELECTOR");
    assertThat(r.deployment().at("/spec/replicas").asInt()).isEqualTo(1);
    assertThat(r.deployment().at("/spec/strategy/type").asText()).isEqualTo("Recreate");
    assertThat(r.container().path("image").asText())
        .isEqualTo("ghcr.io/dualstack-dev/dualstack-operator:0.1.0");
    assertThat(r.container().path("imagePullPolicy").asText()).isEqualTo("IfNotPresent");
    assertThat(r.container().has("args")).isFalse();
    assertThat(r.ofKind("ConfigMap")).isEmpty();
    assertThat(r.ofKind("ServiceMonitor")).isEmpty();
    assertThat(r.ofKind("PodDisruptionBudget")).isEmpty();
    assertThat(r.get("ServiceAccount", FULLNAME).at("/metadata/namespace").asText()).isEqualTo(NS);
  }

  private static void expectLeaderElection(Rendered r) {
    assertThat(r.env())
        .containsEntry("DUALSTACK_LEADER_ELECTION", "true")
        .containsEntry("DUALSTACK_LEASE_NAMESPACE", NS)
        .containsEntry("DUALSTACK_LEASE_DURATION", "15s");
    // the leader identity is the pod name, from the downward API (RunCommand --identity)
    assertThat(RunCommandContract.envToFlag()).containsEntry("POD_NAME", "--identity");
    JsonNode podName = null;
    for (JsonNode e : r.deployment().at("/spec/template/spec/containers/0/env")) {
      if ("POD_NAME".equals(e.path("name").asText())) {
        podName = e;
      }
    }
    assertThat(podName).as("POD_NAME env").isNotNull();
    assertThat(podName.at("/valueFrom/fieldRef/fieldPath").asText()).isEqualTo("metadata.name");
    JsonNode role = r.get("Role", FULLNAME + "-leader-election");
    assertThat(role.at("/metadata/namespace").asText()).isEqualTo(NS);
    assertThat(rules(role)).containsExactly("coordination.k8s.io|leases|create,get,patch,update");
    JsonNode binding = r.get("RoleBinding", FULLNAME + "-leader-election");
    assertThat(binding.at("/roleRef/name").asText()).isEqualTo(role.at("/metadata/name").asText());
    assertThat(binding.at("/subjects/0/name").asText()).isEqualTo(FULLNAME);
    assertThat(r.deployment().at("/spec/strategy/type").asText()).isEqualTo("RollingUpdate");
    if (r.deployment().at("/spec/replicas").asInt() > 1) {
      assertThat(r.get("PodDisruptionBudget", FULLNAME).at("/spec/minAvailable").asInt())
          .isEqualTo(1);
    }
  }

  private static void expectCapabilities(Rendered r, String mountPath, String content) {
    JsonNode cm = r.get("ConfigMap", FULLNAME + "-capabilities");
    List<String> keys = new ArrayList<>();
    cm.path("data").fieldNames().forEachRemaining(keys::add);
    assertThat(keys).containsExactly("capabilities.yaml");
    assertThat(yamlTree(cm.at("/data/capabilities.yaml").asText())).isEqualTo(yamlTree(content));

    JsonNode mount = mount(r, mountPath);
    assertThat(mount.path("readOnly").asBoolean()).isTrue();
    JsonNode volume = volume(r, mount.path("name").asText());
    assertThat(volume.at("/configMap/name").asText()).isEqualTo(cm.at("/metadata/name").asText());
    assertThat(r.env()).containsEntry("DUALSTACK_CAPABILITIES", mountPath + "/capabilities.yaml");
    assertThat(
            RunCommandContract.parse("--capabilities=" + r.env().get("DUALSTACK_CAPABILITIES"))
                .capabilities)
        .isEqualTo(Path.of(mountPath, "capabilities.yaml"));
    assertThat(
            r.deployment()
                .at("/spec/template/metadata/annotations/checksum~1capabilities")
                .asText())
        .hasSize(64);
  }

  private static void expectServiceMonitor(Rendered r) {
    JsonNode sm = r.get("ServiceMonitor", FULLNAME);
    assertThat(sm.path("apiVersion").asText()).isEqualTo("monitoring.coreos.com/v1");
    assertThat(sm.at("/metadata/labels/team").asText()).isEqualTo("net");
    assertThat(sm.at("/spec/endpoints/0/port").asText()).isEqualTo("metrics");
    assertThat(sm.at("/spec/endpoints/0/path").asText()).isEqualTo("/metrics");
    assertThat(texts(sm.at("/spec/namespaceSelector/matchNames"))).containsExactly(NS);
    JsonNode svcLabels = r.get("Service", FULLNAME + "-metrics").at("/metadata/labels");
    sm.at("/spec/selector/matchLabels")
        .fields()
        .forEachRemaining(
            e -> assertThat(svcLabels.path(e.getKey()).asText()).isEqualTo(e.getValue().asText()));
  }

  // ---- helpers

  /**
   * Rules as "group|resource|sorted verbs", one entry per (group, resource), plus "|names" when the
   * rule is limited to named objects.
   */
  private static List<String> rules(JsonNode role) {
    List<String> out = new ArrayList<>();
    for (JsonNode rule : role.path("rules")) {
      List<String> verbs = texts(rule.path("verbs")).stream().sorted().toList();
      String names =
          rule.has("resourceNames")
              ? "|" + String.join(",", texts(rule.path("resourceNames")))
              : "";
      for (String group : texts(rule.path("apiGroups"))) {
        for (String resource : texts(rule.path("resources"))) {
          out.add(group + "|" + resource + "|" + String.join(",", verbs) + names);
        }
      }
    }
    Set<String> unique = new HashSet<>(out);
    assertThat(unique).as("duplicate rules").hasSameSizeAs(out);
    return out;
  }

  private static JsonNode mount(Rendered r, String path) {
    for (JsonNode m : r.container().path("volumeMounts")) {
      if (path.equals(m.path("mountPath").asText())) {
        return m;
      }
    }
    throw new AssertionError("no volume mounted at " + path);
  }

  private static JsonNode volume(Rendered r, String name) {
    for (JsonNode v : r.podSpec().path("volumes")) {
      if (name.equals(v.path("name").asText())) {
        return v;
      }
    }
    throw new AssertionError("no volume " + name);
  }

  private static int port(JsonNode container, String name) {
    for (JsonNode p : container.path("ports")) {
      if (name.equals(p.path("name").asText())) {
        return p.path("containerPort").asInt();
      }
    }
    throw new AssertionError("no container port " + name);
  }

  static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  private static JsonNode yamlTree(String yaml) {
    try {
      return Chart.YAML.readTree(yaml);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private static List<String> names(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
