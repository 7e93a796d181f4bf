package dev.dualstack.operator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code run} without a reachable API server: one line per attempt, exponential backoff. */
class ApiServerWaitTest {
  @Test
  void oneLinePerFailedAttemptWithBackoffUntilItAnswers() throws InterruptedException {
    List<String> lines = new ArrayList<>();
    List<Duration> sleeps = new ArrayList<>();
    int[] attempts = {0};

    int failures =
        ApiServerWait.await(
            "https://127.0.0.1:1/",
            () -> ++attempts[0] <= 7 ? "ConnectException: Connection refused" : null,
            sleeps::add,
            lines::add);

    assertThat(failures).isEqualTo(7);
    assertThat(sleeps)
        .extracting(Duration::toSeconds)
        .containsExactly(1L, 2L, 4L, 8L, 16L, 30L, 30L);
    assertThat(lines).hasSize(8);
    assertThat(lines.get(0))
        .isEqualTo(
            "cannot reach the Kubernetes API server at https://127.0.0.1:1/: ConnectException:"
                + " Connection refused; retrying in 1s");
    assertThat(lines).allSatisfy(l -> assertThat(l).doesNotContain("\n"));
    assertThat(lines.get(7)).contains("answers; starting");
  }

  @Test
  void aServerThatAnswersAtOnceIsSilent() throws InterruptedException {
    List<String> lines = new ArrayList<>();

    assertThat(ApiServerWait.await("x", () -> null, d -> {}, lines::add)).isZero();
    assertThat(lines).isEmpty();
  }

  @Test
  void theRealProbeReportsAConnectionRefusedInOneLine() throws InterruptedException {
    var config =
        new io.fabric8.kubernetes.client.ConfigBuilder()
            .withMasterUrl("https://127.0.0.1:1")
            .build();
    List<String> lines = java.util.Collections.synchronizedList(new ArrayList<>());
    Thread t =
        new Thread(
            () -> {
              try {
                ApiServerWait.await(config, lines::add);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
    t.start();
    org.awaitility.Awaitility.await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> !List.copyOf(lines).isEmpty());
    t.interrupt();
    t.join(10_000);

    assertThat(lines.get(0))
        .startsWith("cannot reach the Kubernetes API server at https://127.0.0.1:1/: ")
        .contains("retrying in 1s")
        .doesNotContain("\n");
  }
}
