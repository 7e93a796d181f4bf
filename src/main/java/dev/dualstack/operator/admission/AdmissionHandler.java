package dev.dualstack.operator.admission;

import dev.dualstack.operator.api.Cluster;
import dev.dualstack.operator.api.ClusterStatus;
import dev.dualstack.operator.api.ClusterStatus.StatusError;
import dev.dualstack.operator.api.Conditions;
import dev.dualstack.operator.api.Datacenter;
import dev.dualstack.operator.api.DatacenterStatus;
import dev.dualstack.operator.api.UnreadableField;
import dev.dualstack.operator.api.Warning;
import dev.dualstack.operator.pipeline.Pipeline;
import dev.dualstack.operator.pipeline.PipelineResult;
import dev.dualstack.operator.pipeline.field.ErrorType;
import dev.dualstack.operator.pipeline.field.FieldError;
import dev.dualstack.operator.pipeline.model.ClusterInput;
import dev.dualstack.operator.pipeline.model.DatacenterInput;
import dev.dualstack.operator.pipeline.status.DatacenterStatusFactory;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.StatusCause;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionRequest;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionResponse;
import io.fabric8.kubernetes.api.model.admission.v1.AdmissionReview;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The validating webhook's decisions, without a server: an {@code AdmissionReview} in, one out. A
 * Cluster runs through the same {@link Pipeline} as in the reconciler (its Datacenter from the
 * informer cache, the previous accepted state from the old object's status, the {@code unsafe-*}
 * labels from the new object); a Datacenter through the {@link DatacenterStatusFactory}. Every
 * error denies, as {@code status.details.causes} and a readable {@code status.message}; warnings
 * become admission warnings. A Cluster whose Datacenter does not exist (yet) is admitted with a
 * warning, so that the order of applies does not matter. An update that leaves the spec unchanged
 * is admitted (ratcheting). The handler has no side effects, so a dry run gets the same answer.
 */
public final class AdmissionHandler {
  public static final String CLUSTER_PATH = "/validate-cluster";
  public static final String DATACENTER_PATH = "/validate-datacenter";

  /** The API server truncates longer warnings; we cut them ourselves, at a word. */
  static final int MAX_WARNING = 256;

  private final Pipeline pipeline;
  private final DatacenterStatusFactory datacenters;
  private final Function<String, Optional<Datacenter>> datacenterLookup;
  private final KubernetesSerialization serialization;

  /**
   * @param datacenterLookup the Datacenter of a name, from the informer cache
   */
  public AdmissionHandler(
      Pipeline pipeline,
      DatacenterStatusFactory datacenters,
      Function<String, Optional<Datacenter>> datacenterLookup,
      KubernetesSerialization serialization) {
    this.pipeline = Objects.requireNonNull(pipeline);
    this.datacenters = Objects.requireNonNull(datacenters);
    this.datacenterLookup = Objects.requireNonNull(datacenterLookup);
    this.serialization = Objects.requireNonNull(serialization);
  }

  /** The answer to a review sent to {@link #CLUSTER_PATH}. */
  public AdmissionReview cluster(AdmissionReview review) {
    return answer(review, this::cluster);
  }

  /** The answer to a review sent to {@link #DATACENTER_PATH}. */
  public AdmissionReview datacenter(AdmissionReview review) {
    return answer(review, this::datacenter);
  }

  private AdmissionReview answer(
      AdmissionReview review, Function<AdmissionRequest, Verdict> decide) {
    AdmissionRequest request = review.getRequest();
    if (request == null) {
      throw new IllegalArgumentException("the AdmissionReview has no request");
    }
    Verdict v = relevant(request) ? decide.apply(request) : Verdict.ALLOW;
    AdmissionResponse response = new AdmissionResponse();
    response.setUid(request.getUid());
    response.setAllowed(v.allowed());
    if (!v.allowed()) {
      response.setStatus(v.status());
    }
    if (!v.warnings().isEmpty()) {
      response.setWarnings(v.warnings());
    }
    AdmissionReview out = new AdmissionReview();
    out.setApiVersion(
        review.getApiVersion() == null ? "admission.k8s.io/v1" : review.getApiVersion());
    out.setKind("AdmissionReview");
    out.setResponse(response);
    return out;
  }

  /** CREATE and UPDATE of the main resource; status writes and deletes are not ours to judge. */
  private static boolean relevant(AdmissionRequest r) {
    boolean write = "CREATE".equals(r.getOperation()) || "UPDATE".equals(r.getOperation());
    return write && (r.getSubResource() == null || r.getSubResource().isEmpty());
  }

  private Verdict cluster(AdmissionRequest request) {
    Cluster cluster = serialization.convertValue(request.getObject(), Cluster.class);
    String name = name(request, cluster);
    UnreadableField unreadable = cluster.getUnreadableSpec();
    if (unreadable != null) {
      return Verdict.deny(
          Cluster.KIND,
          name,
          List.of(
              new Cause(
                  unreadable.field(),
                  ErrorType.INVALID,
                  unreadable.value(),
                  "cannot be read: " + unreadable.message())),
          List.of());
    }
    ClusterStatus previous = null;
    if ("UPDATE".equals(request.getOperation()) && request.getOldObject() != null) {
      Cluster old = serialization.convertValue(request.getOldObject(), Cluster.class);
      if (old.getUnreadableSpec() == null && Objects.equals(old.getSpec(), cluster.getSpec())) {
        // ratcheting, as the API server does for CRD schemas: an update that leaves the spec as
        // it is (labels, annotations) is not refused for what the spec already was
        return Verdict.ALLOW;
      }
      previous = old.getStatus();
    }
    var md = cluster.getMetadata();
    ClusterInput input =
        new ClusterInput(
            name, md == null ? null : md.getLabels(), null, cluster.getSpec(), previous);
    String dcName =
        cluster.getSpec() == null || cluster.getSpec().cloud() == null
            ? null
            : cluster.getSpec().cloud().dc();
    DatacenterInput dc =
        dcName == null || dcName.isBlank()
            ? null
            : datacenterLookup.apply(dcName).map(DatacenterInput::of).orElse(null);
    return verdict(name, pipeline.evaluate(input, dc));
  }

  /**
   * The pipeline's verdict as admission sees it: the missing-Datacenter error becomes a warning;
   * every other error denies; the pipeline's warnings are passed on as {@code code: message}.
   */
  static Verdict verdict(String name, PipelineResult result) {
    List<String> warnings = new ArrayList<>();
    List<Cause> causes = new ArrayList<>();
    for (FieldError e : result.errors()) {
      if (!result.datacenterFound() && e.type() == ErrorType.NOT_FOUND) {
        warnings.add(Conditions.REASON_NOT_FOUND + ": " + e);
      } else {
        causes.add(new Cause(e.field(), e.type(), e.value(), e.message()));
      }
    }
    for (Warning w : result.warnings()) {
      warnings.add(w.code() + ": " + w.message());
    }
    return causes.isEmpty()
        ? new Verdict(true, null, admissionWarnings(warnings))
        : Verdict.deny(Cluster.KIND, name, causes, warnings);
  }

  private Verdict datacenter(AdmissionRequest request) {
    Datacenter dc = serialization.convertValue(request.getObject(), Datacenter.class);
    String name = name(request, dc);
    DatacenterStatus status = datacenters.build(null, dc.getSpec(), null, dc.getUnreadableSpec());
    List<Cause> causes = new ArrayList<>();
    if (status.errors() != null) {
      for (StatusError e : status.errors()) {
        causes.add(new Cause(e.field(), type(e.type()), e.value(), e.message()));
      }
    }
    return causes.isEmpty()
        ? Verdict.ALLOW
        : Verdict.deny(Datacenter.KIND, name, causes, List.of());
  }

  private static String name(
      AdmissionRequest request, io.fabric8.kubernetes.api.model.HasMetadata o) {
    if (o.getMetadata() != null && o.getMetadata().getName() != null) {
      return o.getMetadata().getName();
    }
    return request.getName();
  }

  private static ErrorType type(String id) {
    for (ErrorType t : ErrorType.values()) {
      if (t.id().equals(id)) {
        return t;
      }
    }
    return ErrorType.INVALID;
  }

  private static List<String> admissionWarnings(List<String> warnings) {
    return warnings.stream().map(AdmissionHandler::shorten).distinct().toList();
  }

  static String shorten(String warning) {
    if (warning.length() <= MAX_WARNING) {
      return warning;
    }
    int cut = warning.lastIndexOf(' ', MAX_WARNING - 3);
    return warning.substring(0, cut > MAX_WARNING / 2 ? cut : MAX_WARNING - 3) + "...";
  }

  /** One refusal: what {@code status.details.causes} carries. */
  record Cause(String field, ErrorType type, String value, String message) {
    /** As apimachinery prints a field error without its path: {@code Invalid value: "x": why}. */
    String body() {
      return FieldError.body(type, value, message);
    }

    StatusCause toStatusCause() {
      return new StatusCause(field, body(), "FieldValue" + type.id());
    }

    @Override
    public String toString() {
      return field + ": " + body();
    }
  }

  /** What the webhook answers. */
  record Verdict(boolean allowed, Status status, List<String> warnings) {
    static final Verdict ALLOW = new Verdict(true, null, List.of());

    /**
     * HTTP 200 with {@code allowed: false} and a 422 Invalid status like the API server's own:
     * {@code Cluster.dualstack.dev "x" is invalid: [a, b]} and one cause per field error.
     */
    static Verdict deny(String kind, String name, List<Cause> causes, List<String> warnings) {
      String errors =
          causes.size() == 1
              ? causes.get(0).toString()
              : causes.stream().map(Cause::toString).collect(Collectors.joining(", ", "[", "]"));
      Status status =
          new StatusBuilder()
              .withStatus("Failure")
              .withCode(422)
              .withReason("Invalid")
              .withMessage(kind + "." + Cluster.GROUP + " \"" + name + "\" is invalid: " + errors)
              .withNewDetails()
              .withGroup(Cluster.GROUP)
              .withKind(kind)
              .withName(name)
              .withCauses(causes.stream().map(Cause::toStatusCause).toList())
              .endDetails()
              .build();
      return new Verdict(false, status, admissionWarnings(warnings));
    }
  }
}
