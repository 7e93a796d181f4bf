package dev.dualstack.operator.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.dualstack.operator.api.ClusterSpec;
import dev.dualstack.operator.api.ClusterStatus;
import dev.dualstack.operator.pipeline.defaulting.ClusterDefaulter;
import dev.dualstack.operator.pipeline.field.FieldError;
import dev.dualstack.operator.pipeline.model.ClusterInput;
import dev.dualstack.operator.pipeline.status.ClusterStatusFactory;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Seeded random and adversarial specs (java.util.Random, fixed seeds): 20 seeds × 5,000 = 100,000
 * specs. The pipeline never throws; every error has a path ({@code spec...} or {@code
 * metadata.name}) and a rule id; every warning has a rule id; an accepted spec's own status fed
 * back as previous is accepted again; defaulting the effective spec changes nothing. {@link
 * #aMillionSpecs} (tag {@code slow}) runs 1,000,000 more.
 */
class PipelineFuzzTest {
  static final int PER_SEED = 5_000;
  static final int HARNESS_SEEDS = 200;
  private static final Pattern RULE = Pattern.compile("[A-Z]{2,4}-[0-9]{3}");
  private static final ClusterStatusFactory STATUS = new ClusterStatusFactory(Fixture.CLOCK);

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20})
  void pipelineNeverThrowsAndReportsPaths(long seed) {
    fuzz(seed, PER_SEED);
  }

  /**
   * The harness: {@value #HARNESS_SEEDS} further seeds × {@value #PER_SEED} = 1,000,000 specs, run
   * with {@code mvn -B test -Dtest=PipelineFuzzTest -Dsurefire.excludedGroups=e2e}.
   */
  @Test
  @Tag("slow")
  void aMillionSpecs() {
    long start = System.nanoTime();
    for (long seed = 1_000; seed < 1_000 + HARNESS_SEEDS; seed++) {
      fuzz(seed, PER_SEED);
    }
    System.out.printf(
        "pipeline fuzz: %,d specs in %,d ms%n",
        HARNESS_SEEDS * PER_SEED, (System.nanoTime() - start) / 1_000_000);
  }

  private static void fuzz(long seed, int count) {
    SpecGenerator gen = new SpecGenerator(seed);
    int accepted = 0;
    int refused = 0;
    for (int i = 0; i < count; i++) {
      SpecGenerator.Case c = gen.next();
      PipelineResult r;
      try {
        r = Fixture.PIPELINE.evaluate(c.input(), c.datacenter());
      } catch (RuntimeException e) {
        throw new AssertionError("seed " + seed + " case " + i + " threw on " + c, e);
      }
      for (FieldError e : r.errors()) {
        boolean path = e.field().startsWith("spec") || e.field().equals("metadata.name");
        if (!path || !RULE.matcher(e.rule().id()).matches()) {
          fail("seed %d case %d: bad error %s (rule %s) for %s", seed, i, e, e.rule(), c);
        }
      }
      for (var w : r.warnings()) {
        if (w.rule() == null || !RULE.matcher(w.rule()).matches() || w.code() == null) {
          fail("seed %d case %d: warning without rule %s for %s", seed, i, w, c);
        }
      }
      assertIdempotent(seed, i, c, r);
      if (r.rendering() != null) {
        accepted++;
        feedBack(seed, i, c, r);
      } else {
        refused++;
      }
    }
    assertThat(accepted + refused).isEqualTo(count);
    assertThat(accepted).as("some generated specs are valid").isPositive();
    assertThat(refused).as("some generated specs are invalid").isPositive();
  }

  private static void assertIdempotent(long seed, int i, SpecGenerator.Case c, PipelineResult r) {
    ClusterSpec again =
        ClusterDefaulter.apply(
            r.effective(),
            r.provider(),
            r.datacenterFound() ? c.datacenter() : null,
            Fixture.MATRIX,
            c.input().previous());
    if (!again.equals(r.effective())) {
      fail("seed %d case %d: defaulting is not idempotent for %s", seed, i, c);
    }
  }

  private static void feedBack(long seed, int i, SpecGenerator.Case c, PipelineResult r) {
    ClusterInput in = c.input();
    ClusterStatus status = STATUS.build(in.previous(), r, in.generation());
    ClusterInput next =
        new ClusterInput(in.name(), in.labels(), in.generation(), in.spec(), status);
    PipelineResult again = Fixture.PIPELINE.evaluate(next, c.datacenter());
    if (!again.errors().isEmpty()) {
      fail("seed %d case %d: rendered status fed back gives %s for %s", seed, i, again.errors(), c);
    }
  }
}
