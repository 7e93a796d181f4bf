package dev.dualstack.operator.cli;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * Waits until the Kubernetes API server answers, before {@code run} starts the operator: one line
 * per failed attempt (where, why, when the next one is) instead of the framework's stack traces,
 * and retries with exponential backoff (1 s doubling up to 30 s) until it answers. Any HTTP answer
 * counts, also 401/403: the API server is there, permissions are the operator's concern.
 */
public final class ApiServerWait {
  static final Duration FIRST = Duration.ofSeconds(1);
  static final Duration MAX = Duration.ofSeconds(30);

  /** Sleeps; replaced in tests. */
  @FunctionalInterface
  interface Sleeper {
    void sleep(Duration d) throws InterruptedException;
  }

  /** One probe: null when the API server answered, else why not. */
  @FunctionalInterface
  interface Probe {
    String attempt();
  }

  private ApiServerWait() {}

  /** Waits for the API server of {@code config}; returns the number of failed attempts. */
  public static int await(Config config, Consumer<String> log) throws InterruptedException {
    Config probeConfig =
        new ConfigBuilder(config)
            .withRequestRetryBackoffLimit(0)
            .withConnectionTimeout(5_000)
            .withRequestTimeout(5_000)
            .build();
    try (KubernetesClient probe = new KubernetesClientBuilder().withConfig(probeConfig).build()) {
      return await(
          config.getMasterUrl(), () -> attempt(probe), d -> Thread.sleep(d.toMillis()), log);
    }
  }

  static int await(String where, Probe probe, Sleeper sleeper, Consumer<String> log)
      throws InterruptedException {
    Duration wait = FIRST;
    for (int failures = 0; ; failures++) {
      String why = probe.attempt();
      if (why == null) {
        if (failures > 0) {
          log.accept("the Kubernetes API server at " + where + " answers; starting");
        }
        return failures;
      }
      log.accept(
          "cannot reach the Kubernetes API server at "
              + where
              + ": "
              + why
              + "; retrying in "
              + wait.toSeconds()
              + "s");
      sleeper.sleep(wait);
      wait = wait.multipliedBy(2).compareTo(MAX) > 0 ? MAX : wait.multipliedBy(2);
    }
  }

  private static String attempt(KubernetesClient probe) {
    try {
      probe.getKubernetesVersion();
      return null;
    } catch (KubernetesClientException e) {
      if (e.getCode() > 0) {
        return null; // an HTTP answer: the server is there
      }
      return rootCause(e);
    } catch (RuntimeException e) {
      return rootCause(e);
    }
  }

  static String rootCause(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    String m = t.getMessage();
    return t.getClass().getSimpleName() + (m == null ? "" : ": " + Exits.oneLine(m));
  }
}
