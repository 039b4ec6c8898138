package org.opencollections.demo;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

/** The demo portfolio runs only where the demo users exist: embedded mode listening on loopback. */
class DemoModeTest {

  @Test
  void embeddedOnLoopbackIsAllowed() {
    assertThat(DemoConfiguration.refusal(env("embedded", "127.0.0.1"))).isEmpty();
    assertThat(DemoConfiguration.refusal(env("embedded", "::1"))).isEmpty();
  }

  @Test
  void anAddressOthersCanReachIsRefused() {
    assertThat(DemoConfiguration.refusal(env("embedded", "0.0.0.0")))
        .hasValueSatisfying(reason -> assertThat(reason).contains("refused").contains("server.address=0.0.0.0"));
  }

  @Test
  void clusterModeIsRefused() {
    assertThat(DemoConfiguration.refusal(env("cluster", "127.0.0.1")))
        .hasValueSatisfying(reason -> assertThat(reason).contains("collections.mode=cluster"));
    assertThat(DemoConfiguration.refusal(env("cluster", null))).isPresent();
  }

  private static MockEnvironment env(String mode, String address) {
    MockEnvironment env = new MockEnvironment().withProperty("collections.mode", mode);
    return address == null ? env : env.withProperty("server.address", address);
  }
}
