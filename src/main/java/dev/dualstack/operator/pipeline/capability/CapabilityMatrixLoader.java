package dev.dualstack.operator.pipeline.capability;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.dualstack.operator.api.JsonPaths;
import dev.dualstack.operator.api.SchemaEnums;
import dev.dualstack.operator.pipeline.capability.CapabilityMatrix.CniCapability;
import dev.dualstack.operator.pipeline.capability.CapabilityMatrix.KubernetesVersions;
import dev.dualstack.operator.pipeline.capability.CapabilityMatrix.OsNote;
import dev.dualstack.operator.pipeline.capability.CapabilityMatrix.ProviderCapability;
import dev.dualstack.operator.pipeline.capability.CapabilityMatrixException.Problem;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Loads the capability matrix from the jar or from a file given by the deployment ({@code
 * --capabilities FILE} or env {@value #ENV}), and checks its shape. A bad file fails with a {@link
 * CapabilityMatrixException} naming the file, the line and the problem.
 */
public final class CapabilityMatrixLoader {
  public static final String BUILTIN = "capabilities.yaml";

  /** Environment variable naming a replacement matrix file. */
  public static final String ENV = "DUALSTACK_CAPABILITIES";

  private static final ObjectMapper YAML =
      new ObjectMapper(new YAMLFactory())
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private CapabilityMatrixLoader() {}

  /** The matrix shipped in the jar (parsed once). */
  public static CapabilityMatrix builtin() {
    return Builtin.MATRIX;
  }

  /** Loads and checks {@code file}. */
  public static CapabilityMatrix load(Path file) {
    String source = file.toString();
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException | UncheckedIOException e) {
      throw new CapabilityMatrixException(
          source, List.of(new Problem(0, "cannot read the file: " + e)));
    }
    return read(text, source);
  }

  /**
   * The matrix to use: {@code file} when given, else the file named by env {@value #ENV} when set,
   * else the built-in one.
   */
  public static CapabilityMatrix resolve(Path file) {
    return resolve(file, System.getenv());
  }

  static CapabilityMatrix resolve(Path file, Map<String, String> env) {
    if (file != null) {
      return load(file);
    }
    String fromEnv = env.get(ENV);
    if (fromEnv != null && !fromEnv.isBlank()) {
      return load(Path.of(fromEnv.strip()));
    }
    return builtin();
  }

  /** Parses and checks {@code text}; {@code source} names it in messages. */
  public static CapabilityMatrix read(String text, String source) {
    Map<String, Integer> lines = lines(text, source);
    CapabilityFile f;
    try {
      f = YAML.readValue(text, CapabilityFile.class);
    } catch (JsonProcessingException e) {
      throw new CapabilityMatrixException(source, List.of(problem(e, lines)));
    }
    if (f == null) {
      throw new CapabilityMatrixException(source, List.of(new Problem(1, "the file is empty")));
    }
    List<Problem> problems = new CapabilitySchema(lines).check(f);
    if (!problems.isEmpty()) {
      throw new CapabilityMatrixException(source, problems);
    }
    return new CapabilityMatrix(
        f.defaultCni(), f.providers(), f.cni(), f.operatingSystemNotes(), f.kubernetes(), source);
  }

  private static Problem problem(JsonProcessingException e, Map<String, Integer> lines) {
    JsonLocation loc = e.getLocation();
    String path = e instanceof JsonMappingException m ? JsonPaths.of("", m.getPath()) : "";
    // Jackson reports where it noticed the problem (for records possibly the end of the object);
    // the key's own line is more useful
    Integer keyLine = lines.get(path);
    int line = keyLine != null ? keyLine : loc == null ? 0 : loc.getLineNr();
    String at = path.isEmpty() ? "" : " at " + path;
    if (e instanceof UnrecognizedPropertyException u) {
      return new Problem(
          line,
          "unknown key \""
              + u.getPropertyName()
              + "\""
              + at
              + "; known keys: "
              + u.getKnownPropertyIds().stream()
                  .map(String::valueOf)
                  .sorted()
                  .collect(Collectors.joining(", ")));
    }
    if (e instanceof InvalidFormatException f && f.getTargetType() != null) {
      Class<?> t = f.getTargetType();
      String allowed =
          t.isEnum()
              ? "; allowed: "
                  + java.util.Arrays.stream(t.getEnumConstants())
                      .map(c -> SchemaEnums.value((Enum<?>) c))
                      .collect(Collectors.joining(", "))
              : "";
      return new Problem(line, "invalid value \"" + f.getValue() + "\"" + at + allowed);
    }
    return new Problem(line, e.getOriginalMessage() + at);
  }

  /** Line of every key and list element, by dotted path ({@code providers.aws.limitations[0]}). */
  private static Map<String, Integer> lines(String text, String source) {
    Map<String, Integer> lines = new HashMap<>();
    try (JsonParser p = YAML.getFactory().createParser(text)) {
      JsonToken t;
      while ((t = p.nextToken()) != null) {
        if (t == JsonToken.END_OBJECT || t == JsonToken.END_ARRAY) {
          continue;
        }
        String path = JsonPaths.of(p.getParsingContext().pathAsPointer());
        if (!path.isEmpty()) {
          lines.putIfAbsent(path, p.currentTokenLocation().getLineNr());
        }
      }
    } catch (JsonProcessingException e) {
      throw new CapabilityMatrixException(
          source, List.of(new Problem(lineOf(e), "not valid YAML: " + e.getOriginalMessage())));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return lines;
  }

  private static int lineOf(JsonProcessingException e) {
    return e.getLocation() == null ? 0 : e.getLocation().getLineNr();
  }

  /** The shape of the file. */
  record CapabilityFile(
      String defaultCni,
      Map<String, OsNote> operatingSystemNotes,
      Map<String, ProviderCapability> providers,
      Map<String, CniCapability> cni,
      KubernetesVersions kubernetes) {}

  private static final class Builtin {
    static final CapabilityMatrix MATRIX = loadBuiltin();

    private static CapabilityMatrix loadBuiltin() {
      try (InputStream in =
          CapabilityMatrixLoader.class.getClassLoader().getResourceAsStream(BUILTIN)) {
        Objects.requireNonNull(in, "classpath resource " + BUILTIN + " is missing");
        return read(new String(in.readAllBytes(), StandardCharsets.UTF_8), "classpath:" + BUILTIN);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
