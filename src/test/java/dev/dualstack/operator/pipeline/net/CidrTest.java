package dev.dualstack.operator.pipeline.net;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CidrTest {
  @ParameterizedTest
  @ValueSource(
      strings = {
        "10.0.0.0/33",
        "fd00::/129",
        "10.0.0.0/-1",
        "10.0.0.0/08",
        "010.0.0.0/8",
        "example.com/24",
        "fe80::1%eth0/64",
        "10.0.0.0",
        "10.0.0.0/",
        "/8",
        "10.0.0.0/8/8",
        " 10.0.0.0/8",
        "10.0.0.0/99999999999999999999",
        "1.2.3/24",
        "10.0.0.0-10.0.0.255/24",
        "*/8",
        ""
      })
  void refusesWhatIsNotAStrictCidr(String text) {
    assertThat(Cidr.parse(text)).isEmpty();
  }

  @ParameterizedTest
  @CsvSource({
    "0.0.0.0/0, IPV4, 0, true",
    "::/0, IPV6, 0, true",
    "10.240.16.0/20, IPV4, 20, true",
    "10.240.16.1/20, IPV4, 20, false",
    "fd02::/108, IPV6, 108, true",
    "FD02:0::/108, IPV6, 108, true",
    "192.168.1.1/32, IPV4, 32, true"
  })
  void parses(String text, IpFamily family, int prefix, boolean canonical) {
    Cidr c = Cidr.parse(text).orElseThrow();
    assertThat(c.family()).isEqualTo(family);
    assertThat(c.prefixLength()).isEqualTo(prefix);
    assertThat(c.isCanonical()).isEqualTo(canonical);
  }

  @ParameterizedTest
  @CsvSource({
    "10.0.0.0/8, 10.1.0.0/16, true",
    "10.1.0.0/16, 10.0.0.0/8, true",
    "10.0.0.0/16, 10.1.0.0/16, false",
    "fd00::/48, fd00::/64, true",
    "0.0.0.0/0, ::/0, false"
  })
  void overlaps(String a, String b, boolean expected) {
    assertThat(Cidr.parse(a).orElseThrow().overlaps(Cidr.parse(b).orElseThrow()))
        .isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({"::ffff:10.0.0.0/104, true", "fd00::/104, false"})
  void ipv4MappedIsRecognised(String text, boolean mapped) {
    assertThat(Cidr.parse(text).orElseThrow().isIpv4Mapped()).isEqualTo(mapped);
  }

  @ParameterizedTest
  @CsvSource({
    "10.240.16.0/20, 1, 10.240.16.1",
    "10.240.16.0/20, 10, 10.240.16.10",
    "fd02::/108, 10, fd02::a"
  })
  void addressAt(String text, long offset, String expected) {
    assertThat(Cidr.parse(text).orElseThrow().addressAt(offset)).contains(expected);
  }
}
