package dev.dualstack.operator.cli;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.dualstack.operator.api.Cluster;
import dev.dualstack.operator.api.Datacenter;
import dev.dualstack.operator.api.TolerantSpecDeserializer;
import dev.dualstack.operator.cli.BoundedYaml.YamlProblem;
import dev.dualstack.operator.cli.Inputs.Input;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads manifests for {@code check} and {@code local}: {@code dualstack.dev/v1} Cluster and
 * Datacenter, and KKP's {@code kubermatic.k8c.io/v1} Cluster and Seed.
 *
 * <ul>
 *   <li>Paths are resolved by {@link Inputs} ({@code -} is standard input; a directory means its
 *       {@code *.yaml}/{@code *.yml} files, not its subdirectories).
 *   <li>Files hold any number of YAML (or JSON) documents. {@code List} kinds ({@code v1 List},
 *       {@code ClusterList}, ... as {@code kubectl get -o yaml|json} prints them) are unpacked; the
 *       items of a list are composed and handled one at a time, so a large list costs the memory of
 *       one item. Items without {@code apiVersion}/{@code kind} take them from a typed list. Other
 *       kinds and API versions are skipped with a note.
 *   <li>Each object of ours is validated against its CRD ({@link CrdSchema}): schema and CEL errors
 *       and unknown fields go with the object. A KKP Cluster reads the fields we model (the same
 *       names) and ignores the many we do not, and its KKP {@code status}; a KKP Seed's {@code
 *       spec.datacenters} map becomes Datacenters named by key ({@code country}, {@code location}
 *       and the provider blocks of {@code spec}).
 *   <li>Untrusted input is bounded (see {@link BoundedYaml} and {@link Inputs}): UTF-8 only, 16 MiB
 *       per file or stream, {@value #MAX_DOCUMENTS} objects per run, 50 collection aliases, depth
 *       64, 200,000 nodes per document or list item. Breaking a limit is a problem, never an
 *       OutOfMemoryError.
 *   <li>Unreadable input is a {@link Problem} naming file, line and column: a missing file, bad
 *       encoding, malformed YAML (the rest of that file is skipped), or an object that does not map
 *       onto the API classes (a field of the wrong type, an out-of-range number, no name). Scalars
 *       are not coerced between types, like the API server: {@code version: 1.30} is a number, not
 *       the string {@code "1.30"}.
 * </ul>
 *
 * Reading never stops at the first problem: every file is read and every problem is returned.
 */
public final class ManifestReader {
  /** At most this many objects (documents and list items) are read in one run, over all files. */
  public static final int MAX_DOCUMENTS = 100_000;

  static final String KKP_API_VERSION = "kubermatic.k8c.io/v1";

  /** The provider blocks of a KKP datacenter's {@code spec} that a Datacenter of ours has. */
  static final Set<String> PROVIDER_BLOCKS =
      Set.of(
          "aws",
          "azure",
          "digitalocean",
          "packet",
          "gcp",
          "hetzner",
          "openstack",
          "vsphere",
          "bringyourown",
          "edge",
          "baremetal",
          "kubevirt",
          "nutanix",
          "vmwareclouddirector",
          "alibaba",
          "anexia");

  static final ObjectMapper MAPPER = strictMapper();

  private ManifestReader() {}

  /** Where an object came from: the file and the 1-based line its document starts on. */
  public record Source(Path file, int line) {
    @Override
    public String toString() {
      return file + ":" + line;
    }
  }

  /** An object read from a manifest, with its source. */
  public record Located<T>(T object, Source source) {}

  /**
   * Why (part of) the input is unreadable. {@code line}/{@code column} are 1-based, 0 when unknown;
   * {@code object} names the object ({@code Cluster prod-eu}) and {@code field} the path inside it,
   * both null when the problem is not about one object.
   */
  public record Problem(
      Path file, int line, int column, String object, String field, String message) {
    Problem(Path file, int line, int column, String message) {
      this(file, line, column, null, null, message);
    }

    /** {@code file:line:column: Cluster name: field.path: message}. */
    @Override
    public String toString() {
      StringBuilder sb = new StringBuilder().append(file);
      if (line > 0) {
        sb.append(':').append(line);
        if (column > 0) {
          sb.append(':').append(column);
        }
      }
      sb.append(": ");
      if (object != null) {
        sb.append(object).append(": ");
      }
      if (field != null && !field.isEmpty()) {
        sb.append(field).append(": ");
      }
      return sb.append(message).toString();
    }
  }

  /**
   * Everything read: the objects in input order, notes (skipped documents, unknown fields) and
   * problems (unreadable input).
   */
  public record Manifests(
      List<Located<Cluster>> clusters,
      List<Located<Datacenter>> datacenters,
      List<String> notes,
      List<Problem> problems) {
    public Manifests {
      clusters = List.copyOf(clusters);
      datacenters = List.copyOf(datacenters);
      notes = List.copyOf(notes);
      problems = List.copyOf(problems);
    }

    /** True when no input was unreadable. */
    public boolean readable() {
      return problems.isEmpty();
    }
  }

  /**
   * One object of a kind that {@code check} evaluates, as read.
   *
   * @param kind {@code Cluster} or {@code Datacenter}
   * @param key what makes two objects the same for the API server: group, kind and name
   * @param origin how it was read, for messages: {@code Cluster}, {@code KKP Cluster}, {@code
   *     Datacenter}, {@code KKP Seed europe (datacenter)}
   * @param errors what the API server would refuse (schema, CEL), in document order
   * @param unknown unknown fields at their paths (empty for KKP objects)
   */
  public record Item<T>(
      String kind,
      String key,
      String origin,
      Located<T> located,
      List<Finding> errors,
      List<Finding> unknown) {
    public String name() {
      return ((io.fabric8.kubernetes.api.model.HasMetadata) located.object())
          .getMetadata()
          .getName();
    }
  }

  /** Receives the objects read, in input order. */
  public interface Visitor {
    void cluster(Item<Cluster> cluster);

    void datacenter(Item<Datacenter> datacenter);
  }

  /** Notes and problems of one reading, and the number of objects read. */
  public static final class Reading {
    /** Notes kept; more are counted, not kept (a million skipped documents are one line). */
    static final int MAX_NOTES = 200;

    final List<String> notes = new ArrayList<>();
    int droppedNotes;
    boolean noteFindings;

    /**
     * Whether documents in the plain subset of YAML are read by {@link FastYaml} (not with {@link
     * #noteFindings}, whose notes need SnakeYAML's positions). Off in tests that compare.
     */
    boolean fastYaml = true;

    final List<Problem> problems = new ArrayList<>();
    final java.util.Set<String> celProblems = new java.util.LinkedHashSet<>();
    int objects;

    /**
     * Whether validating each object and the visitor run on a second thread, in input order, while
     * this one reads the next documents ({@code check}: reading and evaluating take about as long
     * each). Not with {@link #noteFindings}, whose notes are written while validating.
     */
    boolean concurrent;

    void note(String note) {
      if (notes.size() < MAX_NOTES) {
        notes.add(note);
      } else {
        droppedNotes++;
      }
    }

    public List<String> notes() {
      List<String> all = new ArrayList<>(notes);
      if (droppedNotes > 0) {
        all.add(droppedNotes + " more notes like these not shown");
      }
      celProblems.forEach(c -> all.add("CEL " + c + " (not evaluated)"));
      return all;
    }

    public List<Problem> problems() {
      return problems;
    }

    public int objects() {
      return objects;
    }
  }

  /** Reads every path into memory; see the class comment (for {@code local}, small inputs). */
  public static Manifests read(Collection<Path> paths) {
    List<Located<Cluster>> clusters = new ArrayList<>();
    List<Located<Datacenter>> datacenters = new ArrayList<>();
    Reading reading = new Reading();
    reading.noteFindings = true;
    List<Input> inputs = inputs(paths, reading);
    scan(
        inputs,
        null,
        new Visitor() {
          @Override
          public void cluster(Item<Cluster> c) {
            clusters.add(c.located());
          }

          @Override
          public void datacenter(Item<Datacenter> d) {
            datacenters.add(d.located());
          }
        },
        reading);
    return new Manifests(clusters, datacenters, reading.notes(), reading.problems());
  }

  /** The inputs the paths stand for; unresolvable paths become problems of {@code reading}. */
  static List<Input> inputs(Collection<Path> paths, Reading reading) {
    List<Input> inputs = new ArrayList<>();
    for (Path path : paths) {
      try {
        List<Input> files = Inputs.resolve(path);
        if (files.isEmpty()) {
          reading.note(path + ": no *.yaml or *.yml files in this directory");
        }
        inputs.addAll(files);
      } catch (Inputs.Unreadable e) {
        reading.problems.add(new Problem(e.path(), 0, 0, e.getMessage()));
      }
    }
    return inputs;
  }

  /** The files a path stands for: itself, or the *.yaml/*.yml files directly in a directory. */
  public static List<Path> files(Path path) throws IOException {
    try {
      return Inputs.resolve(path).stream().map(Input::path).toList();
    } catch (Inputs.Unreadable e) {
      throw new IOException(e.path() + ": " + e.getMessage());
    }
  }

  /**
   * Reads the inputs and hands every object to {@code visitor} as it is read. {@code texts} keeps
   * the decoded text of inputs that cannot be read twice (standard input, pipes) when not null, and
   * supplies it on a second call.
   */
  static void scan(List<Input> inputs, Map<Input, String> texts, Visitor visitor, Reading reading) {
    if (reading.concurrent && reading.noteFindings) {
      throw new IllegalArgumentException("notes of findings are written while validating");
    }
    try (Stage stage = reading.concurrent ? new Stage() : null) {
      Run run = new Run(visitor, reading, stage);
      for (Input input : inputs) {
        run.readInput(input, texts);
      }
      if (stage != null) {
        stage.finish();
      }
    }
    for (String kind : List.of(Cluster.KIND, Datacenter.KIND)) {
      if (CrdSchema.loaded(kind)) {
        reading.celProblems.addAll(CrdSchema.of(kind).celProblems());
      }
    }
  }

  /**
   * The second thread of a concurrent reading: runs the tasks handed to it (validating an object,
   * then the visitor) one after another in the order given, in batches. A task's failure stops the
   * stage and is thrown to the reading thread at its next hand-over or at {@link #finish()};
   * closing the stage without finishing (the reading failed) ends the thread without running what
   * is left.
   */
  private static final class Stage implements AutoCloseable {
    private static final int BATCH = 32;
    private static final List<Runnable> END = List.of();

    private final java.util.concurrent.BlockingQueue<List<Runnable>> queue =
        new java.util.concurrent.ArrayBlockingQueue<>(4);
    private final Thread thread = new Thread(this::work, "check-evaluate");
    private List<Runnable> batch = new ArrayList<>(BATCH);
    private volatile Throwable failure;
    private volatile boolean stopped;
    private boolean ended;

    Stage() {
      thread.setDaemon(true);
      thread.start();
    }

    void submit(Runnable task) {
      rethrow();
      batch.add(task);
      if (batch.size() == BATCH) {
        handOver();
      }
    }

    private void handOver() {
      if (batch.isEmpty()) {
        return;
      }
      put(batch);
      batch = new ArrayList<>(BATCH);
    }

    private void put(List<Runnable> tasks) {
      try {
        queue.put(tasks);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while reading", e);
      }
    }

    /** Waits until every task has run; throws what a task threw. */
    void finish() {
      handOver();
      end();
      rethrow();
    }

    private void end() {
      if (ended) {
        return;
      }
      ended = true;
      put(END);
      try {
        thread.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while reading", e);
      }
    }

    private void rethrow() {
      Throwable t = failure;
      if (t instanceof RuntimeException r) {
        throw r;
      }
      if (t instanceof Error e) {
        throw e;
      }
      if (t != null) {
        throw new IllegalStateException(t);
      }
    }

    private void work() {
      try {
        while (true) {
          List<Runnable> tasks = queue.take();
          if (tasks == END) {
            return;
          }
          for (Runnable task : tasks) {
            if (stopped || failure != null) {
              break;
            }
            task.run();
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (Throwable t) { // handed to the reading thread, which throws it
        failure = t;
        drain();
      }
    }

    /** After a failure: takes batches until the end, so that the reading thread never blocks. */
    private void drain() {
      try {
        while (queue.take() != END) {
          // dropped: the run fails
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    @Override
    public void close() {
      if (!ended) {
        stopped = true;
        batch = new ArrayList<>();
        end();
      }
    }
  }

  private static final class Run {
    final Visitor visitor;
    final Reading reading;
    final Stage stage;

    Run(Visitor visitor, Reading reading, Stage stage) {
      this.visitor = visitor;
      this.reading = reading;
      this.stage = stage;
    }

    /** Runs {@code task} here, or hands it to the second thread of a concurrent reading. */
    void then(Runnable task) {
      if (stage == null) {
        task.run();
      } else {
        stage.submit(task);
      }
    }

    void readInput(Input input, Map<Input, String> texts) {
      Path file = input.path();
      try {
        String text = texts == null ? null : texts.get(input);
        if (text == null) {
          text = BoundedYaml.decode(Inputs.read(input));
          if (texts != null && !input.regular()) {
            texts.put(input, text);
          }
        }
        if (reading.fastYaml && !reading.noteFindings) {
          int rest = FastYaml.read(text, (tree, line) -> readFast(file, tree, line));
          if (rest < 0) {
            return;
          }
          text = FastYaml.rest(text, rest);
        }
        BoundedYaml.DocumentConsumer read = node -> readDocument(file, node, null, null);
        BoundedYaml.forEachDocument(text, read, read);
      } catch (YamlProblem e) {
        reading.problems.add(new Problem(file, e.line(), e.column(), e.getMessage()));
      } catch (Inputs.Unreadable e) {
        reading.problems.add(new Problem(e.path(), 0, 0, e.getMessage()));
      }
    }

    private void count(Node at) throws YamlProblem {
      if (++reading.objects > MAX_DOCUMENTS) {
        throw new YamlProblem(
            "more than " + MAX_DOCUMENTS + " objects (YAML documents and list items) in all inputs",
            at.getStartMark());
      }
    }

    /**
     * One document or list item; {@code listApiVersion}/{@code listKind} are the enclosing typed
     * list's, for items that do not name their own.
     */
    void readDocument(Path file, Node doc, String listApiVersion, String listKind)
        throws YamlProblem {
      if (doc instanceof BoundedYaml.Streamed) {
        return; // handed over while composing
      }
      int line = doc.getStartMark().getLine() + 1;
      String apiVersion = BoundedYaml.topLevelScalar(doc, "apiVersion");
      String kind = BoundedYaml.topLevelScalar(doc, "kind");
      if (apiVersion == null && kind == null && listKind != null) {
        apiVersion = listApiVersion;
        kind = listKind;
      }
      if (kind != null
          && kind.endsWith("List")
          && value(doc, "items") instanceof SequenceNode seq) {
        String itemKind = kind.equals("List") ? null : kind.substring(0, kind.length() - 4);
        for (Node item : seq.getValue()) {
          readDocument(file, item, apiVersion, itemKind);
        }
        return;
      }
      count(doc);
      if (!(doc instanceof MappingNode) || kind == null) {
        reading.note(file + ":" + line + ": skipped a document that is not a Kubernetes object");
        return;
      }
      boolean ours = Cluster.API_VERSION.equals(apiVersion);
      boolean kkp = KKP_API_VERSION.equals(apiVersion);
      if (ours && (Cluster.KIND.equals(kind) || Datacenter.KIND.equals(kind))) {
        readOurs(file, doc, kind, line, false);
      } else if (kkp && Cluster.KIND.equals(kind)) {
        readOurs(file, doc, kind, line, true);
      } else if (kkp && "Seed".equals(kind)) {
        readSeed(file, doc, line);
      } else {
        String name = BoundedYaml.topLevelScalar(value(doc, "metadata"), "name");
        reading.note(
            file
                + ":"
                + line
                + ": skipped "
                + apiVersion
                + " "
                + kind
                + (name == null ? "" : " " + name)
                + " (only "
                + Cluster.API_VERSION
                + " Cluster and Datacenter, and "
                + KKP_API_VERSION
                + " Cluster and Seed are read)");
      }
    }

    void readOurs(Path file, Node doc, String kind, int line, boolean kkp) throws YamlProblem {
      Source source = new Source(file, line);
      String origin = (kkp ? "KKP " : "") + kind;
      JsonNode tree = BoundedYaml.toTree(doc);
      ObjectNode object = (ObjectNode) tree;
      if (kkp) {
        object.remove("status"); // KKP's status, not the previous state of ours
      }
      Object mapped = mapOrProblem(file, doc, object, kind, kkp, origin);
      if (mapped == null) {
        return;
      }
      Node forNotes = reading.noteFindings ? doc : null; // else not kept while the task waits
      evaluate(file, kind, kkp, origin, object, mapped, source, forNotes);
    }

    /**
     * A document {@link FastYaml} read. Taken here only when it is a Cluster or Datacenter of ours
     * or a KKP Cluster that maps and has a name; otherwise false, and SnakeYAML's reading of it
     * (and of the rest of the file) gives the notes and problems, with their lines.
     */
    boolean readFast(Path file, ObjectNode tree, int line) {
      JsonNode apiVersionNode = tree.get("apiVersion");
      JsonNode kindNode = tree.get("kind");
      if (apiVersionNode == null
          || kindNode == null
          || !apiVersionNode.isTextual()
          || !kindNode.isTextual()) {
        return false;
      }
      String apiVersion = apiVersionNode.textValue();
      String kind = kindNode.textValue();
      boolean kkp = KKP_API_VERSION.equals(apiVersion) && Cluster.KIND.equals(kind);
      if (!kkp
          && !(Cluster.API_VERSION.equals(apiVersion)
              && (Cluster.KIND.equals(kind) || Datacenter.KIND.equals(kind)))) {
        return false;
      }
      if (reading.objects >= MAX_DOCUMENTS) {
        return false;
      }
      if (kkp) {
        tree.remove("status");
      }
      Object mapped;
      try {
        mapped = mapKind(tree, kind);
      } catch (IOException e) {
        return false;
      }
      if (!named(mapped)) {
        return false;
      }
      reading.objects++;
      String origin = (kkp ? "KKP " : "") + kind;
      evaluate(file, kind, kkp, origin, tree, mapped, new Source(file, line), null);
      return true;
    }

    /** Validates the object and hands it to the visitor, here or on the second thread. */
    private void evaluate(
        Path file,
        String kind,
        boolean kkp,
        String origin,
        ObjectNode object,
        Object mapped,
        Source source,
        Node forNotes) {
      String group = kkp ? "kubermatic.k8c.io" : Cluster.GROUP;
      then(
          () -> {
            CrdSchema.Outcome outcome = CrdSchema.of(kind).validate(object, !kkp);
            if (forNotes != null) {
              noteFindings(file, forNotes, origin + " " + nameOf(forNotes, object), outcome);
            }
            String key =
                group
                    + "/"
                    + kind
                    + "/"
                    + ((io.fabric8.kubernetes.api.model.HasMetadata) mapped)
                        .getMetadata()
                        .getName();
            if (mapped instanceof Cluster c) {
              visitor.cluster(item(kind, key, origin, c, source, outcome));
            } else if (mapped instanceof Datacenter d) {
              visitor.datacenter(item(kind, key, origin, d, source, outcome));
            }
          });
    }

    private static <T> Item<T> item(
        String kind, String key, String origin, T object, Source source, CrdSchema.Outcome o) {
      return new Item<>(kind, key, origin, new Located<>(object, source), o.errors(), o.unknown());
    }

    /**
     * For {@code local}, whose in-process API server validates nothing: what a real one would
     * refuse, as notes at the field's line.
     */
    void noteFindings(Path file, Node doc, String object, CrdSchema.Outcome outcome) {
      List<Finding> all = new ArrayList<>(outcome.errors());
      all.addAll(outcome.unknown());
      for (Finding f : all) {
        Node at = BoundedYaml.locate(doc, steps(f.field()));
        reading.note(
            position(file, at)
                + ": "
                + object
                + ": "
                + f
                + " (a real API server refuses this; the in-process one validates nothing)");
      }
    }

    /** A KKP Seed: each entry of {@code spec.datacenters} becomes a Datacenter named by its key. */
    void readSeed(Path file, Node doc, int line) throws YamlProblem {
      String seed = nameOf(doc);
      Node spec = value(doc, "spec");
      if (!(value(spec, "datacenters") instanceof MappingNode dcs)) {
        reading.note(file + ":" + line + ": KKP Seed " + seed + " has no spec.datacenters");
        return;
      }
      for (NodeTuple t : dcs.getValue()) {
        if (!(t.getKeyNode() instanceof ScalarNode key)
            || !(t.getValueNode() instanceof MappingNode)) {
          continue;
        }
        JsonNode entry = BoundedYaml.toTree(t.getValueNode());
        ObjectNode dc = MAPPER.createObjectNode();
        dc.putObject("metadata").put("name", key.getValue());
        ObjectNode dcSpec = dc.putObject("spec");
        for (String f : List.of("country", "location")) {
          if (entry.path(f).isTextual()) {
            dcSpec.set(f, entry.get(f));
          }
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = entry.path("spec").fields();
            it.hasNext(); ) {
          Map.Entry<String, JsonNode> e = it.next();
          if (PROVIDER_BLOCKS.contains(e.getKey())) {
            dcSpec.set(e.getKey(), e.getValue());
          }
        }
        Node at = t.getValueNode();
        Source source = new Source(file, at.getStartMark().getLine() + 1);
        String origin = "KKP Seed " + seed + " datacenter";
        Object mapped = mapOrProblem(file, at, dc, Datacenter.KIND, true, origin);
        if (mapped instanceof Datacenter d) {
          String itemKey = "kubermatic.k8c.io/Seed/" + seed + "/" + key.getValue();
          then(
              () -> {
                CrdSchema.Outcome outcome = CrdSchema.of(Datacenter.KIND).validate(dc, false);
                visitor.datacenter(item(Datacenter.KIND, itemKey, origin, d, source, outcome));
              });
        }
      }
    }

    /**
     * Maps the tree onto the API class; a problem (and null) when it does not map. The tree loses
     * {@code apiVersion} and {@code kind} (a KKP object's are not ours; the schema walk skips them
     * anyway).
     */
    private Object mapOrProblem(
        Path file, Node doc, ObjectNode tree, String kind, boolean kkp, String origin) {
      try {
        Object mapped = mapKind(tree, kind);
        return checkName(file, doc, origin, mapped) ? mapped : null;
      } catch (JsonMappingException e) {
        List<Object> path = path(e);
        Node at = origin.startsWith("KKP Seed") ? doc : BoundedYaml.locate(doc, path);
        reading.problems.add(
            new Problem(
                file,
                at.getStartMark().getLine() + 1,
                at.getStartMark().getColumn() + 1,
                origin + " " + nameOf(doc, tree),
                fieldPath(path),
                describe(e, at)));
      } catch (IOException e) {
        reading.problems.add(
            new Problem(
                file,
                doc.getStartMark().getLine() + 1,
                0,
                origin + " " + nameOf(doc, tree),
                null,
                e.toString()));
      }
      return null;
    }

    boolean checkName(Path file, Node doc, String origin, Object mapped) {
      if (!named(mapped)) {
        Node at = BoundedYaml.locate(doc, List.of("metadata"));
        reading.problems.add(
            new Problem(
                file,
                at.getStartMark().getLine() + 1,
                at.getStartMark().getColumn() + 1,
                origin + " <unnamed>",
                "metadata.name",
                "Required value: every object needs a name"));
        return false;
      }
      return true;
    }
  }

  /** {@code spec.a[2].b} as path steps: names and list indexes. */
  static List<Object> steps(String field) {
    List<Object> steps = new ArrayList<>();
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("([^.\\[\\]]+)|\\[([0-9]+)\\]|\\[([^\\]]*)\\]")
            .matcher(field);
    while (m.find()) {
      if (m.group(1) != null) {
        steps.add(m.group(1));
      } else if (m.group(2) != null) {
        steps.add(Integer.parseInt(m.group(2)));
      } else {
        steps.add(m.group(3));
      }
    }
    return steps;
  }

  private static String nameOf(Node doc, JsonNode tree) {
    String name = tree.at("/metadata/name").asText(null);
    return name == null || name.isEmpty() ? nameOf(doc) : name;
  }

  /**
   * The tree mapped onto the API class of {@code kind}; it loses {@code apiVersion} and {@code
   * kind} first.
   */
  private static Object mapKind(ObjectNode tree, String kind) throws IOException {
    tree.remove(List.of("apiVersion", "kind"));
    return Cluster.KIND.equals(kind) ? map(tree, Cluster.class) : map(tree, Datacenter.class);
  }

  /** Whether a mapped Cluster or Datacenter has a name that is not blank. */
  private static boolean named(Object mapped) {
    io.fabric8.kubernetes.api.model.ObjectMeta meta =
        ((io.fabric8.kubernetes.api.model.HasMetadata) mapped).getMetadata();
    return meta != null && meta.getName() != null && !meta.getName().isBlank();
  }

  private static <T> T map(JsonNode tree, Class<T> type) throws IOException {
    return MAPPER
        .readerFor(type)
        .withAttribute(TolerantSpecDeserializer.STRICT, Boolean.TRUE)
        .readValue(tree);
  }

  private static Node value(Node mapping, String key) {
    if (mapping instanceof MappingNode m) {
      for (NodeTuple t : m.getValue()) {
        if (t.getKeyNode() instanceof ScalarNode k && key.equals(k.getValue())) {
          return t.getValueNode();
        }
      }
    }
    return null;
  }

  private static String nameOf(Node doc) {
    String name = BoundedYaml.topLevelScalar(value(doc, "metadata"), "name");
    return name == null ? "<unnamed>" : name;
  }

  private static String position(Path file, Node at) {
    return file
        + ":"
        + (at.getStartMark().getLine() + 1)
        + ":"
        + (at.getStartMark().getColumn() + 1);
  }

  private static List<Object> path(JsonMappingException e) {
    List<Object> path = new ArrayList<>();
    for (JsonMappingException.Reference r : e.getPath()) {
      if (r.getFieldName() != null) {
        path.add(r.getFieldName());
      } else if (r.getIndex() >= 0) {
        path.add(r.getIndex());
      }
    }
    return path;
  }

  /** {@code spec.clusterNetwork.pods.cidrBlocks[1]}, like the pipeline's field paths. */
  static String fieldPath(List<Object> path) {
    StringBuilder sb = new StringBuilder();
    for (Object step : path) {
      if (step instanceof Integer i) {
        sb.append('[').append(i).append(']');
      } else {
        if (sb.length() > 0) {
          sb.append('.');
        }
        sb.append(step);
      }
    }
    return sb.toString();
  }

  private static String describe(JsonMappingException e, Node at) {
    String found = found(at);
    Throwable cause = e.getCause();
    if (cause instanceof InputCoercionException) {
      return "Invalid value: " + found + ": out of range for " + expected(e);
    }
    if (e instanceof MismatchedInputException m && m.getTargetType() != null) {
      String hint =
          at instanceof ScalarNode && String.class.equals(m.getTargetType())
              ? " (quote it to make it a string)"
              : "";
      return "Invalid value: " + found + ": expected " + expected(e) + hint;
    }
    return "Invalid value: " + found + ": " + e.getOriginalMessage();
  }

  private static String found(Node at) {
    if (at instanceof ScalarNode s) {
      String v = s.getValue();
      return "\"" + (v.length() > 64 ? v.substring(0, 64) + "..." : v) + "\"";
    }
    return at instanceof SequenceNode ? "a list" : "a mapping";
  }

  private static String expected(JsonMappingException e) {
    Class<?> t = e instanceof MismatchedInputException m ? m.getTargetType() : null;
    if (t == null && e.getCause() instanceof InputCoercionException c) {
      t = c.getTargetType();
    }
    if (t == null) {
      return "this field";
    }
    if (t == String.class) {
      return "a string";
    }
    if (t == Integer.class || t == int.class) {
      return "an integer (32 bits)";
    }
    if (t == Long.class || t == long.class) {
      return "an integer (64 bits)";
    }
    if (t == Boolean.class || t == boolean.class) {
      return "a boolean (true or false)";
    }
    if (Collection.class.isAssignableFrom(t)) {
      return "a list";
    }
    if (Map.class.isAssignableFrom(t) || t.isRecord() || !t.getName().startsWith("java.")) {
      return "a mapping";
    }
    return t.getSimpleName();
  }

  private static ObjectMapper strictMapper() {
    ObjectMapper m = new ObjectMapper(new YAMLFactory());
    m.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
    m.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
    m.coercionConfigFor(LogicalType.Textual)
        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
    m.coercionConfigFor(LogicalType.Integer)
        .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
    m.coercionConfigFor(LogicalType.Boolean)
        .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
    m.addHandler(
        new DeserializationProblemHandler() {
          @Override
          public boolean handleUnknownProperty(
              DeserializationContext ctxt,
              JsonParser p,
              JsonDeserializer<?> deserializer,
              Object beanOrClass,
              String propertyName)
              throws IOException {
            // unknown fields are found (with their paths) by CrdSchema; here they are pruned
            p.skipChildren();
            return true;
          }
        });
    return m;
  }
}
