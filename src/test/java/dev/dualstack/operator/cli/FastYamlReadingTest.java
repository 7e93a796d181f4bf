package dev.dualstack.operator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dualstack.operator.api.Cluster;
import dev.dualstack.operator.api.Datacenter;
import dev.dualstack.operator.bench.CheckHarness;
import dev.dualstack.operator.cli.ManifestReader.Item;
import dev.dualstack.operator.cli.ManifestReader.Reading;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What check's reading reports is the same with and without {@link FastYaml}: every object visited
 * in order (kind, key, origin, source, errors, unknown fields, the mapped object), the notes, the
 * problems and the number of objects — for the examples, the test manifests, the benchmark's
 * manifests and a few hundred generated files that mix valid and invalid Clusters and Datacenters,
 * KKP Clusters and Seeds, lists, other documents and malformed YAML.
 */
class FastYamlReadingTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;

  /** Everything a concurrent reading (check's) reports, one line each. */
  static List<String> read(List<Path> paths, boolean fastYaml) {
    Reading reading = new Reading();
    reading.concurrent = true;
    reading.fastYaml = fastYaml;
    List<String> out = new ArrayList<>();
    ManifestReader.scan(
        ManifestReader.inputs(paths, reading),
        null,
        new ManifestReader.Visitor() {
          @Override
          public void cluster(Item<Cluster> c) {
            out.add(describe(c));
          }

          @Override
          public void datacenter(Item<Datacenter> d) {
            out.add(describe(d));
          }
        },
        reading);
    reading.notes().forEach(n -> out.add("note " + n));
    reading.problems().forEach(p -> out.add("problem " + p));
    out.add("objects " + reading.objects());
    return out;
  }

  private static String describe(Item<?> item) {
    try {
      return String.join(
          " | ",
          item.kind(),
          item.key(),
          item.origin(),
          item.located().source().toString(),
          "errors " + item.errors(),
          "unknown " + item.unknown(),
          JSON.writeValueAsString(item.located().object()));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads the paths both ways; returns what was read. */
  private static List<String> assertSame(String label, List<Path> paths) {
    List<String> slow = read(paths, false);
    List<String> fast = read(paths, true);
    assertThat(fast).as(label).containsExactlyElementsOf(slow);
    return slow;
  }

  private static long count(List<String> lines, String prefix) {
    return lines.stream().filter(l -> l.startsWith(prefix)).count();
  }

  @Test
  void examples() {
    List<String> read = assertSame("examples", List.of(Path.of("examples")));
    assertThat(count(read, "Cluster |")).isGreaterThan(15);
    List<String> invalid = assertSame("examples/invalid", List.of(Path.of("examples/invalid")));
    assertThat(count(invalid, "Cluster |")).isGreaterThan(3);
  }

  @Test
  void theTestManifests() {
    Path dir = ManifestReaderTest.DIR;
    List<String> read =
        assertSame(
            "src/test/resources/check",
            List.of(dir, dir.resolve("kkp"), dir.resolve("dir"), dir.resolve("dir/sub")));
    assertThat(count(read, "problem ")).isGreaterThan(3);
    assertThat(count(read, "Datacenter |")).isGreaterThan(3);
  }

  @Test
  void theBenchmarksManifests() throws IOException {
    Path f = tmp.resolve("bench.yaml");
    Files.writeString(f, CheckHarness.manifests(500), StandardCharsets.UTF_8);
    List<String> read = assertSame("CheckHarness.manifests(500)", List.of(f));
    assertThat(count(read, "Cluster |")).isEqualTo(500);
  }

  @Test
  void generatedFiles() throws IOException {
    Path dir = Files.createDirectory(tmp.resolve("generated"));
    List<Path> files = new ArrayList<>();
    int clusters = 0;
    int problems = 0;
    for (int i = 0; i < FILES; i++) {
      long seed = 104_729L * i + 3;
      String text = new Files_(new Random(seed)).file();
      Path f = dir.resolve(String.format("f%03d.yaml", i));
      Files.writeString(f, text, StandardCharsets.UTF_8);
      files.add(f);
      List<String> read = assertSame("seed " + seed + ", " + f + ":\n" + text + "\n", List.of(f));
      clusters += count(read, "Cluster |") + count(read, "Datacenter |");
      problems += count(read, "problem ");
    }
    // all files in one reading: the state carried from file to file is the same too
    assertSame("all generated files", List.of(dir));
    assertThat(clusters).isGreaterThan(FILES);
    assertThat(problems).isBetween(FILES / 10, FILES * 2);
  }

  static final int FILES = 300;

  /** Generated manifest files. */
  static final class Files_ {
    final Random r;
    int serial;

    Files_(Random r) {
      this.r = r;
    }

    boolean p(double probability) {
      return r.nextDouble() < probability;
    }

    <T> T pick(List<T> options) {
      return options.get(r.nextInt(options.size()));
    }

    String file() {
      StringBuilder sb = new StringBuilder();
      if (p(0.2)) {
        sb.append("# generated\n");
      }
      int documents = 1 + r.nextInt(7);
      for (int d = 0; d < documents; d++) {
        if (d > 0 || p(0.2)) {
          sb.append(pick(SEPARATORS));
        }
        sb.append(document());
      }
      String text = sb.toString();
      if (p(0.03)) {
        text = text.replace("\n", "\r\n");
      }
      return text;
    }

    String document() {
      int k = r.nextInt(100);
      if (k < 45) {
        return mutate(cluster(), CLUSTER_MUTATIONS);
      }
      if (k < 60) {
        return mutate(datacenter(), DATACENTER_MUTATIONS);
      }
      if (k < 66) {
        return kkpCluster();
      }
      if (k < 70) {
        return SEED;
      }
      if (k < 78) {
        return list();
      }
      if (k < 88) {
        return pick(OTHERS);
      }
      return pick(MALFORMED);
    }

    String mutate(String doc, List<String[]> mutations) {
      int n = p(0.45) ? 0 : 1 + r.nextInt(2);
      for (int i = 0; i < n; i++) {
        String[] m = pick(mutations);
        doc = doc.replace(m[0], m[1]);
      }
      return doc;
    }

    String cluster() {
      int i = serial++;
      return CLUSTER
          .replace("NAME", "c-" + r.nextInt(1000) + "-" + i)
          .replace("V4", (16 + r.nextInt(200)) + "." + r.nextInt(256))
          .replace("HEX", Integer.toHexString(r.nextInt(65536)));
    }

    String datacenter() {
      return DATACENTER.replace("NAME", "dc-" + r.nextInt(5));
    }

    String kkpCluster() {
      String c =
          cluster()
              .replace("apiVersion: dualstack.dev/v1", "apiVersion: kubermatic.k8c.io/v1")
              .replace("  labels:", "  annotations:\n    presetName: x\n  labels:");
      return p(0.5) ? c + "status:\n  phase: Running\n  versions: {apiserver: 1.31.4}\n" : c;
    }

    /** A v1 List or a typed ClusterList of a few Clusters. */
    String list() {
      boolean typed = p(0.4);
      StringBuilder sb =
          new StringBuilder(
              typed
                  ? "apiVersion: dualstack.dev/v1\nkind: ClusterList\n"
                  : "apiVersion: v1\nkind: List\n");
      sb.append("items:\n");
      int n = r.nextInt(4);
      if (n == 0) {
        sb.setLength(sb.length() - 1);
        sb.append(" []\n");
      }
      for (int i = 0; i < n; i++) {
        String item = mutate(cluster(), CLUSTER_MUTATIONS);
        if (typed && p(0.7)) {
          item = item.replace("apiVersion: dualstack.dev/v1\nkind: Cluster\n", "");
        }
        boolean first = true;
        for (String line : item.split("\n")) {
          sb.append(first ? "- " : "  ").append(line).append('\n');
          first = false;
        }
      }
      return sb.toString();
    }
  }

  static final List<String> SEPARATORS =
      List.of(
          "---\n",
          "---\n",
          "---\n",
          "---\n",
          "--- # next\n",
          "...\n---\n",
          "---\n---\n",
          "\n---\n");

  static final String CLUSTER =
      """
      apiVersion: dualstack.dev/v1
      kind: Cluster
      metadata:
        name: NAME
        labels:
          team: payments
          env: prod
      spec:
        version: "1.33.5"
        cloud:
          dc: openstack-fra
          openstack:
            network: kubernetes-net
            subnetCidr: 192.168.1.0/24
        cniPlugin: {type: cilium, version: 1.19.4}
        operatingSystems: [ubuntu, flatcar]
        clusterNetwork:
          ipFamily: IPv4+IPv6
          pods: {cidrBlocks: [172.V4.0/24, "fd01:HEX::/56"]}
          services:
            cidrBlocks:
            - 10.V4.0/24
            - "fd02:HEX::/108"
          nodeCidrMaskSizeIPv4: 28
          nodeCidrMaskSizeIPv6: 64
          proxyMode: ipvs
      """;

  /**
   * Replacements in a Cluster: schema and mapping errors, unknown fields, YAML outside the subset.
   */
  static final List<String[]> CLUSTER_MUTATIONS =
      List.of(
          new String[] {"version: \"1.33.5\"", "version: 1.30"},
          new String[] {"version: \"1.33.5\"", "version: 1.31.4"},
          new String[] {"version: \"1.33.5\"", "version: '1.20.1'"},
          new String[] {"version: \"1.33.5\"", "version: [1.31]"},
          new String[] {"  name: c-", "  name: \"c-"},
          new String[] {"  name: c-", "  name: 'x' # c-"},
          new String[] {"  name: c-", "  nam: c-"},
          new String[] {"  name: c-", "  name:\n  other: c-"},
          new String[] {"  name: c-", "  name: 12345\n  x: c-"},
          new String[] {"nodeCidrMaskSizeIPv4: 28", "nodeCidrMaskSizeIPv4: 200"},
          new String[] {"nodeCidrMaskSizeIPv4: 28", "nodeCidrMaskSizeIPv4: \"28\""},
          new String[] {"nodeCidrMaskSizeIPv4: 28", "nodeCidrMaskSizeIPv4: 2147483648"},
          new String[] {"nodeCidrMaskSizeIPv4: 28", "nodeCidrMaskSizeIPv4: 28.0"},
          new String[] {"nodeCidrMaskSizeIPv4: 28", "nodeCidrMaskSizeIPv4: -1"},
          new String[] {"nodeCidrMaskSizeIPv6: 64", "nodeCidrMaskSizeIPv6: yes"},
          new String[] {"nodeCidrMaskSizeIPv6: 64", "nodeCidrMaskSizeIPv6: 0x40"},
          new String[] {"spec:\n", "spec:\n  colour: blue\n"},
          new String[] {"spec:\n", "spec:\n  extra: {a: [1, 2], b: {c: d}}\n"},
          new String[] {"  labels:\n", "  labels:\n    unicode: \"\u00e9t\u00e9\"\n"},
          new String[] {"ipFamily: IPv4+IPv6", "ipFamily: IPv4"},
          new String[] {"ipFamily: IPv4+IPv6", "ipFamily: IPv6+IPv4"},
          new String[] {"ipFamily: IPv4+IPv6", "ipFamily: [IPv4]"},
          new String[] {"pods: {cidrBlocks: [", "pods: {cidrBlocks: [10.0.0.0/33, "},
          new String[] {"pods: {cidrBlocks: [", "pods: {cidrBlocks: [10.V4.0/24, "},
          new String[] {"proxyMode: ipvs", "proxyMode: ebpf"},
          new String[] {"proxyMode: ipvs", "proxyMode: iptables # the default"},
          new String[] {"proxyMode: ipvs", "proxyMode: on"},
          new String[] {"proxyMode: ipvs", "proxyMode: ~"},
          new String[] {"proxyMode: ipvs", "proxyMode:"},
          new String[] {"dc: openstack-fra", "dc: dc-1"},
          new String[] {
            "cniPlugin: {type: cilium, version: 1.19.4}", "cniPlugin: {type: canal, version: v3.21}"
          },
          new String[] {
            "cniPlugin: {type: cilium, version: 1.19.4}",
            "cniPlugin:\n    type: cilium\n    version: \"1.19.4\""
          },
          new String[] {
            "operatingSystems: [ubuntu, flatcar]", "operatingSystems:\n  - ubuntu\n  - flatcar"
          },
          new String[] {"operatingSystems: [ubuntu, flatcar]", "operatingSystems: []"},
          // YAML outside the subset, still valid
          new String[] {"  labels:\n", "  labels: &l\n"},
          new String[] {
            "  labels:\n", "  annotations:\n    note: |\n      two\n      lines\n  labels:\n"
          },
          new String[] {"    team: payments", "    \"team\": payments"},
          new String[] {"    team: payments", "    team: !!str payments"},
          new String[] {"    team: payments", "    team: >-\n      pay\n      ments"},
          new String[] {"    team: payments", "    team: \"pay\\tments\""},
          new String[] {"    team: payments", "    team: pay\n      ments"},
          new String[] {"    team: payments", "    team: -payments"},
          new String[] {"kind: Cluster\n", "kind: \"Cluster\"\n"},
          new String[] {"kind: Cluster\n", "kind: Cluster # ours\n"},
          new String[] {"apiVersion: dualstack.dev/v1\n", "apiVersion: dualstack.dev/v2\n"},
          new String[] {"apiVersion: dualstack.dev/v1\n", "apiVersion: 'dualstack.dev/v1'\n"},
          new String[] {"apiVersion: dualstack.dev/v1\n", ""},
          new String[] {"  cloud:\n", "  cloud:\n    # the provider\n"},
          new String[] {"metadata:\n", "metadata:\n\n"},
          new String[] {"subnetCidr: 192.168.1.0/24", "subnetCidr: 192.168.1.0/24\t"},
          new String[] {"subnetCidr: 192.168.1.0/24", "subnetCidr: 192.168.1.0/24 \u2028"},
          // not YAML, or not a mapping
          new String[] {"kind: Cluster\n", "kind: Cluster\nkind: Cluster\n"},
          new String[] {
            "cniPlugin: {type: cilium, version: 1.19.4}",
            "cniPlugin: {type: cilium, version: 1.19.4"
          },
          new String[] {"    dc: openstack-fra", "   dc: openstack-fra"},
          new String[] {"    dc: openstack-fra", "\tdc: openstack-fra"},
          new String[] {"  version: ", "  version: : "},
          new String[] {"    team: payments", "    team: pay\u0001ments"},
          new String[] {"    team: payments", "    team: *undefined"});

  static final String DATACENTER =
      CheckHarness.DATACENTER.replace("name: openstack-fra", "name: NAME");

  static final List<String[]> DATACENTER_MUTATIONS =
      List.of(
          new String[] {"ipv6Enabled: true", "ipv6Enabled: false"},
          new String[] {"ipv6Enabled: true", "ipv6Enabled: yes"},
          new String[] {"ipv6Enabled: true", "ipv6Enabled: \"true\""},
          new String[] {"ipv6Enabled: true", "ipv6Enabled: 1"},
          new String[] {"country: DE", "country: 49"},
          new String[] {"country: DE", "country: NO"},
          new String[] {"  openstack:\n", "  aws: {region: eu-central-1}\n  openstack:\n"},
          new String[] {"spec:\n", "spec:\n  unknownField: x\n"},
          new String[] {"region: fra", "region: fra\n    region: ber"},
          new String[] {"cidrBlocks: [100.100.0.0/16, ", "cidrBlocks: [100.100.0.0/16,, "},
          new String[] {"  name: ", "  name: \"\" # "});

  static final String SEED =
      """
      apiVersion: kubermatic.k8c.io/v1
      kind: Seed
      metadata:
        name: europe
        namespace: kubermatic
      spec:
        country: DE
        datacenters:
          fra:
            country: DE
            location: Frankfurt
            spec:
              openstack:
                authURL: https://keystone.example.com:5000/v3
                region: fra
                ipv6Enabled: true
              enforceAuditLogging: false
          ams:
            location: Amsterdam
            spec:
              aws: {region: eu-west-1}
      """;

  static final List<String> OTHERS =
      List.of(
          "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\ndata:\n  k: v\n",
          "foo: bar\nbaz: [1, 2]\n",
          "- a\n- b\n",
          "just a string\n",
          "# only a comment\n",
          "",
          "apiVersion: dualstack.dev/v1\nkind: Widget\nmetadata: {name: w}\n",
          "apiVersion: kubermatic.k8c.io/v1\nkind: Seed\nmetadata: {name: empty}\nspec: {}\n",
          "apiVersion: dualstack.dev/v1\nkind: Cluster\nmetadata: {name: tiny}\nspec: {version: \"1.31.4\"}\n",
          "apiVersion: dualstack.dev/v1\nkind: Cluster\nspec: {}\n",
          "apiVersion: dualstack.dev/v1\nkind: Cluster\nmetadata: {name: \"\"}\n",
          "apiVersion: dualstack.dev/v1\nkind: Datacenter\nmetadata:\n  name: dc-x\nspec: []\n",
          "apiVersion: dualstack.dev/v1\nkind: Cluster\nmetadata: {name: c}\nspec: \"text\"\n",
          "apiVersion: [dualstack.dev/v1]\nkind: Cluster\n",
          "kind: 12\n");

  static final List<String> MALFORMED =
      List.of(
          "a: [unclosed\n",
          "a: b: c\n",
          "a:\n  b: 1\n c: 2\n",
          "\tkey: value\n",
          "a: \"unterminated\n",
          "a: 1\n...\nb: 2\n",
          "a: *nowhere\n",
          "%YAML 2.0\n---\na: 1\n",
          "a: 1\na: 2\n",
          "a: \"bad \\/ escape\"\n",
          "key: @value\n",
          "- x\ny: 1\n");
}
