package dev.dualstack.operator.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import dev.dualstack.operator.api.Cluster;
import dev.dualstack.operator.api.ClusterStatus;
import dev.dualstack.operator.api.Conditions;
import dev.dualstack.operator.api.Datacenter;
import dev.dualstack.operator.cli.ManifestReader.Located;
import dev.dualstack.operator.cli.ManifestReader.Manifests;
import dev.dualstack.operator.pipeline.capability.CapabilityMatrix;
import dev.dualstack.operator.pipeline.render.KubeadmJoinRenderer;
import dev.dualstack.operator.reconciler.KubernetesEventRecorder;
import dev.dualstack.operator.runtime.EmbeddedApiServer;
import dev.dualstack.operator.runtime.Logging;
import dev.dualstack.operator.runtime.OperatorRuntime;
import dev.dualstack.operator.runtime.OperatorSettings;
import io.fabric8.kubernetes.api.model.ConfigMap;
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
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code local}: the embedded demo. Starts an in-process API server, installs the CRDs, starts this
 * operator, applies the manifests, waits until every Cluster is reconciled, prints each Datacenter
 * and Cluster ({@code --output}: as {@code kubectl describe} would, as YAML, or only the summary)
 * and ends with a summary line per phase ({@code 18 Clusters: 18 Ready}). Exit 0 when every Cluster
 * is Ready, 1 otherwise, 2 when the input is unreadable.
 *
 * <p>The in-process API server (fabric8's mock) has no admission: no schema validation, no CEL
 * rules, no webhook. What a real API server would refuse is printed as notes first ({@code check}
 * is the command that refuses it).
 *
 * <p>{@code --watch} keeps running: a changed file is re-applied, and each re-print starts with a
 * timestamped line naming the file and the change; an object whose document (or file) disappeared
 * is deleted, with a line saying so. Ctrl-C stops the operator and the API server with one line.
 */
@Command(
    name = "local",
    mixinStandardHelpOptions = true,
    description = {
      "Run the operator on an in-process API server and print what it writes.",
      "The in-process API server has no admission (no schema validation, no CEL rules, no"
          + " webhook): use check to see what a real API server would refuse."
    })
public final class LocalCommand implements Callable<Integer> {
  static final String NAMESPACE = "dualstack-system";
  static final String NO_ADMISSION =
      "the in-process API server has no admission (no schema validation, no CEL rules, no"
          + " webhook); `check` shows what a real API server would refuse";

  private static final ObjectMapper YAML =
      new ObjectMapper(
              YAMLFactory.builder()
                  .disable(YAMLGenerator.Feature.SPLIT_LINES)
                  .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                  .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
                  .build())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .setSerializationInclusion(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL);

  @Spec CommandSpec spec;

  /** Output formats. */
  enum Output {
    summary,
    describe,
    yaml
  }

  @Option(names = "--watch", description = "Keep running and re-apply changed files.")
  boolean watch;

  @Option(
      names = {"-o", "--output"},
      defaultValue = "describe",
      description = "${COMPLETION-CANDIDATES}; default ${DEFAULT-VALUE}.")
  Output output;

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

  /** An object as applied: where it came from and what was applied. */
  private record Applied(String kind, String name, Path file, String content) {}

  @Override
  public Integer call() throws Exception {
    out = spec.commandLine().getOut();
    err = spec.commandLine().getErr();
    Logging.configure("text", verbose ? "INFO" : "WARN");
    // taken before reading, so that a change made while starting up is seen by --watch
    Map<Path, FileTime> read = modificationTimes();
    err.println("note: " + NO_ADMISSION);
    Manifests manifests = read();
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
    CountDownLatch closed = new CountDownLatch(1);
    Thread stopper = watch ? stopOnInterrupt(Thread.currentThread(), closed) : null;
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
      Map<String, Applied> applied = new LinkedHashMap<>();
      List<String> clusters = apply(client, manifests, applied);
      boolean reconciled = awaitReconciled(client, clusters, timeout);
      operator.flushEvents(timeout);
      Map<String, String> printed = new HashMap<>();
      int code = print(client, clusters, printed);
      if (!reconciled) {
        code = 1;
      }
      if (!watch) {
        return code;
      }
      return watchLoop(client, operator, printed, read, applied);
    } finally {
      closed.countDown();
      if (stopper != null) {
        try {
          Runtime.getRuntime().removeShutdownHook(stopper);
        } catch (IllegalStateException e) {
          // already shutting down: the hook is running
        }
      }
    }
  }

  /** Ctrl-C under --watch: one line, then the operator and the API server are closed. */
  private Thread stopOnInterrupt(Thread main, CountDownLatch closed) {
    Thread hook =
        new Thread(
            () -> {
              err.println("interrupted: stopping the operator and the in-process API server");
              err.flush();
              main.interrupt();
              try {
                closed.await(10, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "local-stop");
    Runtime.getRuntime().addShutdownHook(hook);
    return hook;
  }

  /** Reads the manifests; prints notes and problems and returns null when unreadable. */
  private Manifests read() {
    Manifests m = ManifestReader.read(paths);
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
    err.flush();
    return m;
  }

  /** Creates or updates every object (Datacenters first); returns the Cluster names. */
  static List<String> apply(KubernetesClient client, Manifests m) {
    return apply(client, m, new LinkedHashMap<>());
  }

  private static List<String> apply(
      KubernetesClient client, Manifests m, Map<String, Applied> applied) {
    for (Located<Datacenter> located : m.datacenters()) {
      Datacenter d = located.object();
      Datacenter clean = new Datacenter();
      clean.setMetadata(meta(d));
      clean.setSpec(d.getSpec());
      applied.put(key(clean), applied(clean, located, d.getSpec()));
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
    for (Located<Cluster> located : m.clusters()) {
      Cluster c = located.object();
      Cluster clean = new Cluster();
      clean.setMetadata(meta(c));
      clean.setSpec(c.getSpec());
      names.add(clean.getMetadata().getName());
      applied.put(key(clean), applied(clean, located, c.getSpec()));
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

  private static Applied applied(HasMetadata clean, Located<?> located, Object spec) {
    return new Applied(
        clean.getKind(),
        clean.getMetadata().getName(),
        located.source().file(),
        String.valueOf(spec) + clean.getMetadata().getLabels());
  }

  private static String key(HasMetadata o) {
    return o.getKind() + "/" + o.getMetadata().getName();
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
                + wait.toSeconds()
                + "s (status.observedGeneration != metadata.generation): "
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
   * Prints the Datacenters and Clusters whose resourceVersion changed since {@code printed} (in the
   * chosen output), then the summary line; returns 0 when every Cluster is Ready.
   */
  private int print(KubernetesClient client, List<String> clusters, Map<String, String> printed)
      throws IOException {
    List<Event> events =
        client.v1().events().inNamespace(KubernetesEventRecorder.EVENT_NAMESPACE).list().getItems();
    Instant now = Instant.now();
    for (Datacenter dc : client.resources(Datacenter.class).list().getItems()) {
      if (changed(dc, printed)) {
        show(dc, dc.getSpec(), dc.getStatus(), List.of(), eventsOf(events, dc), now);
      }
    }
    List<Cluster> all = new ArrayList<>();
    for (String name : clusters) {
      Cluster c = client.resources(Cluster.class).withName(name).get();
      if (c == null) {
        continue;
      }
      all.add(c);
      if (changed(c, printed)) {
        show(c, c.getSpec(), c.getStatus(), joinConfigMaps(client, c), eventsOf(events, c), now);
      }
    }
    out.println(summary(all));
    out.flush();
    return all.stream().allMatch(c -> phase(c).equals(Conditions.PHASE_READY)) ? 0 : 1;
  }

  private void show(
      HasMetadata o,
      Object objectSpec,
      Object status,
      List<ConfigMap> owned,
      List<Event> events,
      Instant now)
      throws IOException {
    switch (output) {
      case describe -> {
        out.print(DescribePrinter.describe(o, objectSpec, status, owned, events, now));
        out.println();
      }
      case yaml -> {
        out.println("---");
        out.print(YAML.writeValueAsString(yamlView(o)));
        for (ConfigMap cm : owned) {
          out.println("---");
          out.print(YAML.writeValueAsString(yamlView(cm)));
        }
      }
      case summary -> {}
    }
  }

  /** The object as {@code kubectl get -o yaml} shows it, without the managed fields. */
  private static Object yamlView(HasMetadata o) {
    var tree = YAML.valueToTree(o);
    if (tree instanceof com.fasterxml.jackson.databind.node.ObjectNode object
        && object.get("metadata") instanceof com.fasterxml.jackson.databind.node.ObjectNode md) {
      md.remove("managedFields");
    }
    return tree;
  }

  /** The BYO join ConfigMap of a Cluster, when the operator wrote one. */
  private static List<ConfigMap> joinConfigMaps(KubernetesClient client, Cluster c) {
    ConfigMap cm =
        client
            .configMaps()
            .inNamespace(NAMESPACE)
            .withName(KubeadmJoinRenderer.configMapName(c.getMetadata().getName()))
            .get();
    return cm == null ? List.of() : List.of(cm);
  }

  private static String phase(Cluster c) {
    ClusterStatus s = c.getStatus();
    return s == null || s.phase() == null ? "not reconciled" : s.phase();
  }

  /** {@code 18 Clusters: 16 Ready, 2 Invalid}. */
  static String summary(List<Cluster> clusters) {
    Map<String, Integer> phases = new TreeMap<>(LocalCommand::phaseOrder);
    clusters.forEach(c -> phases.merge(phase(c), 1, Integer::sum));
    List<String> parts = new ArrayList<>();
    phases.forEach((p, n) -> parts.add(n + " " + p));
    return clusters.size()
        + (clusters.size() == 1 ? " Cluster" : " Clusters")
        + (parts.isEmpty() ? "" : ": " + String.join(", ", parts));
  }

  private static int phaseOrder(String a, String b) {
    List<String> order =
        List.of(
            Conditions.PHASE_READY,
            Conditions.PHASE_INVALID,
            Conditions.PHASE_UNSUPPORTED,
            Conditions.PHASE_PENDING);
    int ia = order.indexOf(a) < 0 ? order.size() : order.indexOf(a);
    int ib = order.indexOf(b) < 0 ? order.size() : order.indexOf(b);
    return ia != ib ? Integer.compare(ia, ib) : a.compareTo(b);
  }

  private static boolean changed(HasMetadata o, Map<String, String> printed) {
    String key = key(o);
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
      Map<String, String> printed,
      Map<Path, FileTime> seen,
      Map<String, Applied> applied) {
    err.println("watching " + paths + " for changes (Ctrl-C to stop)");
    err.flush();
    try {
      while (!Thread.currentThread().isInterrupted()) {
        Thread.sleep(500);
        Map<Path, FileTime> now = modificationTimes();
        if (now.equals(seen)) {
          continue;
        }
        Map<Path, FileTime> before = seen;
        seen = now;
        Manifests m = read();
        if (m == null) {
          continue;
        }
        Map<String, Applied> next = new LinkedHashMap<>();
        List<String> clusters = apply(client, m, next);
        List<String> changes = changes(applied, next, before, now);
        for (Applied gone : applied.values()) {
          if (!next.containsKey(gone.kind() + "/" + gone.name())) {
            delete(client, gone);
          }
        }
        applied.clear();
        applied.putAll(next);
        awaitReconciled(client, clusters, timeout);
        operator.flushEvents(timeout);
        String stamp = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        if (changes.isEmpty()) {
          changes = List.of(String.join(", ", changedFiles(before, now)) + ": no object changed");
        }
        for (String change : changes) {
          out.println("--- " + stamp + " " + change);
        }
        out.flush();
        print(client, clusters, printed);
      }
    } catch (InterruptedException e) {
      // Ctrl-C or the caller: the operator and the API server are closed by call()
      err.println("stopped watching");
      err.flush();
    } catch (IOException e) {
      err.println("error: " + e.getMessage());
      err.flush();
      return 2;
    }
    return 0;
  }

  /** One line per added, changed or removed object, naming its file. */
  private static List<String> changes(
      Map<String, Applied> before,
      Map<String, Applied> after,
      Map<Path, FileTime> filesBefore,
      Map<Path, FileTime> filesAfter) {
    List<String> lines = new ArrayList<>();
    for (Map.Entry<String, Applied> e : after.entrySet()) {
      Applied was = before.get(e.getKey());
      Applied is = e.getValue();
      if (was == null) {
        lines.add(is.file() + ": " + is.kind() + " " + is.name() + " added");
      } else if (!was.content().equals(is.content())) {
        lines.add(is.file() + ": " + is.kind() + " " + is.name() + " changed");
      }
    }
    for (Map.Entry<String, Applied> e : before.entrySet()) {
      if (!after.containsKey(e.getKey())) {
        Applied gone = e.getValue();
        lines.add(
            gone.file()
                + ": "
                + gone.kind()
                + " "
                + gone.name()
                + " deleted ("
                + (filesAfter.containsKey(gone.file())
                    ? "its document is no longer in the file"
                    : "the file is gone")
                + ")");
      }
    }
    return lines;
  }

  private static List<String> changedFiles(Map<Path, FileTime> before, Map<Path, FileTime> after) {
    List<String> files = new ArrayList<>();
    after.forEach(
        (f, t) -> {
          if (!t.equals(before.get(f))) {
            files.add(f.toString());
          }
        });
    before.keySet().stream()
        .filter(f -> !after.containsKey(f))
        .forEach(f -> files.add(f.toString()));
    return files;
  }

  private void delete(KubernetesClient client, Applied gone) {
    if (Cluster.KIND.equals(gone.kind())) {
      client.resources(Cluster.class).withName(gone.name()).delete();
    } else {
      client.resources(Datacenter.class).withName(gone.name()).delete();
    }
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
