package dev.dualstack.operator.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dualstack.operator.api.Cluster;
import dev.dualstack.operator.api.Datacenter;
import dev.dualstack.operator.cli.ManifestReader.Item;
import dev.dualstack.operator.cli.ManifestReader.Reading;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A concurrent reading ({@code check}'s) hands every object to the visitor in input order, on one
 * other thread, with the same findings as a reading on one thread; a visitor's failure reaches the
 * caller, and the reading does not hang after it however many documents follow.
 */
class ConcurrentReadingTest {
  @TempDir Path tmp;

  private Path manifests(int clusters) throws IOException {
    StringBuilder sb = new StringBuilder(Files.readString(HostileInputTest.DC)).append("---\n");
    for (int i = 0; i < clusters; i++) {
      // every seventh one has an unknown field, every eleventh a bad CIDR
      String c = HostileInputTest.cluster("c-" + i, "\"1.31.4\"", i % 11 == 0 ? "200" : "24");
      sb.append(i % 7 == 0 ? c.replace("spec:", "spec:\n  colour: blue") : c).append("---\n");
    }
    Path f = tmp.resolve("clusters.yaml");
    Files.writeString(f, sb);
    return f;
  }

  /** name, errors and unknown fields of each object, in the order visited, and the threads. */
  private static final class Visits implements ManifestReader.Visitor {
    final List<String> seen = new ArrayList<>();
    final java.util.Set<String> threads = new java.util.HashSet<>();
    int failAt = -1;

    @Override
    public void cluster(Item<Cluster> c) {
      if (seen.size() == failAt) {
        throw new IllegalStateException("visitor failed at " + c.name());
      }
      threads.add(Thread.currentThread().getName());
      seen.add(c.name() + " " + c.errors() + " " + c.unknown());
    }

    @Override
    public void datacenter(Item<Datacenter> d) {
      threads.add(Thread.currentThread().getName());
      seen.add(d.name() + " " + d.errors());
    }
  }

  private static Visits read(Path f, boolean concurrent, int failAt) {
    Reading reading = new Reading();
    reading.concurrent = concurrent;
    Visits v = new Visits();
    v.failAt = failAt;
    ManifestReader.scan(ManifestReader.inputs(List.of(f), reading), new HashMap<>(), v, reading);
    assertThat(reading.problems()).isEmpty();
    return v;
  }

  @Test
  void sameObjectsInTheSameOrderWithTheSameFindings() throws IOException {
    Path f = manifests(500);

    Visits one = read(f, false, -1);
    Visits two = read(f, true, -1);

    assertThat(two.seen).hasSize(501).containsExactlyElementsOf(one.seen);
    assertThat(one.seen)
        .anyMatch(s -> s.contains("Unknown field"))
        .anyMatch(s -> s.contains("200"));
    assertThat(one.threads).containsExactly(Thread.currentThread().getName());
    assertThat(two.threads).containsExactly("check-evaluate");
  }

  @Test
  void aVisitorsFailureReachesTheCallerAndNothingHangs() throws IOException {
    Path f = manifests(2_000);

    assertThatThrownBy(() -> read(f, true, 40))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("visitor failed at c-39");
    assertThat(Thread.getAllStackTraces().keySet())
        .noneMatch(t -> t.getName().equals("check-evaluate") && t.isAlive());
  }
}
