package org.opencollections.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.web.client.RestTemplateBuilder;

/**
 * The application in a JVM of its own, as {@code bin/run} starts it, so that a test can kill it the way a
 * crash does ({@code kill -9}: no shutdown hook, no last snapshot, PostgreSQL left running).
 */
public final class AppProcess implements AutoCloseable {

  private final Process process;
  private final int port;
  private final Path output;

  private AppProcess(Process process, int port, Path output) {
    this.process = process;
    this.port = port;
    this.output = output;
  }

  /** Starts the application with these arguments (plus its HTTP port) and waits until it is ready. */
  public static AppProcess start(Path output, List<String> args, Duration patience) {
    AppProcess app = launch(output, args, freePort());
    app.awaitReady(patience);
    return app;
  }

  /** Starts the application on this HTTP port and returns at once. */
  public static AppProcess launch(Path output, List<String> args, int port) {
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.add("-Xmx768m");
    command.add("--enable-native-access=ALL-UNNAMED");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add("org.opencollections.CollectionsApplication");
    command.add("--server.port=" + port);
    command.addAll(args);
    try {
      Files.createDirectories(output.getParent());
      Process process =
          new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
      return new AppProcess(process, port, output);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public int port() {
    return port;
  }

  public Api api() {
    return new Api(new TestRestTemplate(new RestTemplateBuilder().rootUri("http://localhost:" + port)));
  }

  /** What a crash does: SIGKILL, nothing runs on the way out. */
  public void kill() {
    process.destroyForcibly();
    try {
      process.waitFor(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Waits for the process to end by itself; its exit code, or null if it was still running. */
  public Integer awaitExit(Duration patience) throws InterruptedException {
    return process.waitFor(patience.toMillis(), TimeUnit.MILLISECONDS) ? process.exitValue() : null;
  }

  private void awaitReady(Duration patience) {
    HttpClient http = HttpClient.newHttpClient();
    long deadline = System.nanoTime() + patience.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("The application ended with " + process.exitValue() + "; see " + output);
      }
      try {
        HttpResponse<String> health =
            http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health/readiness")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (health.statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      try {
        Thread.sleep(250);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    kill();
    throw new IllegalStateException("The application was not ready within " + patience + "; see " + output);
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      kill();
    }
  }

  public static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
