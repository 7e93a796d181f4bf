package dev.dualstack.operator.admission;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TlsMaterialTest {
  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  static final List<String> DNS = List.of("svc.ns.svc", "svc.ns.svc.cluster.local");
  static final List<String> IPS = List.of("127.0.0.1");

  @Test
  void issuesACaAndAServingCertificateItSigned() throws Exception {
    TlsMaterial m = TlsMaterial.issue(DNS, IPS, T0, Duration.ofDays(365));
    m.cert().verify(m.ca().getPublicKey());
    m.ca().verify(m.ca().getPublicKey());
    assertThat(m.ca().getBasicConstraints()).isGreaterThanOrEqualTo(0);
    assertThat(m.cert().getBasicConstraints()).isEqualTo(-1);
    assertThat(m.cert().getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1");
    assertThat(m.subjectAlternativeNames())
        .containsExactly("svc.ns.svc", "svc.ns.svc.cluster.local", "127.0.0.1");
    assertThat(m.cert().getNotAfter().toInstant()).isEqualTo(T0.plus(Duration.ofDays(365)));
    assertThat(m.ca().getNotAfter().toInstant()).isEqualTo(T0.plus(Duration.ofDays(3650)));
    assertThat(m.needsRenewal(T0, DNS, IPS)).isFalse();
  }

  @Test
  void roundTripsThroughSecretData() {
    TlsMaterial m = TlsMaterial.issue(DNS, IPS, T0, Duration.ofDays(30));
    TlsMaterial back = TlsMaterial.fromSecretData(m.toSecretData()).orElseThrow();
    assertThat(back.cert()).isEqualTo(m.cert());
    assertThat(back.ca()).isEqualTo(m.ca());
    assertThat(back.key().getEncoded()).isEqualTo(m.key().getEncoded());
    assertThat(back.caKey().getEncoded()).isEqualTo(m.caKey().getEncoded());
    assertThat(TlsMaterial.fromSecretData(java.util.Map.of("tls.crt", "", "tls.key", "")))
        .isEmpty();
  }

  @Test
  void renewalWithAThirdOfTheLifetimeLeftOrOtherNames() {
    TlsMaterial m = TlsMaterial.issue(DNS, IPS, T0, Duration.ofDays(30));
    assertThat(m.renewalReason(T0.plus(Duration.ofDays(19)), DNS, IPS)).isEmpty();
    assertThat(m.renewalReason(T0.plus(Duration.ofDays(21)), DNS, IPS))
        .hasValueSatisfying(r -> assertThat(r).startsWith("it expires at"));
    assertThat(m.renewalReason(T0, List.of("other.ns.svc"), IPS))
        .hasValue("it does not name other.ns.svc");
    TlsMaterial other = TlsMaterial.issue(DNS, IPS, T0, Duration.ofDays(30));
    TlsMaterial mixed = new TlsMaterial(other.ca(), other.caKey(), m.cert(), m.key());
    assertThat(mixed.renewalReason(T0, DNS, IPS))
        .hasValue("it is not signed by the CA in the Secret");
  }

  @Test
  void aRenewedServingCertificateKeepsTheCa() throws Exception {
    TlsMaterial m = TlsMaterial.issue(DNS, IPS, T0, Duration.ofDays(30));
    Instant later = T0.plus(Duration.ofDays(25));
    TlsMaterial renewed =
        TlsMaterial.serving(m.ca(), m.caKey(), DNS, IPS, later, Duration.ofDays(30));
    renewed.cert().verify(m.ca().getPublicKey());
    assertThat(renewed.cert().getSerialNumber()).isNotEqualTo(m.cert().getSerialNumber());
    assertThat(renewed.needsRenewal(later, DNS, IPS)).isFalse();
    assertThat(m.caNeedsRenewal(later)).isFalse();
  }
}
