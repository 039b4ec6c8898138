package org.opencollections.engine.embedded;

import io.grpc.ForwardingServerCall.SimpleForwardingServerCall;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Holds every gRPC answer of the engine back until the log records it acknowledges are on disk.
 *
 * <p>The engine processes a command as soon as it is written (not when it is forced to disk), and answers at
 * once. Should the machine then crash, the command and its results could be gone while the client believes
 * them done: an instance key stored in PostgreSQL for an instance that never was. So the answer (headers,
 * messages, the closing status, and jobs pushed to streaming workers alike) waits until the log's durable
 * position has passed everything written before it. One fsync covers every answer waiting for it.
 *
 * <p>The answers go out on a thread of their own, in the order they were given: serialising and handing them
 * to the network is not the engine's stream processor's work (it runs on one thread, the engine's limit).
 */
final class DurableAnswers implements ServerInterceptor, AutoCloseable {

  private final SegmentedLog log;
  private final ExecutorService sender =
      Executors.newSingleThreadExecutor(Thread.ofPlatform().name("engine-answers").daemon().factory());

  DurableAnswers(SegmentedLog log) {
    this.log = log;
  }

  private void whenDurable(Runnable send) {
    log.whenDurable(log.lastPosition(), () -> sender.execute(send));
  }

  @Override
  public void close() {
    sender.shutdown();
  }

  @Override
  public <Q, A> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, A> call, Metadata headers, ServerCallHandler<Q, A> next) {
    return next.startCall(
        new SimpleForwardingServerCall<>(call) {
          @Override
          public void sendHeaders(Metadata responseHeaders) {
            whenDurable(() -> super.sendHeaders(responseHeaders));
          }

          @Override
          public void sendMessage(A message) {
            whenDurable(() -> super.sendMessage(message));
          }

          @Override
          public void close(Status status, Metadata trailers) {
            whenDurable(() -> super.close(status, trailers));
          }
        },
        headers);
  }
}
