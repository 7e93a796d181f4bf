package dev.dualstack.operator.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/** --log-format: text or JSON (logstash encoder) with the MDC naming the resource. */
class LoggingTest {

  private static String logged(String format) {
    PrintStream original = System.err;
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    System.setErr(new PrintStream(buffer, true, StandardCharsets.UTF_8));
    try {
      Logging.configure(format, "INFO");
      MDC.put("cluster", "prod-eu");
      LoggerFactory.getLogger("test").info("reconciled");
    } finally {
      MDC.remove("cluster");
      System.setErr(original);
      Logging.configure("text", "INFO");
    }
    return buffer.toString(StandardCharsets.UTF_8);
  }

  @Test
  void jsonLinesCarryTheMessageAndTheClusterName() throws Exception {
    JsonNode line = new ObjectMapper().readTree(logged("json").lines().findFirst().orElseThrow());

    assertThat(line.path("message").asText()).isEqualTo("reconciled");
    assertThat(line.path("level").asText()).isEqualTo("INFO");
    assertThat(line.path("cluster").asText()).isEqualTo("prod-eu");
  }

  @Test
  void textIsTheDefault() {
    assertThat(logged("text")).contains("INFO").contains("reconciled").doesNotContain("{\"");
  }

  @Test
  void anUnknownFormatIsRefused() {
    assertThatThrownBy(() -> Logging.configure("xml", null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("xml");
  }
}
