package dev.dualstack.operator.crd;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The test environment's isCIDR behaves as Kubernetes' (Go netip.ParsePrefix, no 4-in-6). */
class KubeCelTest {
  @ParameterizedTest(name = "isCIDR(''{0}'') = {1}")
  @CsvSource({
    "10.0.0.0/8, true",
    "10.0.0.1/8, true",
    "0.0.0.0/0, true",
    "fd01::/48, true",
    "FD01::/48, true",
    "fd01:0000::/48, true",
    "::/0, true",
    "64:ff9b::1.2.3.4/96, true",
    "2001:db8:0:0:0:0:0:0/32, true",
    "10.0.0.0/33, false",
    "fd00::/129, false",
    "10.0.0.0/08, false",
    "010.0.0.0/8, false",
    "10.0.0.0, false",
    "1.2.3/24, false",
    "fe80::1%eth0/64, false",
    "::ffff:10.0.0.0/104, false",
    "0:0:0:0:0:ffff:a00:0/104, false",
    "fd01:00000::/48, false",
    "fd01:::/48, false",
    "fd01::1::/48, false",
    "1:2:3:4:5:6:7:8:9/64, false",
    "1:2:3:4:5:6:7/64, false",
    "1:2:3:4:5:6:7::/64, true",
    "1:2:3:4:5:6:7:8::/64, false",
    "example.com/24, false",
    "10.0.0.0/-1, false",
    "10.0.0.0/+8, false",
  })
  void isCidr(String text, boolean expected) throws Exception {
    assertThat(KubeCel.parsePrefix(text).isPresent()).isEqualTo(expected);
    assertThat(KubeCel.eval(KubeCel.compile("isCIDR(self)"), text)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "family of {0} = {1}")
  @CsvSource({"10.0.0.0/8, 4", "fd01::/48, 6", "::1.2.3.4/128, 6"})
  void family(String text, long family) throws Exception {
    assertThat(KubeCel.eval(KubeCel.compile("cidr(self).ip().family()"), text)).isEqualTo(family);
  }
}
