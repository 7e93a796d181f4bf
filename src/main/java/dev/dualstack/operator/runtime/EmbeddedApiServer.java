package dev.dualstack.operator.runtime;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.fabric8.mockwebserver.http.Dispatcher;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.function.UnaryOperator;

/**
 * An in-process Kubernetes API server: fabric8's mock server in CRUD mode (expectations set with
 * {@link #server()}{@code .expect()} answer first), with this project's generated CRDs installed
 * before anything else so that {@code /status} and spec writes keep each other's fields and {@code
 * metadata.generation} behaves. Not a real API server: no schema validation, no garbage collection.
 */
public final class EmbeddedApiServer implements AutoCloseable {
  /** The generated CRDs, read from the classpath (they are in the jar). */
  public static final List<String> CRD_RESOURCES =
      List.of(
          "META-INF/fabric8/clusters.dualstack.dev-v1.yml",
          "META-INF/fabric8/datacenters.dualstack.dev-v1.yml");

  /** The mock server logs every request through java.util.logging at INFO: keep it quiet. */
  private static final java.util.logging.Logger MOCK_LOG =
      java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");

  static {
    MOCK_LOG.setLevel(java.util.logging.Level.WARNING);
  }

  private final KubernetesMockServer server;
  private KubernetesClient client;

  public EmbeddedApiServer() {
    this(UnaryOperator.identity());
  }

  /**
   * @param decorator wraps the CRUD dispatcher (tests count or fail requests with it)
   */
  public EmbeddedApiServer(UnaryOperator<Dispatcher> decorator) {
    Map<ServerRequest, Queue<ServerResponse>> responses = new HashMap<>();
    Dispatcher dispatcher = decorator.apply(new KubernetesMixedDispatcher(responses));
    server =
        new KubernetesMockServer(new Context(), new MockWebServer(), responses, dispatcher, false);
  }

  /** Starts the server on a free local port and installs the CRDs. */
  public EmbeddedApiServer start() {
    server.init();
    client = server.createClient();
    for (String resource : CRD_RESOURCES) {
      client.apiextensions().v1().customResourceDefinitions().resource(crd(resource)).create();
    }
    return this;
  }

  private CustomResourceDefinition crd(String resource) {
    try (InputStream in = getClass().getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("classpath resource " + resource + " is missing");
      }
      return client.getKubernetesSerialization().unmarshal(in, CustomResourceDefinition.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A client of this server (shared; closed with the server). */
  public KubernetesClient client() {
    return client;
  }

  /** A new client of this server; the caller closes it. */
  public KubernetesClient newClient() {
    return server.createClient();
  }

  public KubernetesMockServer server() {
    return server;
  }

  @Override
  public void close() {
    if (client != null) {
      client.close();
    }
    server.destroy();
  }
}
