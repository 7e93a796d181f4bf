package dev.dualstack.operator.pipeline.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The condition time is remembered per second: each evaluation of one second asks the same. */
class ConditionTimestampTest {
  @Test
  void theSameSecondGivesTheSameTextAndTheNextANewOne() {
    Instant t = Instant.parse("2026-12-01T11:59:32.250Z");
    String first = ConditionSetter.timestamp(t);
    assertThat(first).isEqualTo("2026-12-01T11:59:32Z");
    assertThat(ConditionSetter.timestamp(t.plusMillis(700))).isSameAs(first);
    assertThat(ConditionSetter.timestamp(t.plusMillis(800))).isEqualTo("2026-12-01T11:59:33Z");
    assertThat(ConditionSetter.timestamp(t)).isEqualTo("2026-12-01T11:59:32Z");
  }
}
