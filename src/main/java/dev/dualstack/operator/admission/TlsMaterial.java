package dev.dualstack.operator.admission;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The webhook's TLS material: a self-signed CA and a serving certificate it signed (ECDSA P-256),
 * as PEM in the keys of a {@code kubernetes.io/tls} Secret ({@code tls.crt}, {@code tls.key},
 * {@code ca.crt}, plus {@code ca.key} so that any replica can renew the serving certificate under
 * the same CA). Pure: time is handed in.
 */
public record TlsMaterial(
    X509Certificate ca, PrivateKey caKey, X509Certificate cert, PrivateKey key) {
  public static final String TLS_CRT = "tls.crt";
  public static final String TLS_KEY = "tls.key";
  public static final String CA_CRT = "ca.crt";
  public static final String CA_KEY = "ca.key";

  /** The CA lives ten serving-certificate lifetimes, at least ten years. */
  static final int CA_LIFETIMES = 10;

  private static final SecureRandom RANDOM = new SecureRandom();

  /** A new CA and a serving certificate for {@code dnsNames} and {@code ips}. */
  public static TlsMaterial issue(
      List<String> dnsNames, List<String> ips, Instant now, Duration validity) {
    Duration caValidity = validity.multipliedBy(CA_LIFETIMES);
    if (caValidity.compareTo(Duration.ofDays(3650)) < 0) {
      caValidity = Duration.ofDays(3650);
    }
    KeyPair ca = keyPair();
    X509Certificate caCert = caCertificate(ca, now, caValidity);
    return serving(caCert, ca.getPrivate(), dnsNames, ips, now, validity);
  }

  /** A new serving certificate under an existing CA. */
  public static TlsMaterial serving(
      X509Certificate ca,
      PrivateKey caKey,
      List<String> dnsNames,
      List<String> ips,
      Instant now,
      Duration validity) {
    try {
      KeyPair kp = keyPair();
      Instant notAfter = now.plus(validity);
      if (notAfter.isAfter(ca.getNotAfter().toInstant())) {
        notAfter = ca.getNotAfter().toInstant();
      }
      String cn = dnsNames.isEmpty() ? ips.get(0) : dnsNames.get(0);
      JcaX509v3CertificateBuilder b =
          new JcaX509v3CertificateBuilder(
              ca,
              serial(),
              Date.from(now.minusSeconds(60)),
              Date.from(notAfter),
              new X500Name("CN=" + cn),
              kp.getPublic());
      JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
      List<GeneralName> names = new ArrayList<>();
      dnsNames.forEach(n -> names.add(new GeneralName(GeneralName.dNSName, n)));
      ips.forEach(ip -> names.add(new GeneralName(GeneralName.iPAddress, ip)));
      b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
      b.addExtension(
          Extension.keyUsage,
          true,
          new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
      b.addExtension(
          Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
      b.addExtension(
          Extension.subjectAlternativeName,
          false,
          new GeneralNames(names.toArray(GeneralName[]::new)));
      b.addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(ca));
      b.addExtension(
          Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(kp.getPublic()));
      X509Certificate cert = sign(b.build(signer(caKey)));
      return new TlsMaterial(ca, caKey, cert, kp.getPrivate());
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("cannot issue the webhook certificate", e);
    }
  }

  private static X509Certificate caCertificate(KeyPair ca, Instant now, Duration validity) {
    try {
      X500Name name = new X500Name("CN=dualstack-operator-webhook-ca");
      JcaX509v3CertificateBuilder b =
          new JcaX509v3CertificateBuilder(
              name,
              serial(),
              Date.from(now.minusSeconds(60)),
              Date.from(now.plus(validity)),
              name,
              ca.getPublic());
      JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
      b.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
      b.addExtension(
          Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
      b.addExtension(
          Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(ca.getPublic()));
      return sign(b.build(signer(ca.getPrivate())));
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("cannot issue the webhook CA", e);
    }
  }

  /**
   * True when the serving certificate must be renewed at {@code now}: less than a third of its
   * lifetime left, not yet valid, not signed by the CA, or not naming every one of {@code dnsNames}
   * and {@code ips}.
   */
  public boolean needsRenewal(Instant now, List<String> dnsNames, List<String> ips) {
    return renewalReason(now, dnsNames, ips).isPresent();
  }

  /** Why the serving certificate must be renewed, empty when it is good. */
  public Optional<String> renewalReason(Instant now, List<String> dnsNames, List<String> ips) {
    Instant from = cert.getNotBefore().toInstant();
    Instant to = cert.getNotAfter().toInstant();
    Duration left = Duration.between(now, to);
    if (now.isBefore(from.minusSeconds(300))) {
      return Optional.of("it is not valid before " + from);
    }
    if (left.compareTo(Duration.between(from, to).dividedBy(3)) < 0) {
      return Optional.of("it expires at " + to);
    }
    try {
      cert.verify(ca.getPublicKey());
    } catch (GeneralSecurityException e) {
      return Optional.of("it is not signed by the CA in the Secret");
    }
    List<String> have = subjectAlternativeNames();
    for (String n : dnsNames) {
      if (!have.contains(n)) {
        return Optional.of("it does not name " + n);
      }
    }
    for (String ip : ips) {
      if (!have.contains(ip)) {
        return Optional.of("it does not name " + ip);
      }
    }
    return Optional.empty();
  }

  /** True when the CA itself has less than a third of its lifetime left. */
  public boolean caNeedsRenewal(Instant now) {
    Instant from = ca.getNotBefore().toInstant();
    Instant to = ca.getNotAfter().toInstant();
    return Duration.between(now, to).compareTo(Duration.between(from, to).dividedBy(3)) < 0;
  }

  public List<String> subjectAlternativeNames() {
    List<String> out = new ArrayList<>();
    try {
      Collection<List<?>> sans = cert.getSubjectAlternativeNames();
      if (sans != null) {
        for (List<?> san : sans) {
          out.add(String.valueOf(san.get(1)));
        }
      }
    } catch (GeneralSecurityException e) {
      // no names
    }
    return out;
  }

  // ---- PEM and Secret data

  /** The Secret's {@code data}: base64 of the PEM texts. */
  public Map<String, String> toSecretData() {
    Map<String, String> data = new LinkedHashMap<>();
    data.put(TLS_CRT, b64(pem(cert)));
    data.put(TLS_KEY, b64(pkcs8(key)));
    data.put(CA_CRT, b64(pem(ca)));
    data.put(CA_KEY, b64(pkcs8(caKey)));
    return data;
  }

  /** From a Secret's {@code data}; empty when a key is missing or does not parse. */
  public static Optional<TlsMaterial> fromSecretData(Map<String, String> data) {
    if (data == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          new TlsMaterial(
              certificate(unb64(data.get(CA_CRT))),
              privateKey(unb64(data.get(CA_KEY))),
              certificate(unb64(data.get(TLS_CRT))),
              privateKey(unb64(data.get(TLS_KEY)))));
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  /** The CA certificate as PEM (the webhook configuration's {@code caBundle}, base64 of this). */
  public String caPem() {
    return pem(ca);
  }

  static String pem(Object o) {
    StringWriter w = new StringWriter();
    try (JcaPEMWriter pw = new JcaPEMWriter(w)) {
      pw.writeObject(o);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return w.toString();
  }

  /** A private key as PKCS#8 PEM ({@code BEGIN PRIVATE KEY}). */
  static String pkcs8(PrivateKey key) {
    try {
      return pem(new JcaPKCS8Generator(key, null).generate());
    } catch (org.bouncycastle.util.io.pem.PemGenerationException e) {
      throw new IllegalStateException(e);
    }
  }

  public static X509Certificate certificate(String pem) {
    try (PEMParser p = new PEMParser(new StringReader(pem))) {
      Object o = p.readObject();
      if (!(o instanceof X509CertificateHolder h)) {
        throw new IllegalArgumentException("not a PEM certificate");
      }
      return new JcaX509CertificateConverter().getCertificate(h);
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalArgumentException("not a PEM certificate", e);
    }
  }

  public static PrivateKey privateKey(String pem) {
    try (PEMParser p = new PEMParser(new StringReader(pem))) {
      Object o = p.readObject();
      JcaPEMKeyConverter c = new JcaPEMKeyConverter();
      if (o instanceof PEMKeyPair kp) {
        return c.getKeyPair(kp).getPrivate();
      }
      if (o instanceof PrivateKeyInfo info) {
        return c.getPrivateKey(info);
      }
      throw new IllegalArgumentException("not a PEM private key");
    } catch (IOException e) {
      throw new IllegalArgumentException("not a PEM private key", e);
    }
  }

  private static KeyPair keyPair() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
      g.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
      return g.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static ContentSigner signer(PrivateKey key) {
    try {
      return new JcaContentSignerBuilder("SHA256withECDSA").build(key);
    } catch (OperatorCreationException e) {
      throw new IllegalStateException(e);
    }
  }

  private static X509Certificate sign(X509CertificateHolder holder)
      throws GeneralSecurityException {
    return new JcaX509CertificateConverter().getCertificate(holder);
  }

  private static BigInteger serial() {
    return new BigInteger(127, RANDOM);
  }

  static String b64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  static String unb64(String s) {
    if (s == null) {
      throw new IllegalArgumentException("missing");
    }
    return new String(Base64.getDecoder().decode(s), StandardCharsets.UTF_8);
  }
}
