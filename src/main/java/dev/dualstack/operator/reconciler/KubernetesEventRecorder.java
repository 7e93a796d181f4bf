package dev.dualstack.operator.reconciler;

import dev.dualstack.operator.api.Cluster;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes core/v1 Events. Cluster and Datacenter are cluster-scoped, so their events go to the
 * {@code default} namespace, as client-go's recorder does. The same (cluster uid, reason, message)
 * is recorded once even when a reconcile is retried after a failed status write. A failure to
 * record is logged, never fatal.
 */
public final class KubernetesEventRecorder implements EventRecorder {
  public static final String EVENT_NAMESPACE = "default";
  public static final String COMPONENT = "dualstack-operator";
  private static final Logger LOG = LoggerFactory.getLogger(KubernetesEventRecorder.class);
  private static final int MAX_MESSAGE = 1024;
  private static final int MAX_REMEMBERED = 10_000;
  private static final int MAX_ATTEMPTS = 3;
  private static final long RETRY_PAUSE_MILLIS = 100;

  private final KubernetesClient client;
  private final Clock clock;
  private final String instance;
  private final Map<String, String> lastRecorded = new ConcurrentHashMap<>();
  private final AtomicLong sequence = new AtomicLong();

  public KubernetesEventRecorder(KubernetesClient client, Clock clock, String instance) {
    this.client = Objects.requireNonNull(client);
    this.clock = Objects.requireNonNull(clock);
    this.instance = instance;
  }

  @Override
  public void record(Cluster cluster, ClusterEvent event) {
    var md = cluster.getMetadata();
    String key = md.getUid() + "/" + event.reason();
    String signature = md.getGeneration() + "/" + event.message();
    if (signature.equals(lastRecorded.get(key))) {
      return;
    }
    if (lastRecorded.size() > MAX_REMEMBERED) {
      lastRecorded.clear();
    }
    String now =
        DateTimeFormatter.ISO_INSTANT.format(clock.instant().truncatedTo(ChronoUnit.SECONDS));
    String message =
        event.message().length() > MAX_MESSAGE
            ? event.message().substring(0, MAX_MESSAGE - 3) + "..."
            : event.message();
    Event e =
        new EventBuilder()
            .withNewMetadata()
            .withName(
                md.getName()
                    + "."
                    + Long.toHexString(clock.millis()).toLowerCase(Locale.ROOT)
                    + Long.toHexString(sequence.incrementAndGet()))
            .withNamespace(EVENT_NAMESPACE)
            .endMetadata()
            .withNewInvolvedObject()
            .withApiVersion(cluster.getApiVersion())
            .withKind(cluster.getKind())
            .withName(md.getName())
            .withUid(md.getUid())
            .withResourceVersion(md.getResourceVersion())
            .endInvolvedObject()
            .withType(event.type())
            .withReason(event.reason())
            .withMessage(message)
            .withFirstTimestamp(now)
            .withLastTimestamp(now)
            .withCount(1)
            .withNewSource()
            .withComponent(COMPONENT)
            .endSource()
            .withReportingComponent(COMPONENT)
            .withReportingInstance(instance)
            .build();
    for (int attempt = 1; ; attempt++) {
      try {
        client.v1().events().inNamespace(EVENT_NAMESPACE).resource(e).create();
        lastRecorded.put(key, signature);
        return;
      } catch (KubernetesClientException ex) {
        // an event is decided once, from a status transition: a dropped connection would lose it
        if (attempt < MAX_ATTEMPTS && transientFailure(ex)) {
          LOG.debug("retrying event {} on {}: {}", event.reason(), md.getName(), ex.getMessage());
          pause(attempt);
          continue;
        }
        LOG.warn(
            "could not record event {} on {}: {}", event.reason(), md.getName(), ex.getMessage());
        return;
      }
    }
  }

  /** No HTTP answer at all (connection closed or refused), or one worth repeating. */
  static boolean transientFailure(KubernetesClientException ex) {
    int code = ex.getCode();
    return code == 0 || code == 429 || code >= 500;
  }

  private static void pause(int attempt) {
    try {
      Thread.sleep(RETRY_PAUSE_MILLIS * attempt);
    } catch (InterruptedException ie) {
      Thread.currentThread().interrupt();
    }
  }
}
