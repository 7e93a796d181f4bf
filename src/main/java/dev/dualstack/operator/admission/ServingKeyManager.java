package dev.dualstack.operator.admission;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * The serving key and certificate chain of the webhook's TLS server, replaceable while it runs: a
 * rotated certificate is used from the next handshake on, without restarting the server (the JDK's
 * HttpsServer takes its SSLContext once).
 */
public final class ServingKeyManager extends X509ExtendedKeyManager {
  private static final String ALIAS = "webhook";

  private record Current(PrivateKey key, X509Certificate[] chain) {}

  private final AtomicReference<Current> current = new AtomicReference<>();

  /** Serves {@code cert} (signed by {@code ca}) with {@code key} from the next handshake on. */
  public void use(TlsMaterial m) {
    current.set(new Current(m.key(), new X509Certificate[] {m.cert(), m.ca()}));
  }

  /** Serves a certificate read from files (cert-manager): the chain as given. */
  public void use(PrivateKey key, X509Certificate[] chain) {
    current.set(new Current(key, chain.clone()));
  }

  /** True once a certificate is loaded. */
  public boolean loaded() {
    return current.get() != null;
  }

  /** The certificate served now, or null. */
  public X509Certificate serving() {
    Current c = current.get();
    return c == null ? null : c.chain()[0];
  }

  public SSLContext sslContext() {
    try {
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(new KeyManager[] {this}, null, new SecureRandom());
      return ctx;
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
    return alias(keyType);
  }

  @Override
  public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
    return alias(keyType);
  }

  private String alias(String keyType) {
    Current c = current.get();
    return c != null && family(c.key().getAlgorithm()).equals(family(keyType)) ? ALIAS : null;
  }

  private static String family(String algorithm) {
    return algorithm.startsWith("EC") ? "EC" : algorithm;
  }

  @Override
  public X509Certificate[] getCertificateChain(String alias) {
    Current c = current.get();
    return c == null || !ALIAS.equals(alias) ? null : c.chain().clone();
  }

  @Override
  public PrivateKey getPrivateKey(String alias) {
    Current c = current.get();
    return c == null || !ALIAS.equals(alias) ? null : c.key();
  }

  @Override
  public String[] getServerAliases(String keyType, Principal[] issuers) {
    String a = alias(keyType);
    return a == null ? null : new String[] {a};
  }

  @Override
  public String[] getClientAliases(String keyType, Principal[] issuers) {
    return null;
  }

  @Override
  public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
    return null;
  }
}
