package dev.rotor.users.control;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which address a budget and a lock count for. */
class LoginThrottleAddressTest {

  @Test
  void anIpv4AddressCountsAsItself() {
    assertThat(LoginThrottle.addressKey("203.0.113.9")).isEqualTo("203.0.113.9");
  }

  @Test
  void everyAddressOfAnIpv6Slash64CountsAsOne() {
    String one = LoginThrottle.addressKey("2001:db8:1:2:aaaa:bbbb:cccc:dddd");
    String other = LoginThrottle.addressKey("2001:0db8:0001:0002:0:0:0:1");

    assertThat(one).isEqualTo(other).isEqualTo("2001:db8:1:2::/64");
    assertThat(LoginThrottle.addressKey("[2001:db8:1:3::1]")).isEqualTo("2001:db8:1:3::/64");
  }

  @Test
  void anIpv4MappedAddressCountsAsItsIpv4Address() {
    assertThat(LoginThrottle.addressKey("::ffff:203.0.113.9")).isEqualTo("203.0.113.9");
  }

  @Test
  void somethingThatIsNoAddressCountsAsItIs() {
    assertThat(LoginThrottle.addressKey("unknown")).isEqualTo("unknown");
    assertThat(LoginThrottle.addressKey("zz:top")).isEqualTo("zz:top");
  }

  @Test
  void aNameThatNamesNoAccountIsAuditedAsADigestOfItsKey() {
    assertThat(LoginThrottle.digestName("Alice"))
        .isEqualTo(LoginThrottle.digestName("alice"))
        .startsWith("sha256:")
        .doesNotContainIgnoringCase("alice")
        .hasSize("sha256:".length() + 43);
  }
}
