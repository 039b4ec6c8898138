package org.opencollections;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencollections.support.AppProcess;
import org.opencollections.support.Apps;

/** A start that cannot succeed ends the process with a non-zero status instead of hanging. */
class FailedStartTest {

  @TempDir Path data;

  @Test
  void aTakenHttpPortEndsTheProcess() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Path output = Path.of("target", "failed-start", "http-" + UUID.randomUUID() + ".log");
      try (AppProcess app = AppProcess.launch(output, Apps.args(data), taken.getLocalPort())) {
        Integer exit = app.awaitExit(Duration.ofMinutes(2));
        assertThat(exit).as("exit status (null: still running); see " + output).isNotNull().isNotZero();
        assertThat(Files.readString(output)).contains("Port " + taken.getLocalPort());
        // without logging.structured.format.console the log is Boot's text pattern (StructuredLogsTest has JSON)
        assertThat(Files.readString(output)).containsPattern("(?m)^\\d{4}-\\d{2}-\\d{2}T\\S+\\s+(ERROR|WARN) ");
      }
    }
  }

  @Test
  void aTakenEnginePortEndsTheProcess() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Path output = Path.of("target", "failed-start", "engine-" + UUID.randomUUID() + ".log");
      try (AppProcess app =
          AppProcess.launch(
              output, Apps.args(data, "--collections.engine.port=" + taken.getLocalPort()), AppProcess.freePort())) {
        Integer exit = app.awaitExit(Duration.ofMinutes(2));
        assertThat(exit).as("exit status (null: still running); see " + output).isNotNull().isNotZero();
        assertThat(Files.readString(output)).contains("collections.engine.port");
      }
    }
  }

  @Test
  void embeddedModeOnAPublicAddressRefusesToStartWithItsDemoUsers() throws Exception {
    Path output = Path.of("target", "failed-start", "public-" + UUID.randomUUID() + ".log");
    try (AppProcess app =
        AppProcess.launch(output, Apps.args(data, "--server.address=0.0.0.0"), AppProcess.freePort())) {
      Integer exit = app.awaitExit(Duration.ofMinutes(2));
      assertThat(exit).as("exit status (null: still running); see " + output).isNotNull().isNotZero();
      assertThat(Files.readString(output)).contains("not a loopback address").contains("collections.security.users");
    }
  }
}
