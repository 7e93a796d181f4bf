package dev.dualstack.operator.admission;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.dualstack.operator.api.Cluster;
import dev.dualstack.operator.api.ClusterStatus;
import dev.dualstack.operator.api.Datacenter;
import dev.dualstack.operator.pipeline.Pipeline;
import dev.dualstack.operator.pipeline.PipelineResult;
import dev.dualstack.operator.pipeline.capability.CapabilityMatrixLoader;
import dev.dualstack.operator.pipeline.model.ClusterInput;
import dev.dualstack.operator.pipeline.model.DatacenterInput;
import dev.dualstack.operator.pipeline.status.ClusterStatusFactory;
import dev.dualstack.operator.pipeline.status.DatacenterStatusFactory;
import io.fabric8.kubernetes.api.model.StatusCause;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionResponse;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionReview;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The webhook's decisions on AdmissionReview JSON as the API server sends it, without a server. */
class AdmissionHandlerTest {
  static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  static final ObjectMapper JSON = new ObjectMapper();
  static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
  static final Pipeline PIPELINE = new Pipeline(CapabilityMatrixLoader.builtin());

  private final Map<String, Datacenter> datacenters = new HashMap<>();
  private final AdmissionHandler handler =
      new AdmissionHandler(
          PIPELINE,
          new DatacenterStatusFactory(PIPELINE.matrix(), CLOCK),
          name -> Optional.ofNullable(datacenters.get(name)),
          SERIALIZATION);

  // ---- inputs

  /** The Datacenter and Cluster documents of an example file. */
  record Example(Path file, Datacenter datacenter, ObjectNode cluster) {
    @Override
    public String toString() {
      return file.toString();
    }
  }

  static Example example(Path file) {
    Datacenter dc = null;
    ObjectNode cluster = null;
    try (var it = YAML.readerFor(JsonNode.class).<JsonNode>readValues(file.toFile())) {
      while (it.hasNextValue()) {
        JsonNode d = it.nextValue();
        if (d == null || !d.has("kind")) {
          continue;
        }
        if (d.get("kind").asText().equals("Datacenter")) {
          dc = SERIALIZATION.convertValue(d, Datacenter.class);
        } else if (d.get("kind").asText().equals("Cluster")) {
          cluster = (ObjectNode) d;
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new Example(file, dc, cluster);
  }

  static Stream<Example> examples() throws IOException {
    return files(Path.of("examples")).map(AdmissionHandlerTest::example);
  }

  static Stream<Example> invalidExamples() throws IOException {
    return files(Path.of("examples/invalid")).map(AdmissionHandlerTest::example);
  }

  private static Stream<Path> files(Path dir) throws IOException {
    try (var s = Files.list(dir)) {
      return s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList().stream();
    }
  }

  /** An AdmissionReview as kube-apiserver sends it, through JSON. */
  static AdmissionReview review(
      String operation, JsonNode object, JsonNode oldObject, boolean dryRun, String subResource) {
    ObjectNode request = JSON.createObjectNode();
    request.put("uid", "0d8a4a2c-1111-2222-3333-444455556666");
    request
        .putObject("kind")
        .put("group", "dualstack.dev")
        .put("version", "v1")
        .put("kind", "Cluster");
    request
        .putObject("resource")
        .put("group", "dualstack.dev")
        .put("version", "v1")
        .put("resource", "clusters");
    if (subResource != null) {
      request.put("subResource", subResource);
    }
    request.put("name", object.at("/metadata/name").asText());
    request.put("operation", operation);
    request.putObject("userInfo").put("username", "admin");
    request.set("object", object);
    if (oldObject != null) {
      request.set("oldObject", oldObject);
    }
    request.put("dryRun", dryRun);
    ObjectNode review = JSON.createObjectNode();
    review.put("apiVersion", "admission.k8s.io/v1").put("kind", "AdmissionReview");
    review.set("request", request);
    return SERIALIZATION.unmarshal(review.toString(), AdmissionReview.class);
  }

  static AdmissionReview create(JsonNode cluster) {
    return review("CREATE", cluster, null, false, null);
  }

  /** The old object as the reconciler left it: the spec and the status it wrote for it. */
  static ObjectNode withStatus(ObjectNode cluster, Datacenter dc) {
    Cluster c = SERIALIZATION.convertValue(cluster, Cluster.class);
    PipelineResult r =
        PIPELINE.evaluate(ClusterInput.of(c), dc == null ? null : DatacenterInput.of(dc));
    assertThat(r.errors()).as("the old object is valid").isEmpty();
    ClusterStatus status = new ClusterStatusFactory(CLOCK).build(null, r, 1L);
    ObjectNode out = cluster.deepCopy();
    out.set("status", JSON.valueToTree(status));
    return out;
  }

  static List<String> fields(AdmissionResponse r) {
    return r.getStatus().getDetails().getCauses().stream().map(StatusCause::getField).toList();
  }

  // ---- CREATE

  @ParameterizedTest(name = "{0}")
  @MethodSource("examples")
  void everyExampleIsAdmitted(Example e) {
    datacenters.put(e.datacenter().getMetadata().getName(), e.datacenter());
    AdmissionReview out = handler.cluster(create(e.cluster()));
    AdmissionResponse r = out.getResponse();
    assertThat(r.getAllowed()).as("%s: %s", e, r.getStatus()).isTrue();
    assertThat(r.getUid()).isEqualTo("0d8a4a2c-1111-2222-3333-444455556666");
    assertThat(out.getApiVersion()).isEqualTo("admission.k8s.io/v1");
    assertThat(out.getKind()).isEqualTo("AdmissionReview");
    assertThat(r.getStatus()).isNull();
    assertThat(
            handler.datacenter(create(JSON.valueToTree(e.datacenter()))).getResponse().getAllowed())
        .isTrue();
  }

  @Test
  void aDualStackExampleIsAdmittedWithThePipelinesWarnings() {
    Example e = example(Path.of("examples/aws.yaml"));
    datacenters.put(e.datacenter().getMetadata().getName(), e.datacenter());
    AdmissionResponse r = handler.cluster(create(e.cluster())).getResponse();
    PipelineResult p =
        PIPELINE.evaluate(
            ClusterInput.of(SERIALIZATION.convertValue(e.cluster(), Cluster.class)),
            DatacenterInput.of(e.datacenter()));
    assertThat(p.warnings()).as("the example has warnings to pass on").isNotEmpty();
    assertThat(r.getAllowed()).isTrue();
    assertThat(r.getWarnings())
        .containsExactlyElementsOf(
            p.warnings().stream()
                .map(w -> AdmissionHandler.shorten(w.code() + ": " + w.message()))
                .toList());
  }

  private static final Pattern EXPECTED =
      Pattern.compile("^# expected-error: (\\w+) (\\S+) \\(", Pattern.MULTILINE);

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidExamples")
  void everyInvalidExampleIsDeniedWithItsFieldPaths(Example e) throws IOException {
    Matcher m = EXPECTED.matcher(Files.readString(e.file()));
    assertThat(m.find()).as("%s names its expected error", e).isTrue();
    String type = m.group(1);
    String field = m.group(2);
    datacenters.put(e.datacenter().getMetadata().getName(), e.datacenter());

    AdmissionResponse r = handler.cluster(create(e.cluster())).getResponse();

    assertThat(r.getAllowed()).isFalse();
    var status = r.getStatus();
    assertThat(status.getCode()).isEqualTo(422);
    assertThat(status.getReason()).isEqualTo("Invalid");
    assertThat(status.getDetails().getKind()).isEqualTo("Cluster");
    assertThat(status.getDetails().getGroup()).isEqualTo("dualstack.dev");
    assertThat(status.getDetails().getName()).isEqualTo(e.cluster().at("/metadata/name").asText());
    assertThat(status.getDetails().getCauses())
        .anySatisfy(
            c -> {
              assertThat(c.getField()).startsWith(field);
              assertThat(c.getReason()).isEqualTo("FieldValue" + type);
            });
    assertThat(status.getMessage())
        .startsWith("Cluster.dualstack.dev \"" + status.getDetails().getName() + "\" is invalid: ");
    for (StatusCause c : status.getDetails().getCauses()) {
      assertThat(status.getMessage()).contains(c.getField() + ": " + c.getMessage());
    }
  }

  @Test
  void causesCarryTheApimachineryTextOfEveryError() {
    Example e = example(Path.of("examples/invalid/ipv6-first.yaml"));
    datacenters.put(e.datacenter().getMetadata().getName(), e.datacenter());
    AdmissionResponse r = handler.cluster(create(e.cluster())).getResponse();
    assertThat(r.getStatus().getDetails().getCauses())
        .contains(
            new StatusCause(
                "spec.clusterNetwork.pods.cidrBlocks[0]",
                "Invalid value: \"fd01::/48\": the first block must be IPv4 (IPv4 is the only"
                    + " primary family)",
                "FieldValueInvalid"));
    assertThat(fields(r))
        .contains(
            "spec.clusterNetwork.pods.cidrBlocks[1]",
            "spec.clusterNetwork.services.cidrBlocks[0]",
            "spec.clusterNetwork.services.cidrBlocks[1]");
  }

  @Test
  void aClusterWhoseDatacenterIsMissingIsAdmittedWithAWarning() {
    Example e = example(Path.of("examples/openstack.yaml"));
    AdmissionResponse r = handler.cluster(create(e.cluster())).getResponse();
    assertThat(r.getAllowed()).isTrue();
    assertThat(r.getWarnings())
        .anySatisfy(
            w ->
                assertThat(w)
                    .startsWith("DatacenterNotFound: spec.cloud.dc: Not found: \"openstack-fra\"")
                    .contains("stays Pending"));
  }

  @Test
  void aMissingDatacenterDoesNotExcuseOtherErrors() {
    ObjectNode c = example(Path.of("examples/openstack.yaml")).cluster().deepCopy();
    ((ObjectNode) c.at("/spec/cloud")).putObject("aws");
    AdmissionResponse r = handler.cluster(create(c)).getResponse();
    assertThat(r.getAllowed()).isFalse();
    assertThat(fields(r)).containsExactly("spec.cloud");
    assertThat(r.getWarnings()).anySatisfy(w -> assertThat(w).startsWith("DatacenterNotFound"));
  }

  @Test
  void aSpecThatCannotBeReadIsDeniedAtItsField() {
    ObjectNode c = example(Path.of("examples/aws.yaml")).cluster().deepCopy();
    ((ObjectNode) c.at("/spec/clusterNetwork")).put("nodeCidrMaskSizeIPv4", "twenty-four");
    AdmissionResponse r = handler.cluster(create(c)).getResponse();
    assertThat(r.getAllowed()).isFalse();
    assertThat(fields(r)).containsExactly("spec.clusterNetwork.nodeCidrMaskSizeIPv4");
  }

  @Test
  void aDryRunGetsTheSameAnswer() {
    Example bad = example(Path.of("examples/invalid/overlapping-ranges.yaml"));
    datacenters.put(bad.datacenter().getMetadata().getName(), bad.datacenter());
    AdmissionResponse wet = handler.cluster(create(bad.cluster())).getResponse();
    AdmissionResponse dry =
        handler.cluster(review("CREATE", bad.cluster(), null, true, null)).getResponse();
    assertThat(dry).isEqualTo(wet);
    assertThat(dry.getAllowed()).isFalse();
  }

  @Test
  void statusWritesAndDeletesAreNotJudged() {
    Example bad = example(Path.of("examples/invalid/overlapping-ranges.yaml"));
    datacenters.put(bad.datacenter().getMetadata().getName(), bad.datacenter());
    assertThat(
            handler
                .cluster(review("UPDATE", bad.cluster(), bad.cluster(), false, "status"))
                .getResponse()
                .getAllowed())
        .isTrue();
    assertThat(
            handler
                .cluster(review("DELETE", bad.cluster(), null, false, null))
                .getResponse()
                .getAllowed())
        .isTrue();
  }

  // ---- UPDATE: the previous accepted state comes from the old object's status

  private ObjectNode runningIpv4() {
    Example e = example(Path.of("examples/ipv4-only.yaml"));
    datacenters.put(e.datacenter().getMetadata().getName(), e.datacenter());
    return withStatus(e.cluster(), e.datacenter());
  }

  private static ObjectNode edit(ObjectNode old, String pointer, Object value) {
    ObjectNode n = old.deepCopy();
    n.remove("status");
    int slash = pointer.lastIndexOf('/');
    ((ObjectNode) n.at(pointer.substring(0, slash)))
        .set(pointer.substring(slash + 1), JSON.valueToTree(value));
    return n;
  }

  @Test
  void changingThePodCidrOfARunningClusterIsDenied() {
    ObjectNode old = runningIpv4();
    ObjectNode changed =
        edit(old, "/spec/clusterNetwork/pods", Map.of("cidrBlocks", List.of("172.26.0.0/16")));
    AdmissionResponse r =
        handler.cluster(review("UPDATE", changed, old, false, null)).getResponse();
    assertThat(r.getAllowed()).isFalse();
    assertThat(r.getStatus().getDetails().getCauses())
        .anySatisfy(
            c -> {
              assertThat(c.getField()).startsWith("spec.clusterNetwork.pods.cidrBlocks");
              assertThat(c.getReason()).isEqualTo("FieldValueInvalid");
              assertThat(c.getMessage()).contains("immutable");
            });
    // the same spec as a new object is fine: immutability is about the accepted state
    assertThat(handler.cluster(create(changed)).getResponse().getAllowed()).isTrue();
  }

  @Test
  void theIpv4ToDualStackMigrationIsAdmitted() {
    ObjectNode old = runningIpv4();
    List<String> pods = new ArrayList<>();
    old.at("/spec/clusterNetwork/pods/cidrBlocks").forEach(b -> pods.add(b.asText()));
    if (pods.isEmpty()) {
      pods.add("172.25.0.0/16");
    }
    ObjectNode migrated = old.deepCopy();
    migrated.remove("status");
    ObjectNode net = (ObjectNode) migrated.at("/spec/clusterNetwork");
    ClusterStatus prev = SERIALIZATION.convertValue(old, Cluster.class).getStatus();
    net.put("ipFamily", "IPv4+IPv6");
    net.set(
        "pods",
        JSON.valueToTree(Map.of("cidrBlocks", List.of(prev.network().pods().get(0), "fd01::/48"))));
    net.set(
        "services",
        JSON.valueToTree(
            Map.of("cidrBlocks", List.of(prev.network().services().get(0), "fd02::/108"))));
    AdmissionResponse r =
        handler.cluster(review("UPDATE", migrated, old, false, null)).getResponse();
    assertThat(r.getAllowed()).as("%s", r.getStatus()).isTrue();
  }

  @Test
  void anUnsafeLabelUnlocksACniMigration() {
    ObjectNode old = runningIpv4();
    String type = SERIALIZATION.convertValue(old, Cluster.class).getStatus().cni().type();
    String other = "cilium".equals(type) ? "canal" : "cilium";
    ObjectNode changed = edit(old, "/spec/cniPlugin", Map.of("type", other));
    AdmissionResponse locked =
        handler.cluster(review("UPDATE", changed, old, false, null)).getResponse();
    assertThat(locked.getAllowed()).isFalse();
    assertThat(fields(locked)).anySatisfy(f -> assertThat(f).startsWith("spec.cniPlugin"));

    ObjectNode labelled = changed.deepCopy();
    labelled.with("metadata").with("labels").put("unsafe-cni-migration", "true");
    AdmissionResponse unlocked =
        handler.cluster(review("UPDATE", labelled, old, false, null)).getResponse();
    assertThat(unlocked.getAllowed()).as("%s", unlocked.getStatus()).isTrue();
  }

  @Test
  void anUpdateThatLeavesTheSpecAloneIsAdmittedEvenIfTheSpecIsRefused() {
    Example bad = example(Path.of("examples/invalid/overlapping-ranges.yaml"));
    datacenters.put(bad.datacenter().getMetadata().getName(), bad.datacenter());
    ObjectNode labelled = bad.cluster().deepCopy();
    labelled.with("metadata").with("labels").put("team", "a");
    assertThat(handler.cluster(create(labelled)).getResponse().getAllowed()).isFalse();
    assertThat(
            handler
                .cluster(review("UPDATE", labelled, bad.cluster(), false, null))
                .getResponse()
                .getAllowed())
        .isTrue();
  }

  // ---- Datacenter

  @Test
  void aDatacenterWithoutAProviderBlockIsDenied() {
    ObjectNode dc = JSON.createObjectNode();
    dc.put("apiVersion", "dualstack.dev/v1").put("kind", "Datacenter");
    dc.putObject("metadata").put("name", "nowhere");
    dc.putObject("spec").put("country", "DE");
    AdmissionResponse r = handler.datacenter(create(dc)).getResponse();
    assertThat(r.getAllowed()).isFalse();
    assertThat(r.getStatus().getDetails().getCauses())
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.getField()).isEqualTo("spec");
              assertThat(c.getReason()).isEqualTo("FieldValueRequired");
              assertThat(c.getMessage()).startsWith("Required value: exactly one provider block");
            });
    assertThat(r.getStatus().getMessage())
        .startsWith("Datacenter.dualstack.dev \"nowhere\" is invalid: spec: Required value");
  }

  @Test
  void longWarningsAreCutAtAWord() {
    String w = "word ".repeat(100);
    assertThat(AdmissionHandler.shorten(w)).hasSizeLessThanOrEqualTo(256).endsWith("...");
    assertThat(AdmissionHandler.shorten("short")).isEqualTo("short");
  }
}
