package org.opencollections.access;

import org.opencollections.process.EngineMode;
import org.springframework.core.env.Environment;

/**
 * Whether the demo users (one per role, public passwords) exist: only in embedded mode listening on loopback.
 * Whatever else relies on public credentials (the demo portfolio) asks the same question.
 */
public final class DemoUsers {

  private DemoUsers() {}

  public static boolean exist(Environment env) {
    return EngineMode.of(env).embedded() && onLoopback(env.getProperty("server.address"));
  }

  /** Whether the address (a name or a literal; null is every interface) accepts only this machine's connections. */
  static boolean onLoopback(String address) {
    if (address == null || address.isBlank()) {
      return false;
    }
    try {
      return java.net.InetAddress.getByName(address.trim()).isLoopbackAddress();
    } catch (java.net.UnknownHostException e) {
      return false;
    }
  }
}
