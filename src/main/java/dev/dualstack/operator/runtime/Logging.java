package dev.dualstack.operator.runtime;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import java.net.URL;
import java.util.Locale;
import org.slf4j.LoggerFactory;

/**
 * Chooses the log format ({@code text} or {@code json}) and level at start-up by reloading {@code
 * logback.xml} with the properties it reads ({@code dualstack.log.format}, {@code
 * dualstack.log.level}).
 */
public final class Logging {
  public static final String FORMAT_PROPERTY = "dualstack.log.format";
  public static final String LEVEL_PROPERTY = "dualstack.log.level";

  private Logging() {}

  public static void configure(String format, String level) {
    String f = format == null ? "text" : format.toLowerCase(Locale.ROOT);
    if (!f.equals("text") && !f.equals("json")) {
      throw new IllegalArgumentException("--log-format must be text or json, not " + format);
    }
    if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
      return;
    }
    URL config = Logging.class.getClassLoader().getResource("logback.xml");
    if (config == null) {
      return;
    }
    context.reset();
    context.putProperty(FORMAT_PROPERTY, f);
    context.putProperty(LEVEL_PROPERTY, level == null ? "INFO" : level);
    JoranConfigurator configurator = new JoranConfigurator();
    configurator.setContext(context);
    try {
      configurator.doConfigure(config);
    } catch (JoranException e) {
      throw new IllegalStateException("cannot configure logging: " + e.getMessage(), e);
    }
  }
}
