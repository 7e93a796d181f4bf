package dev.dualstack.operator.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The cost of {@code check} as a user sees it (issue 14, item 4): the packaged jar run as its own
 * process with the documented command line ({@code java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC
 * -XX:SharedArchiveFile=target/dualstack-operator.jsa -Xlog:cds=off,cds+dynamic=off -jar
 * target/dualstack-operator.jar check FILE}), wall time from starting the process to its exit (JVM
 * start included), output to a file.
 *
 * <p>Inputs (written to {@code --dir}, default a temporary directory): one OpenStack Datacenter
 * (IPv6 enabled, DNS servers, reserved ranges) and N dual-stack Clusters as a user writes them:
 * labels, version, {@code cloud.openstack} (network, subnet CIDR, IPv6 subnet pool), cilium, three
 * operating systems, {@code IPv4+IPv6} with pod and service ranges of their own (the scheme of
 * {@link BenchClusters#dualStackDistinct}), node mask sizes, ipvs; every Cluster is valid (exit 0,
 * checked). N = 1, 5,000 and 20,000 (the last with {@code -Xmx256m}, as the goal says), and {@code
 * examples/openstack.yaml} as it is in the repository.
 *
 * <p>Each case: one unmeasured run (page cache, the archive mapped once), then {@code --runs} (5)
 * measured runs: median, min and max. Every case also runs as {@code java -jar ...} without any
 * option, to show what the documented options are worth. Allocation per Cluster: a probe JVM per
 * size ({@link CheckAllocationProbe}, the jar on its class path) runs {@code check} in-process and
 * reports the bytes it allocated on all threads; per Cluster = (A(20,000) − A(5,000)) / 15,000, so
 * the fixed start-up cost drops out.
 *
 * <p>{@code --runs=5 --sizes=1,5000,20000 --jar=target/dualstack-operator.jar
 * --archive=target/dualstack-operator.jsa --dir=PATH --no-baseline}
 */
public final class CheckHarness {
  /**
   * The JVM options of the documented {@code check} command line (README, "The commands"; ADR 0002)
   * besides the archive's: the client compiler only and the serial collector.
   */
  static final List<String> DOCUMENTED = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

  private CheckHarness() {}

  /** One measured case. */
  record Case(String name, List<String> jvm, Path input, int clusters) {}

  /** Wall times of one case, seconds. */
  record Times(double median, double min, double max, int exit) {
    static Times of(double[] seconds, int exit) {
      double[] s = seconds.clone();
      Arrays.sort(s);
      return new Times(s[s.length / 2], s[0], s[s.length - 1], exit);
    }

    String text() {
      return String.format(Locale.ROOT, "%.2f s (%.2f–%.2f)", median, min, max);
    }
  }

  public static void main(String[] args) throws Exception {
    int runs = 5;
    List<Integer> sizes = List.of(1, 5_000, 20_000);
    Path jar = Path.of("target/dualstack-operator.jar");
    Path archive = Path.of("target/dualstack-operator.jsa");
    Path dir = null;
    boolean baseline = true;
    for (String a : args) {
      String[] kv = a.split("=", 2);
      switch (kv[0]) {
        case "--runs" -> runs = Integer.parseInt(kv[1]);
        case "--sizes" -> sizes = Arrays.stream(kv[1].split(",")).map(Integer::valueOf).toList();
        case "--jar" -> jar = Path.of(kv[1]);
        case "--archive" -> archive = Path.of(kv[1]);
        case "--dir" -> dir = Path.of(kv[1]);
        case "--no-baseline" -> baseline = false;
        default -> throw new IllegalArgumentException("unknown option " + kv[0]);
      }
    }
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(
          jar + " is missing: run mvn -B -Pbench -DskipTests package exec:exec@checkbench");
    }
    if (dir == null) {
      dir = Files.createTempDirectory("checkbench");
    }
    Files.createDirectories(dir);
    System.out.printf(
        Locale.ROOT,
        "check: %s, archive %s (%s), %d runs per case, inputs in %s; load average %s%n",
        jar,
        archive,
        Files.isRegularFile(archive) ? Files.size(archive) / 1024 + " KB" : "MISSING",
        runs,
        dir,
        ThroughputHarness.loadAverage());

    List<Case> cases = new ArrayList<>();
    for (int n : sizes) {
      Path input = dir.resolve("clusters-" + n + ".yaml");
      Files.writeString(input, manifests(n), StandardCharsets.UTF_8);
      List<String> jvm = n > 10_000 ? List.of("-Xmx256m") : List.of();
      cases.add(new Case(n + (n == 1 ? " Cluster" : " Clusters"), jvm, input, n));
    }
    Path example = Path.of("examples/openstack.yaml");
    if (Files.isRegularFile(example)) {
      cases.add(new Case("examples/openstack.yaml", List.of(), example, 1));
    }

    System.out.println();
    System.out.println(
        "| input | JVM options | exit | the documented command line: median (min–max) |"
            + " java -jar without options: median (min–max) | load before → after |");
    System.out.println("|---|---|---:|---:|---:|---|");
    List<Times> withArchive = new ArrayList<>();
    for (Case c : cases) {
      String loadBefore = load1();
      List<String> documented = new ArrayList<>(DOCUMENTED);
      if (Files.isRegularFile(archive)) {
        documented.add("-XX:SharedArchiveFile=" + archive);
        documented.add("-Xlog:cds=off,cds+dynamic=off");
      }
      Times with = time(jar, cat(documented, c.jvm()), c, runs, dir);
      Times without = baseline ? time(jar, c.jvm(), c, runs, dir) : null;
      withArchive.add(with);
      System.out.printf(
          Locale.ROOT,
          "| %s | %s | %d | %s | %s | %s → %s |%n",
          c.name(),
          c.jvm().isEmpty() ? "" : String.join(" ", c.jvm()),
          with.exit(),
          with.text(),
          without == null ? "" : without.text(),
          loadBefore,
          load1());
    }

    double perCluster = Double.NaN;
    if (sizes.contains(5_000) && sizes.contains(20_000)) {
      long a5 = CheckAllocationProbe.allocated(jar, dir.resolve("clusters-5000.yaml"));
      long a20 = CheckAllocationProbe.allocated(jar, dir.resolve("clusters-20000.yaml"));
      perCluster = (a20 - a5) / 15_000.0 / 1024;
      System.out.printf(
          Locale.ROOT,
          "%nallocated by check (all threads): 5,000 Clusters %.1f MB, 20,000 Clusters %.1f MB:"
              + " %.1f KB per Cluster%n",
          a5 / 1048576.0,
          a20 / 1048576.0,
          perCluster);
    }

    System.out.println();
    System.out.println("| goal | measured (median of " + runs + ", min–max) | met |");
    System.out.println("|---|---|---|");
    for (int i = 0; i < cases.size(); i++) {
      Case c = cases.get(i);
      Times t = withArchive.get(i);
      double goal =
          switch (c.clusters()) {
            case 5_000 -> 1.5;
            case 20_000 -> 3.5;
            case 1 -> 0.6;
            default -> Double.NaN;
          };
      if (!Double.isNaN(goal)) {
        System.out.printf(
            Locale.ROOT,
            "| `check` of %s%s ≤ %.1f s | %s | %s |%n",
            c.name(),
            c.jvm().isEmpty() ? "" : " with " + String.join(" ", c.jvm()),
            goal,
            t.text(),
            t.median() <= goal ? "yes" : "**no**");
      }
    }
    if (!Double.isNaN(perCluster)) {
      System.out.printf(
          Locale.ROOT,
          "| allocation ≤ 50 KB per Cluster | %.1f KB | %s |%n",
          perCluster,
          perCluster <= 50 ? "yes" : "**no**");
    }
    System.out.println("load average after: " + ThroughputHarness.loadAverage());
  }

  static Times time(Path jar, List<String> jvm, Case c, int runs, Path dir)
      throws IOException, InterruptedException {
    Path out = dir.resolve("out.txt");
    run(jar, jvm, c.input(), out); // unmeasured
    double[] seconds = new double[runs];
    int exit = 0;
    for (int i = 0; i < runs; i++) {
      long t0 = System.nanoTime();
      exit = run(jar, jvm, c.input(), out);
      seconds[i] = (System.nanoTime() - t0) / 1e9;
      if (exit != 0) {
        throw new IllegalStateException(
            c.name() + ": exit " + exit + " (every Cluster of the input is valid): " + out);
      }
    }
    return Times.of(seconds, exit);
  }

  /** {@code java JVM -jar JAR check INPUT > out}; the exit code. */
  static int run(Path jar, List<String> jvm, Path input, Path out)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvm);
    command.add("-jar");
    command.add(jar.toString());
    command.add("check");
    command.add(input.toString());
    Process p =
        new ProcessBuilder(command)
            .redirectOutput(out.toFile())
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    p.getOutputStream().close();
    if (!p.waitFor(10, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new IllegalStateException("check did not end in 10 minutes: " + command);
    }
    return p.exitValue();
  }

  /** The Datacenter of the inputs: OpenStack, IPv6 enabled, DNS servers, reserved ranges. */
  public static final String DATACENTER =
      """
      apiVersion: dualstack.dev/v1
      kind: Datacenter
      metadata:
        name: openstack-fra
      spec:
        country: DE
        location: Frankfurt
        openstack:
          authURL: https://keystone.example.com:5000/v3
          region: fra
          dnsServers: [8.8.8.8, "2001:4860:4860::8888"]
          ipv6Enabled: true
        reservedNetworks:
          cidrBlocks: [100.100.0.0/16, "fd00:10::/56"]
      """;

  /** One Datacenter and {@code n} valid dual-stack Clusters, as a user writes them. */
  public static String manifests(int n) {
    StringBuilder sb = new StringBuilder(400 + n * 700);
    sb.append(DATACENTER);
    for (int i = 0; i < n; i++) {
      int r = i % 16_384;
      String v4 = (16 + (r >> 10)) + "." + ((r >> 2) & 0xff) + "." + ((r & 3) << 6);
      String hex = Integer.toHexString(r);
      sb.append("---\n")
          .append("apiVersion: dualstack.dev/v1\n")
          .append("kind: Cluster\n")
          .append("metadata:\n")
          .append("  name: cluster-")
          .append(i)
          .append('\n')
          .append("  labels:\n")
          .append("    team: team-")
          .append(i % 50)
          .append('\n')
          .append("    env: prod\n")
          .append("spec:\n")
          .append("  version: \"1.33.5\"\n")
          .append("  cloud:\n")
          .append("    dc: openstack-fra\n")
          .append("    openstack:\n")
          .append("      network: kubernetes-net\n")
          .append("      subnetCidr: 192.168.1.0/24\n")
          .append("      ipv6SubnetPool: ipv6-default-pool\n")
          .append("  cniPlugin: {type: cilium, version: 1.19.4}\n")
          .append("  operatingSystems: [ubuntu, flatcar, rhel]\n")
          .append("  clusterNetwork:\n")
          .append("    ipFamily: IPv4+IPv6\n")
          .append("    pods: {cidrBlocks: [172.")
          .append(v4)
          .append("/26, \"fd01:")
          .append(hex)
          .append("::/56\"]}\n")
          .append("    services: {cidrBlocks: [10.")
          .append(v4)
          .append("/26, \"fd02:")
          .append(hex)
          .append("::/108\"]}\n")
          .append("    nodeCidrMaskSizeIPv4: 28\n")
          .append("    nodeCidrMaskSizeIPv6: 64\n")
          .append("    proxyMode: ipvs\n");
    }
    return sb.toString();
  }

  private static List<String> cat(List<String> a, List<String> b) {
    List<String> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  private static String load1() {
    String l = ThroughputHarness.loadAverage();
    return l.split(" ")[0];
  }
}
