package dev.dualstack.operator.pipeline.capability;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Loads the capability matrix from the jar or from a file given by the deployment. */
public final class CapabilityMatrixLoader {
  public static final String BUILTIN = "capabilities.yaml";

  private static final ObjectMapper YAML =
      new ObjectMapper(new YAMLFactory()).enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private CapabilityMatrixLoader() {}

  /** The matrix shipped in the jar. */
  public static CapabilityMatrix builtin() {
    try (InputStream in =
        CapabilityMatrixLoader.class.getClassLoader().getResourceAsStream(BUILTIN)) {
      if (in == null) {
        throw new IllegalStateException("classpath resource " + BUILTIN + " is missing");
      }
      return read(in, "classpath:" + BUILTIN);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static CapabilityMatrix read(InputStream in, String source) throws IOException {
    CapabilityFile f = YAML.readValue(in, CapabilityFile.class);
    return new CapabilityMatrix(f.defaultCni(), f.providers(), f.cni(), source);
  }

  record CapabilityFile(
      String defaultCni,
      java.util.Map<String, CapabilityMatrix.ProviderCapability> providers,
      java.util.Map<String, CapabilityMatrix.CniCapability> cni) {}
}
