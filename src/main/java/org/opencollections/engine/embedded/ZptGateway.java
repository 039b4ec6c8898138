package org.opencollections.engine.embedded;

import io.camunda.zeebe.engine.processing.streamprocessor.JobStreamer;
import io.camunda.zeebe.logstreams.log.LogStreamWriter;
import io.camunda.zeebe.protocol.record.intent.Intent;
import io.camunda.zeebe.stream.api.CommandResponseWriter;
import io.camunda.zeebe.stream.api.InterPartitionCommandSender;
import io.grpc.BindableService;
import io.camunda.zeebe.protocol.record.RecordType;
import io.camunda.zeebe.protocol.record.RejectionType;
import io.camunda.zeebe.protocol.record.ValueType;
import io.camunda.zeebe.util.buffer.BufferWriter;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import org.agrona.DirectBuffer;
import java.util.function.Consumer;

/**
 * The gRPC front of the engine, borrowed from Zeebe Process Test: the gateway service that turns the Camunda
 * client's calls (create instance, publish message, activate, stream and complete jobs, evaluate decision,
 * deploy ...) into commands on the log, the writer that turns the engine's answers back into gRPC responses,
 * and the job streamer that pushes activated jobs to streaming workers.
 *
 * <p>Why by reflection: those classes are package-private in {@code io.camunda.zeebe.process.test.engine},
 * and the broker's own gateway is not served here. Writing our own would repeat ~1,300 lines of request
 * mapping. Everything else of the engine (state store, log, snapshots) is assembled by {@link EmbeddedEngine};
 * when Zeebe Process Test goes away (Camunda 8.10), this class is the one to replace.
 */
final class ZptGateway {

  private static final String PACKAGE = "io.camunda.zeebe.process.test.engine.";

  final BindableService service;
  final CommandResponseWriter responseWriter;
  final InterPartitionCommandSender commandSender;
  final JobStreamer jobStreamer;

  private ZptGateway(
      BindableService service, CommandResponseWriter responseWriter, InterPartitionCommandSender commandSender,
      JobStreamer jobStreamer) {
    this.service = service;
    this.responseWriter = responseWriter;
    this.commandSender = commandSender;
    this.jobStreamer = jobStreamer;
  }

  /**
   * The parts as Zeebe Process Test's {@code EngineFactory} wires them, writing to {@code writer}.
   *
   * <p>{@code run} numbers the engine's starts on its data directory. Request ids go into the log with each
   * client command, and the answer finds its caller by them; after a crash the log may still hold commands of
   * the previous run that the engine has not processed yet. Their callers are gone, so each run's ids begin
   * at {@code run << 40}, and answers to ids of an earlier run are dropped instead of reaching whoever holds
   * the same id now.
   */
  static ZptGateway create(LogStreamWriter writer, int partitionId, int port, long run) {
    Object commandWriter = construct("CommandWriter", new Class<?>[] {LogStreamWriter.class}, writer);
    Class<?> commandWriterType = commandWriter.getClass();
    Object commandSender = construct("CommandSender", new Class<?>[] {commandWriterType}, commandWriter);
    Object requestStore = construct("GatewayRequestStore", new Class<?>[] {});
    long firstRequestId = run << 40;
    setField(requestStore, "requestIdGenerator", new java.util.concurrent.atomic.AtomicLong(firstRequestId));
    Object jobStreamer = construct("InMemoryJobStreamer", new Class<?>[] {commandWriterType}, commandWriter);
    Object gateway =
        construct(
            "GrpcToLogStreamGateway",
            new Class<?>[] {commandWriterType, int.class, int.class, int.class, requestStore.getClass(), jobStreamer.getClass()},
            commandWriter, partitionId, 1, port, requestStore, jobStreamer);
    Object responseWriter =
        construct(
            "GrpcResponseWriter",
            new Class<?>[] {gateway.getClass(), requestStore.getClass(), Consumer.class},
            gateway, requestStore, (Consumer<Intent>) null);
    return new ZptGateway(
        (BindableService) gateway,
        new ThisRunOnly((CommandResponseWriter) responseWriter, firstRequestId),
        (InterPartitionCommandSender) commandSender,
        (JobStreamer) jobStreamer);
  }

  private static void setField(Object target, String name, Object value) {
    try {
      Field field = target.getClass().getDeclaredField(name);
      field.setAccessible(true);
      field.set(target, value);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("Zeebe Process Test changed: no field " + name + " (see ZptGateway)", e);
    }
  }

  /** Passes on the answers to this run's requests; an earlier run's callers are gone. */
  private record ThisRunOnly(CommandResponseWriter delegate, long firstRequestId) implements CommandResponseWriter {
    @Override
    public CommandResponseWriter partitionId(int partitionId) {
      delegate.partitionId(partitionId);
      return this;
    }

    @Override
    public CommandResponseWriter key(long key) {
      delegate.key(key);
      return this;
    }

    @Override
    public CommandResponseWriter intent(Intent intent) {
      delegate.intent(intent);
      return this;
    }

    @Override
    public CommandResponseWriter recordType(RecordType type) {
      delegate.recordType(type);
      return this;
    }

    @Override
    public CommandResponseWriter valueType(ValueType valueType) {
      delegate.valueType(valueType);
      return this;
    }

    @Override
    public CommandResponseWriter rejectionType(RejectionType rejectionType) {
      delegate.rejectionType(rejectionType);
      return this;
    }

    @Override
    public CommandResponseWriter rejectionReason(DirectBuffer rejectionReason) {
      delegate.rejectionReason(rejectionReason);
      return this;
    }

    @Override
    public CommandResponseWriter valueWriter(BufferWriter value) {
      delegate.valueWriter(value);
      return this;
    }

    @Override
    public void tryWriteResponse(int requestStreamId, long requestId) {
      if (requestId > firstRequestId) {
        delegate.tryWriteResponse(requestStreamId, requestId);
      }
    }
  }

  private static Object construct(String simpleName, Class<?>[] types, Object... args) {
    try {
      Constructor<?> constructor = Class.forName(PACKAGE + simpleName).getDeclaredConstructor(types);
      constructor.setAccessible(true);
      return constructor.newInstance(args);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(
          "Zeebe Process Test changed: cannot create its " + simpleName + " (see ZptGateway)", e);
    }
  }
}
