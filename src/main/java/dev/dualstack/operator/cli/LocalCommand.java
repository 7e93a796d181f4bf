package dev.dualstack.operator.cli;

import dev.dualstack.operator.api.Cluster;
import dev.dualstack.operator.api.Conditions;
import dev.dualstack.operator.api.Datacenter;
import dev.dualstack.operator.pipeline.capability.CapabilityMatrix;
import dev.dualstack.operator.reconciler.KubernetesEventRecorder;
import dev.dualstack.operator.runtime.EmbeddedApiServer;
import dev.dualstack.operator.runtime.Logging;
import dev.dualstack.operator.runtime.OperatorRuntime;
import dev.dualstack.operator.runtime.OperatorSettings;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code local}: the embedded demo (SPEC §6). Starts an in-process API server, installs the CRDs,
 * starts this operator, applies the manifests, waits until every Cluster is reconciled and prints
 * each Datacenter and Cluster as {@code kubectl describe} would. Exit 0 when every Cluster is
 * Ready, 1 otherwise, 2 when the input is unreadable. {@code --watch} keeps running and re-applies
 * files that change.
 */
@Command(
    name = "local",
    mixinStandardHelpOptions = true,
    description = "Run the operator on an in-process API server.")
public final class LocalCommand implements Callable<Integer> {
  static final String NAMESPACE = "dualstack-system";

  @Spec CommandSpec spec;

  @Option(names = "--watch", description = "Keep running and re-apply changed files.")
  boolean watch;

  @Option(
      names = "--timeout",
      defaultValue = "60s",
      converter = DurationConverter.class,
      description = "How long to wait for every Cluster to be reconciled, e.g. 60s.")
  Duration timeout;

  @Option(
      names = "--capabilities",
      description = "Capability matrix file replacing the built-in one.")
  Path capabilities;

  @Option(
      names = {"-v", "--verbose"},
      description = "Show the operator's logs (stderr).")
  boolean verbose;

  @Parameters(arity = "1..*", paramLabel = "PATH", description = "YAML files or directories.")
  List<Path> paths;

  private PrintWriter out;
  private PrintWriter err;

  @Override
  public Integer call() throws Exception {
    out = spec.commandLine().getOut();
    err = spec.commandLine().getErr();
    Logging.configure("text", verbose ? "INFO" : "WARN");
    Duration wait = timeout;
    // taken before reading, so that a change made while starting up is seen by --watch
    Map<Path, FileTime> read = modificationTimes();
    ManifestReader.Manifests manifests = read();
    if (manifests == null) {
      return 2;
    }
    CapabilityMatrix matrix;
    try {
      matrix = CapabilityFileReader.resolve(capabilities);
    } catch (CapabilityFileReader.UnreadableException e) {
      err.println("error: " + e.getMessage());
      err.flush();
      return 2;
    }
    try (EmbeddedApiServer api = new EmbeddedApiServer().start();
        KubernetesClient operatorClient = api.newClient();
        OperatorRuntime operator =
            new OperatorRuntime(
                    operatorClient,
                    OperatorSettings.defaults(NAMESPACE),
                    matrix,
                    Clock.systemUTC(),
                    null)
                .start()) {
      KubernetesClient client = api.client();
      List<String> clusters = apply(client, manifests);
      boolean reconciled = awaitReconciled(client, clusters, wait);
      operator.flushEvents(wait);
      Map<String, String> printed = new HashMap<>();
      int code = print(client, manifests, clusters, printed, null);
      if (!reconciled) {
        code = 1;
      }
      if (!watch) {
        return code;
      }
      return watchLoop(client, operator, wait, printed, read);
    }
  }

  /** Reads the manifests; prints the problems and returns null when unreadable. */
  private ManifestReader.Manifests read() {
    ManifestReader.Manifests m = ManifestReader.read(paths);
    m.notes().forEach(n -> err.println("note: " + n));
    if (!m.readable()) {
      m.problems().forEach(p -> err.println("error: " + p));
      err.flush();
      return null;
    }
    if (m.clusters().isEmpty() && m.datacenters().isEmpty()) {
      err.println("error: no Cluster or Datacenter in " + paths);
      err.flush();
      return null;
    }
    return m;
  }

  /** Creates or updates every object (Datacenters first); returns the Cluster names. */
  static List<String> apply(KubernetesClient client, ManifestReader.Manifests m) {
    for (var located : m.datacenters()) {
      Datacenter d = located.object();
      Datacenter clean = new Datacenter();
      clean.setMetadata(meta(d));
      clean.setSpec(d.getSpec());
      var existing = client.resources(Datacenter.class).withName(clean.getMetadata().getName());
      Datacenter current = existing.get();
      if (current == null) {
        client.resource(clean).create();
      } else if (!Objects.equals(current.getSpec(), clean.getSpec())
          || !Objects.equals(current.getMetadata().getLabels(), clean.getMetadata().getLabels())) {
        existing.edit(
            c -> {
              c.setSpec(clean.getSpec());
              c.getMetadata().setLabels(clean.getMetadata().getLabels());
              return c;
            });
      }
    }
    List<String> names = new ArrayList<>();
    for (var located : m.clusters()) {
      Cluster c = located.object();
      Cluster clean = new Cluster();
      clean.setMetadata(meta(c));
      clean.setSpec(c.getSpec());
      names.add(clean.getMetadata().getName());
      var existing = client.resources(Cluster.class).withName(clean.getMetadata().getName());
      Cluster current = existing.get();
      if (current == null) {
        client.resource(clean).create();
      } else if (!Objects.equals(current.getSpec(), clean.getSpec())
          || !Objects.equals(current.getMetadata().getLabels(), clean.getMetadata().getLabels())) {
        existing.edit(
            x -> {
              x.setSpec(clean.getSpec());
              x.getMetadata().setLabels(clean.getMetadata().getLabels());
              return x;
            });
      }
    }
    return names.stream().distinct().toList();
  }

  private static io.fabric8.kubernetes.api.model.ObjectMeta meta(HasMetadata o) {
    var md = o.getMetadata();
    return new ObjectMetaBuilder()
        .withName(md.getName())
        .withLabels(md.getLabels())
        .withAnnotations(md.getAnnotations())
        .build();
  }

  /** Waits until every Cluster's status reflects its generation; names those that did not. */
  private boolean awaitReconciled(KubernetesClient client, List<String> clusters, Duration wait)
      throws InterruptedException {
    Instant deadline = Instant.now().plus(wait);
    List<String> pending = clusters;
    while (true) {
      pending = pending.stream().filter(n -> !reconciled(client, n)).toList();
      if (pending.isEmpty()) {
        return true;
      }
      if (Instant.now().isAfter(deadline)) {
        err.println(
            "error: not reconciled within "
                + timeout.toSeconds()
                + "s"
                + " (status.observedGeneration != metadata.generation): "
                + String.join(", ", pending));
        err.flush();
        return false;
      }
      Thread.sleep(100);
    }
  }

  private static boolean reconciled(KubernetesClient client, String name) {
    Cluster c = client.resources(Cluster.class).withName(name).get();
    return c != null
        && c.getStatus() != null
        && Objects.equals(c.getMetadata().getGeneration(), c.getStatus().observedGeneration());
  }

  /**
   * Prints the Datacenters and Clusters (only those in {@code only} when not null, and only the
   * ones whose resourceVersion changed since {@code printed}); returns 0 when every Cluster is
   * Ready.
   */
  private int print(
      KubernetesClient client,
      ManifestReader.Manifests m,
      List<String> clusters,
      Map<String, String> printed,
      List<String> only) {
    List<Event> events =
        client.v1().events().inNamespace(KubernetesEventRecorder.EVENT_NAMESPACE).list().getItems();
    Instant now = Instant.now();
    boolean allReady = true;
    Map<String, Datacenter> dcs = new LinkedHashMap<>();
    for (var d : m.datacenters()) {
      String name = d.object().getMetadata().getName();
      Datacenter dc = client.resources(Datacenter.class).withName(name).get();
      if (dc != null) {
        dcs.put(name, dc);
      }
    }
    for (Datacenter dc : dcs.values()) {
      if (changed(dc, printed)) {
        section(
            DescribePrinter.describe(dc, dc.getSpec(), dc.getStatus(), eventsOf(events, dc), now));
      }
    }
    for (String name : clusters) {
      Cluster c = client.resources(Cluster.class).withName(name).get();
      if (c == null) {
        continue;
      }
      if (c.getStatus() == null || !Conditions.PHASE_READY.equals(c.getStatus().phase())) {
        allReady = false;
      }
      if ((only == null || only.contains(name)) && changed(c, printed)) {
        section(DescribePrinter.describe(c, c.getSpec(), c.getStatus(), eventsOf(events, c), now));
      }
    }
    out.flush();
    return allReady ? 0 : 1;
  }

  private void section(String text) {
    out.print(text);
    out.println();
  }

  private static boolean changed(HasMetadata o, Map<String, String> printed) {
    String key = o.getKind() + "/" + o.getMetadata().getName();
    String version = o.getMetadata().getResourceVersion();
    return !Objects.equals(printed.put(key, version), version);
  }

  private static List<Event> eventsOf(List<Event> events, HasMetadata o) {
    return events.stream()
        .filter(e -> e.getInvolvedObject() != null)
        .filter(e -> Objects.equals(e.getInvolvedObject().getUid(), o.getMetadata().getUid()))
        .toList();
  }

  /** Polls the files' modification times; re-applies and prints what changed until interrupted. */
  private int watchLoop(
      KubernetesClient client,
      OperatorRuntime operator,
      Duration wait,
      Map<String, String> printed,
      Map<Path, FileTime> seen) {
    err.println("watching " + paths + " for changes (Ctrl-C to stop)");
    err.flush();
    try {
      while (!Thread.currentThread().isInterrupted()) {
        Thread.sleep(500);
        Map<Path, FileTime> now = modificationTimes();
        if (now.equals(seen)) {
          continue;
        }
        seen = now;
        ManifestReader.Manifests m = read();
        if (m == null) {
          continue;
        }
        List<String> clusters = apply(client, m);
        awaitReconciled(client, clusters, wait);
        operator.flushEvents(wait);
        print(client, m, clusters, printed, null);
      }
    } catch (InterruptedException e) {
      // stopped: the caller shuts the operator and the API server down
      err.println("stopped watching");
      err.flush();
    }
    return 0;
  }

  private Map<Path, FileTime> modificationTimes() {
    Map<Path, FileTime> times = new HashMap<>();
    for (Path p : paths) {
      try {
        for (Path f : ManifestReader.files(p)) {
          times.put(f, Files.getLastModifiedTime(f));
        }
      } catch (IOException e) {
        times.put(p, FileTime.fromMillis(0));
      }
    }
    return times;
  }
}
