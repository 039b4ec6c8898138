package org.opencollections.process;

import org.springframework.core.env.Environment;

/** Embedded: the durable embedded engine, embedded PostgreSQL and SMTP, the simulated clock. Cluster: a Camunda 8 cluster named by camunda.client.*. */
public enum EngineMode {
  EMBEDDED,
  CLUSTER;

  public static EngineMode of(Environment env) {
    String mode = env.getProperty("collections.mode", "embedded").trim();
    return switch (mode.toLowerCase()) {
      case "embedded" -> EMBEDDED;
      case "cluster" -> CLUSTER;
      default ->
          throw new IllegalStateException(
              "collections.mode must be 'embedded' or 'cluster', but was '" + mode + "'");
    };
  }

  public boolean embedded() {
    return this == EMBEDDED;
  }
}
