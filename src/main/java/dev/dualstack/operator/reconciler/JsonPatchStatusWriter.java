package dev.dualstack.operator.reconciler;

import dev.dualstack.operator.api.Cluster;
import dev.dualstack.operator.api.ClusterStatus;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.util.concurrent.ExecutionException;

/**
 * Writes the status with the request JOSDK's {@code patchStatus} sends on this operator (a JSON
 * Patch of {@code /status}, no resourceVersion, so no optimistic locking), without what JOSDK and
 * fabric8 do around it: a copy of the cached Cluster, a serialization copy inside fabric8's {@code
 * editStatus} and two JSON trees diffed, per write (fabric8's {@code patch(context, String)} also
 * copies the object by serialization first). The patch is known: the whole new status replaces the
 * old one. The answer goes into JOSDK's temporary cache, as its {@code PrimaryUpdateAndCacheUtils}
 * do, so that a reconcile triggered before the watch event of this write arrives sees the written
 * status (and writes nothing again).
 *
 * <p>Hand-written because neither JOSDK 5.2 nor fabric8 7.5 sends a ready patch without copying the
 * object: JOSDK's helpers go through {@code editStatus} (copy and diff), a merge patch of the whole
 * object, or server-side apply (which the in-process server does not support). The request goes
 * through the client's own HTTP client (its authentication, retries of 429 and 5xx, connection
 * pool).
 */
public final class JsonPatchStatusWriter implements ClusterStatusWriter {
  static final String JSON_PATCH = "application/json-patch+json";

  @Override
  public UpdateControl<Cluster> write(
      Cluster cluster, ClusterStatus status, Context<Cluster> context) {
    Cluster updated = send(context.getClient(), cluster, status);
    context
        .eventSourceRetriever()
        .getControllerEventSource()
        .handleRecentResourceUpdate(ResourceID.fromResource(cluster), updated, cluster);
    return UpdateControl.noUpdate();
  }

  /** Sends the status patch of {@code cluster}; returns the Cluster the server answered with. */
  public static Cluster send(KubernetesClient client, Cluster cluster, ClusterStatus status) {
    KubernetesSerialization json = client.getKubernetesSerialization();
    String url =
        client.getConfiguration().getMasterUrl().replaceAll("/+$", "")
            + "/apis/"
            + Cluster.API_VERSION
            + "/clusters/"
            + cluster.getMetadata().getName()
            + "/status";
    HttpRequest request =
        client
            .getHttpClient()
            .newHttpRequestBuilder()
            .uri(url)
            .header("Accept", "application/json")
            .method("PATCH", JSON_PATCH, patch(json, status))
            .build();
    HttpResponse<String> response;
    try {
      response = client.getHttpClient().sendAsync(request, String.class).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KubernetesClientException("interrupted patching the status of " + url, e);
    } catch (ExecutionException e) {
      throw KubernetesClientException.launderThrowable(e.getCause());
    }
    if (!response.isSuccessful()) {
      Status s = statusOf(json, response.body(), response.code());
      throw new KubernetesClientException(
          "PATCH " + url + ": " + response.code() + " " + s.getMessage(), response.code(), s);
    }
    return json.unmarshal(response.body(), Cluster.class);
  }

  /** The JSON Patch that sets {@code status}. */
  public static String patch(KubernetesSerialization serialization, ClusterStatus status) {
    return "[{\"op\":\"add\",\"path\":\"/status\",\"value\":" + serialization.asJson(status) + "}]";
  }

  private static Status statusOf(KubernetesSerialization json, String body, int code) {
    try {
      Status s = json.unmarshal(body, Status.class);
      if (s != null && s.getMessage() != null) {
        return s;
      }
    } catch (RuntimeException e) {
      // not a Status: keep the body as the message
    }
    Status s = new Status();
    s.setCode(code);
    s.setMessage(body);
    return s;
  }
}
