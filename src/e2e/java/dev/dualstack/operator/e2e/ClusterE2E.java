package dev.dualstack.operator.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.dualstack.operator.Main;
import dev.dualstack.operator.api.Cluster;
import dev.dualstack.operator.api.ClusterStatus;
import dev.dualstack.operator.api.Conditions;
import dev.dualstack.operator.api.Datacenter;
import dev.dualstack.operator.pipeline.model.ClusterInput;
import dev.dualstack.operator.pipeline.model.DatacenterInput;
import dev.dualstack.operator.pipeline.Pipeline;
import dev.dualstack.operator.pipeline.PipelineResult;
import dev.dualstack.operator.pipeline.capability.CapabilityMatrixLoader;
import dev.dualstack.operator.pipeline.status.ClusterStatusFactory;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.k3s.K3sContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * The operator against a real API server (k3s in Docker): the CRDs install, the server enforces
 * their schema, and every example in {@code examples/} gets the status the pipeline computes for
 * it. Runs with {@code mvn -Pe2e verify}; skipped when Docker is not available.
 */
@Tag("e2e")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterE2E {
  private static final String K3S_IMAGE =
      System.getProperty("e2e.k3s.image", "rancher/k3s:v1.32.3-k3s1");
  private static final String NAMESPACE = "dualstack-system";
  private static final Duration WAIT = Duration.ofMinutes(3);
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private static K3sContainer k3s;
  private static KubernetesClient client;
  private static CompletableFuture<Integer> operator;
  private static int healthPort;

  private static boolean dockerAvailable;

  @BeforeAll
  static void startClusterAndOperator() throws Exception {
    dockerAvailable = DockerClientFactory.instance().isDockerAvailable();
    if (!dockerAvailable) {
      return; // every test is skipped with the reason, see requireDocker()
    }

    k3s =
        new K3sContainer(DockerImageName.parse(K3S_IMAGE).asCompatibleSubstituteFor("rancher/k3s"));
    k3s.start();
    String kubeconfigYaml = k3s.getKubeConfigYaml();
    Path kubeconfig = Files.createTempFile("k3s-kubeconfig-", ".yaml");
    Files.writeString(kubeconfig, kubeconfigYaml);
    // fabric8 reads the system property "kubeconfig" before the KUBECONFIG variable
    System.setProperty("kubeconfig", kubeconfig.toString());
    client =
        new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(kubeconfigYaml)).build();

    installCrds();
    client
        .namespaces()
        .resource(
            new NamespaceBuilder().withNewMetadata().withName(NAMESPACE).endMetadata().build())
        .create();

    healthPort = freePort();
    int metricsPort = freePort();
    operator =
        CompletableFuture.supplyAsync(
            () ->
                Main.execute(
                    "run",
                    "--namespace=" + NAMESPACE,
                    "--lease-namespace=" + NAMESPACE,
                    "--health-port=" + healthPort,
                    "--metrics-port=" + metricsPort,
                    "--log-format=text"));
    // the informers must be synced before objects are created (no event may be missed)
    await("operator /readyz")
        .atMost(WAIT)
        .pollInterval(Duration.ofMillis(500))
        .until(ClusterE2E::operatorReady);
  }

  @BeforeEach
  void requireDocker() {
    assumeTrue(
        dockerAvailable,
        "Docker is not available: ClusterE2E starts k3s in a container; run `mvn -Pe2e verify`"
            + " on a machine with a Docker engine");
  }

  @AfterAll
  static void stop() {
    if (client != null) {
      client.close();
    }
    if (k3s != null) {
      k3s.stop();
    }
  }

  @Test
  @Order(1)
  void apiServerRejectsSchemaViolations() {
    Cluster threePodCidrs =
        cluster(
            "three-pod-cidrs",
            "clusterNetwork:\n"
                + "  pods: {cidrBlocks: [172.25.0.0/16, fd01::/48, 10.0.0.0/8]}\n"
                + "  services: {cidrBlocks: [10.240.16.0/20]}\n");
    assertThatThrownBy(() -> client.resource(threePodCidrs).create())
        .isInstanceOfSatisfying(
            KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(422))
        .hasMessageContaining("spec.clusterNetwork.pods.cidrBlocks");

    Cluster badProxyMode = cluster("bad-proxy-mode", "clusterNetwork: {proxyMode: userspace}\n");
    assertThatThrownBy(() -> client.resource(badProxyMode).create())
        .isInstanceOfSatisfying(
            KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(422))
        .hasMessageContaining("spec.clusterNetwork.proxyMode");
  }

  @Test
  @Order(2)
  void everyExampleGetsThePipelinesStatus() throws IOException {
    Map<String, Datacenter> datacenters = new LinkedHashMap<>();
    List<Cluster> clusters = new ArrayList<>();
    for (JsonNode doc : exampleDocuments()) {
      ((ObjectNode) doc).remove("status");
      switch (doc.path("kind").asText()) {
        case "Datacenter" -> {
          Datacenter d = YAML.convertValue(doc, Datacenter.class);
          datacenters.put(d.getMetadata().getName(), d);
        }
        case "Cluster" -> clusters.add(YAML.convertValue(doc, Cluster.class));
        default -> {}
      }
    }
    assertThat(clusters).as("Clusters in examples/").isNotEmpty();

    datacenters.values().forEach(d -> client.resource(d).create());
    clusters.forEach(c -> client.resource(c).create());

    Pipeline pipeline = new Pipeline(CapabilityMatrixLoader.builtin());
    ClusterStatusFactory statuses = new ClusterStatusFactory(Clock.systemUTC());
    for (Cluster submitted : clusters) {
      String name = submitted.getMetadata().getName();
      await("status of Cluster " + name)
          .atMost(WAIT)
          .pollInterval(Duration.ofMillis(500))
          .untilAsserted(
              () -> {
                Cluster live = client.resources(Cluster.class).withName(name).get();
                ClusterStatus actual = live.getStatus();
                assertThat(actual).as("status of %s", name).isNotNull();
                assertThat(actual.observedGeneration())
                    .isEqualTo(live.getMetadata().getGeneration());

                Datacenter dc =
                    submitted.getSpec() == null || submitted.getSpec().cloud() == null
                        ? null
                        : datacenters.get(submitted.getSpec().cloud().dc());
                PipelineResult result =
                    pipeline.evaluate(
                        new ClusterInput(
                            name,
                            live.getMetadata().getLabels(),
                            live.getMetadata().getGeneration(),
                            live.getSpec(),
                            null),
                        dc == null ? null : DatacenterInput.of(dc));
                ClusterStatus expected =
                    statuses.build(null, result, live.getMetadata().getGeneration());
                assertSameStatus(name, actual, expected);
              });
      assertEvent(name, client.resources(Cluster.class).withName(name).get().getStatus());
    }

    for (String name : datacenters.keySet()) {
      await("status of Datacenter " + name)
          .atMost(WAIT)
          .untilAsserted(
              () -> {
                Datacenter live = client.resources(Datacenter.class).withName(name).get();
                assertThat(live.getStatus()).as("status of Datacenter %s", name).isNotNull();
                assertThat(live.getStatus().observedGeneration())
                    .isEqualTo(live.getMetadata().getGeneration());
                assertThat(live.getStatus().provider()).isNotBlank();
              });
    }
    assertThat(operator).as("the operator keeps running").isNotDone();
  }

  private static void assertSameStatus(String name, ClusterStatus actual, ClusterStatus expected) {
    assertThat(actual.phase()).as("%s phase", name).isEqualTo(expected.phase());
    assertThat(actual.acceptedGeneration()).isEqualTo(expected.acceptedGeneration());
    assertThat(actual.ipFamily()).as("%s ipFamily", name).isEqualTo(expected.ipFamily());
    assertThat(actual.datacenter()).isEqualTo(expected.datacenter());
    assertThat(actual.network()).as("%s network", name).isEqualTo(expected.network());
    assertThat(actual.cni()).as("%s cni", name).isEqualTo(expected.cni());
    assertThat(actual.components()).as("%s components", name).isEqualTo(expected.components());
    assertThat(actual.provider()).as("%s provider", name).isEqualTo(expected.provider());
    assertThat(actual.warnings()).as("%s warnings", name).isEqualTo(expected.warnings());
    assertThat(fieldsAndTypes(actual.errors()))
        .as("%s errors", name)
        .isEqualTo(fieldsAndTypes(expected.errors()));
    assertThat(conditions(actual.conditions()))
        .as("%s conditions", name)
        .isEqualTo(conditions(expected.conditions()));
    if (actual.provider() != null
        && actual.provider().bringyourown() != null
        && actual.provider().bringyourown().joinConfigMap() != null) {
      assertThat(
              client
                  .configMaps()
                  .inNamespace(NAMESPACE)
                  .withName(actual.provider().bringyourown().joinConfigMap())
                  .get())
          .as("kubeadm join ConfigMap of %s", name)
          .isNotNull();
    }
  }

  /** A Normal event when a rendering was accepted, a Warning event when the spec was refused. */
  private static void assertEvent(String name, ClusterStatus status) {
    String reason =
        Conditions.PHASE_READY.equals(status.phase())
            ? Conditions.EVENT_NETWORK_ACCEPTED
            : Conditions.PHASE_PENDING.equals(status.phase())
                ? Conditions.EVENT_DATACENTER_NOT_FOUND
                : Conditions.EVENT_NETWORK_REFUSED;
    await("event " + reason + " for " + name)
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(
                        client
                            .v1()
                            .events()
                            .inAnyNamespace()
                            .withField("involvedObject.name", name)
                            .list()
                            .getItems())
                    .extracting(e -> e.getReason())
                    .contains(reason));
  }

  private static List<String> fieldsAndTypes(List<ClusterStatus.StatusError> errors) {
    return errors == null
        ? List.of()
        : errors.stream().map(e -> e.field() + " " + e.type()).sorted().toList();
  }

  private static List<String> conditions(List<Condition> conditions) {
    return conditions == null
        ? List.of()
        : conditions.stream()
            .map(c -> c.getType() + "=" + c.getStatus() + "/" + c.getReason())
            .sorted()
            .toList();
  }

  private static Cluster cluster(String name, String specYaml) {
    try {
      String yaml =
          "apiVersion: dualstack.dev/v1\nkind: Cluster\nmetadata: {name: "
              + name
              + "}\nspec:\n  version: \"1.31.4\"\n  cloud: {dc: nowhere, aws: {}}\n"
              + specYaml.lines().map(l -> "  " + l).reduce("", (a, b) -> a + b + "\n");
      return YAML.readValue(yaml, Cluster.class);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  /** Every document of examples/*.yaml|yml (not subdirectories: examples/invalid/ stays apart). */
  private static List<JsonNode> exampleDocuments() throws IOException {
    List<JsonNode> docs = new ArrayList<>();
    List<Path> files;
    try (Stream<Path> s = Files.list(Path.of("examples"))) {
      files =
          s.filter(Files::isRegularFile)
              .filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
              .sorted()
              .toList();
    }
    for (Path f : files) {
      try (var parser = YAML.getFactory().createParser(f.toFile())) {
        var it = YAML.readValues(parser, JsonNode.class);
        while (it.hasNext()) {
          JsonNode n = it.next();
          if (n != null && n.isObject()) {
            docs.add(n);
          }
        }
      }
    }
    return docs;
  }

  private static void installCrds() throws IOException {
    List<Path> files;
    try (Stream<Path> s = Files.list(Path.of("crds"))) {
      files = s.sorted().toList();
    }
    for (Path f : files) {
      try (InputStream in = Files.newInputStream(f)) {
        CustomResourceDefinition crd =
            client.apiextensions().v1().customResourceDefinitions().load(in).item();
        client.resource(crd).create();
        await("CRD " + crd.getMetadata().getName() + " established")
            .atMost(WAIT)
            .until(
                () ->
                    client
                        .apiextensions()
                        .v1()
                        .customResourceDefinitions()
                        .withName(crd.getMetadata().getName())
                        .get()
                        .getStatus()
                        .getConditions()
                        .stream()
                        .anyMatch(
                            c ->
                                "Established".equals(c.getType()) && "True".equals(c.getStatus())));
      }
    }
  }

  private static boolean operatorReady() {
    if (operator.isDone()) {
      throw new AssertionError("the operator exited with code " + operator.join());
    }
    try {
      HttpResponse<Void> r =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + healthPort + "/readyz"))
                      .timeout(Duration.ofSeconds(5))
                      .build(),
                  HttpResponse.BodyHandlers.discarding());
      return r.statusCode() == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
