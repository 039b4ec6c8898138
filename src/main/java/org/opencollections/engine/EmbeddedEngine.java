package org.opencollections.engine;

import io.camunda.zeebe.logstreams.log.LogAppendEntry;
import io.camunda.zeebe.logstreams.log.LogStream;
import io.camunda.zeebe.logstreams.log.LogStreamWriter;
import io.camunda.zeebe.logstreams.log.WriteContext;
import io.camunda.zeebe.process.test.api.ZeebeTestEngine;
import io.camunda.zeebe.process.test.engine.EngineFactory;
import io.camunda.zeebe.protocol.impl.encoding.MsgPackConverter;
import io.camunda.zeebe.protocol.impl.record.RecordMetadata;
import io.camunda.zeebe.protocol.impl.record.value.usertask.UserTaskRecord;
import io.camunda.zeebe.protocol.record.Record;
import io.camunda.zeebe.protocol.record.RecordType;
import io.camunda.zeebe.protocol.record.ValueType;
import io.camunda.zeebe.protocol.record.intent.UserTaskIntent;
import io.grpc.BindableService;
import io.grpc.Server;
import io.grpc.netty.NettyServerBuilder;
import java.lang.reflect.Field;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.agrona.concurrent.UnsafeBuffer;
import org.springframework.beans.factory.DisposableBean;

/**
 * Zeebe Process Test's in-process engine, with the three things its public API lacks: a gRPC port bound
 * to loopback only, reading the record stream from a position, and completing a Camunda user task (the
 * engine has no REST gateway, so the command is appended to its log). This class is the only place that
 * reaches into the engine's internals.
 */
public final class EmbeddedEngine implements DisposableBean {

  private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
      new com.fasterxml.jackson.databind.ObjectMapper().findAndRegisterModules();

  private final ZeebeTestEngine engine;
  private final int port;
  private final String epoch = UUID.randomUUID().toString();
  private final LogStreamWriter commandWriter;

  private EmbeddedEngine(ZeebeTestEngine engine, int port) {
    this.engine = engine;
    this.port = port;
    this.commandWriter = ((LogStream) read(engine, "logStream")).newLogStreamWriter();
  }

  /** Creates and starts the engine; on failure nothing is left running. */
  public static EmbeddedEngine start(int requestedPort) {
    int port = requestedPort > 0 ? requestedPort : freePort();
    ZeebeTestEngine engine = EngineFactory.create(port);
    try {
      bindToLoopback(engine, port);
      engine.start();
      return new EmbeddedEngine(engine, port);
    } catch (RuntimeException e) {
      try {
        engine.stop();
      } catch (RuntimeException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw new IllegalStateException(
          "Could not start the in-process Zeebe engine on 127.0.0.1:" + port
              + " (is the port taken? set collections.engine.port)",
          e);
    }
  }

  public int port() {
    return port;
  }

  /** Identifies this engine's lifetime: process instances of another epoch are gone. */
  public String epoch() {
    return epoch;
  }

  public void increaseTime(Duration by) {
    engine.increaseTime(by);
  }

  /** Hands every record from position {@code from} (an index into the stream) on; returns the next index. */
  public synchronized int readRecords(int from, Consumer<Record<?>> consumer) {
    List<Record<?>> records = (List<Record<?>>) engine.getRecordStreamSource().getRecords();
    int size = records.size();
    for (int i = from; i < size; i++) {
      consumer.accept(records.get(i));
    }
    return size;
  }

  /**
   * Waits until the engine has written no record for {@code quiet} (workers done with what was due), at most
   * {@code atMost}: moving the clock while a job is still being worked would start its timers in the future.
   */
  public void awaitQuiet(Duration quiet, Duration atMost) {
    long deadline = System.nanoTime() + atMost.toNanos();
    int seen = readRecords(Integer.MAX_VALUE, r -> {});
    long lastChange = System.nanoTime();
    while (System.nanoTime() < deadline && System.nanoTime() - lastChange < quiet.toNanos()) {
      try {
        Thread.sleep(25);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      int now = readRecords(Integer.MAX_VALUE, r -> {});
      if (now != seen) {
        seen = now;
        lastChange = System.nanoTime();
      }
    }
  }

  /** Appends a USER_TASK COMPLETE command, as the REST gateway of a real broker would. */
  public void completeUserTask(long userTaskKey, Map<String, Object> variables) {
    UserTaskRecord command =
        new UserTaskRecord()
            .setUserTaskKey(userTaskKey)
            .setAction("complete")
            .setVariables(new UnsafeBuffer(MsgPackConverter.convertToMsgPack(toJson(variables))));
    RecordMetadata metadata =
        new RecordMetadata()
            .recordType(RecordType.COMMAND)
            .valueType(ValueType.USER_TASK)
            .intent(UserTaskIntent.COMPLETE);
    synchronized (commandWriter) {
      var written = commandWriter.tryWrite(WriteContext.internal(), LogAppendEntry.of(userTaskKey, metadata, command));
      if (written.isLeft()) {
        throw new IllegalStateException("The engine refused the command: " + written.getLeft());
      }
    }
  }

  private static String toJson(Map<String, Object> variables) {
    try {
      return JSON.writeValueAsString(variables);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException("Task variables are not JSON: " + e.getMessage(), e);
    }
  }

  @Override
  public void destroy() {
    engine.stop();
  }

  private static void bindToLoopback(ZeebeTestEngine engine, int port) {
    BindableService gateway = (BindableService) read(engine, "gateway");
    Server loopbackOnly =
        NettyServerBuilder.forAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), port))
            .addService(gateway)
            .build();
    write(engine, "grpcServer", loopbackOnly);
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (java.io.IOException e) {
      throw new IllegalStateException("No free port for the in-process engine", e);
    }
  }

  private static Object read(Object target, String name) {
    try {
      Field field = target.getClass().getDeclaredField(name);
      field.setAccessible(true);
      return field.get(target);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("Zeebe Process Test changed: no field " + name, e);
    }
  }

  private static void write(Object target, String name, Object value) {
    try {
      Field field = target.getClass().getDeclaredField(name);
      field.setAccessible(true);
      field.set(target, value);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("Zeebe Process Test changed: no field " + name, e);
    }
  }
}
