package dev.dualstack.operator.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.dualstack.operator.api.ClusterSpec;
import dev.dualstack.operator.api.ClusterStatus;
import dev.dualstack.operator.pipeline.defaulting.ClusterDefaulter;
import dev.dualstack.operator.pipeline.field.FieldError;
import dev.dualstack.operator.pipeline.render.ClusterStatusFactory;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Seeded random and adversarial specs (java.util.Random, fixed seeds): 20 seeds × 5,000 = 100,000
 * specs. The pipeline never throws; every error has a path starting with {@code spec} and a rule
 * id; an accepted spec's own status fed back as previous is accepted again; defaulting the
 * effective spec changes nothing.
 */
class PipelineFuzzTest {
  static final int PER_SEED = 5_000;
  private static final Pattern RULE = Pattern.compile("[A-Z]{2,4}-[0-9]{3}");
  private static final ClusterStatusFactory STATUS = new ClusterStatusFactory(Fixture.CLOCK);

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20})
  void pipelineNeverThrowsAndReportsPaths(long seed) {
    SpecGenerator gen = new SpecGenerator(seed);
    int accepted = 0;
    int refused = 0;
    for (int i = 0; i < PER_SEED; i++) {
      SpecGenerator.Case c = gen.next();
      PipelineResult r;
      try {
        r = Fixture.PIPELINE.evaluate(c.input(), c.datacenter());
      } catch (RuntimeException e) {
        throw new AssertionError("seed " + seed + " case " + i + " threw on " + c, e);
      }
      for (FieldError e : r.errors()) {
        if (!e.field().startsWith("spec") || !RULE.matcher(e.rule()).matches()) {
          fail("seed %d case %d: bad error %s (rule %s) for %s", seed, i, e, e.rule(), c);
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
    assertThat(accepted + refused).isEqualTo(PER_SEED);
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
