package org.opencollections.engine;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.ClientStatusException;
import io.camunda.client.api.command.CreateProcessInstanceCommandStep1.CreateProcessInstanceCommandStep3;
import io.grpc.Status;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.opencollections.casefile.CaseWorkflow;
import org.opencollections.casefile.EngineBusyException;
import org.opencollections.casefile.ResumePoint;
import org.opencollections.engine.embedded.EmbeddedEngine;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** Drives debt-collection instances through the Camunda client: the same code for both engines. */
@Component
class ZeebeCaseWorkflow implements CaseWorkflow {

  /**
   * Long enough for a start queued behind a full window on a slow engine: a start that timed out may still
   * have been carried out, so it is not repeated blindly.
   */
  private static final Duration ASYNC_START_TIMEOUT = Duration.ofMinutes(2);

  private final CamundaClient client;
  private final String epoch;
  private final Duration paymentTtl;

  ZeebeCaseWorkflow(
      CamundaClient client,
      ObjectProvider<EmbeddedEngine> embedded,
      @Value("${collections.engine.epoch:cluster}") String clusterEpoch,
      @Value("${collections.messages.payment-ttl:PT1H}") Duration paymentTtl) {
    this.client = client;
    EmbeddedEngine engine = embedded.getIfAvailable();
    this.epoch = engine != null ? engine.epoch() : clusterEpoch;
    this.paymentTtl = paymentTtl;
  }

  @Override
  public String epoch() {
    return epoch;
  }

  @Override
  public CompletionStage<Long> startAsync(UUID debtId, ResumePoint point) {
    CompletableFuture<Long> started = new CompletableFuture<>();
    command(debtId, point)
        .requestTimeout(ASYNC_START_TIMEOUT)
        .send()
        .whenComplete(
            (created, failure) -> {
              if (failure == null) {
                started.complete(created.getProcessInstanceKey());
              } else {
                started.completeExceptionally(busyOrAsIs(failure));
              }
            });
    return started;
  }

  /** Backpressure (RESOURCE_EXHAUSTED) and a missing leader (UNAVAILABLE) reject the command unprocessed. */
  private static Throwable busyOrAsIs(Throwable failure) {
    Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    Status.Code code =
        cause instanceof ClientStatusException c ? c.getStatus().getCode() : Status.fromThrowable(cause).getCode();
    if (code == Status.Code.RESOURCE_EXHAUSTED || code == Status.Code.UNAVAILABLE) {
      return new EngineBusyException("The engine did not take the command now (" + code + ")", cause);
    }
    return cause;
  }

  /** A process instance of the case, at its beginning ({@code point} null) or where the case stood. */
  private CreateProcessInstanceCommandStep3 command(UUID debtId, ResumePoint point) {
    Map<String, Object> variables = new HashMap<>(point == null ? Map.of() : point.variables());
    variables.put("debtId", debtId.toString());
    CreateProcessInstanceCommandStep3 command =
        client
            .newCreateInstanceCommand()
            .bpmnProcessId(CollectionProcess.PROCESS_ID)
            .latestVersion()
            .variables(variables);
    String element = point == null ? null : resumeElement(point);
    if (element != null) {
      command = command.startBeforeElement(element);
    }
    return command;
  }

  private static String resumeElement(ResumePoint point) {
    return switch (point.stage()) {
      case INTAKE, SEGMENTATION -> null;
      case SOFT_REMINDER -> CollectionProcess.SOFT_REMINDERS;
      case NEGOTIATION -> CollectionProcess.NEGOTIATE_WITH_DEBTOR;
      case MONITORING -> CollectionProcess.MONITOR_COMMITMENT;
      case ESCALATION -> CollectionProcess.DECIDE_ESCALATION;
      case LEGAL ->
          point.awaitingCounsel()
              ? CollectionProcess.LEGAL_OUTCOME_RECEIVED
              : CollectionProcess.APPROVE_LEGAL_REFERRAL;
      case WRITE_OFF -> CollectionProcess.DECIDE_WRITE_OFF;
      case ON_HOLD -> CollectionProcess.HOLD_RELEASED;
      case CLOSED -> throw new IllegalArgumentException("A closed case is not resumed");
    };
  }

  @Override
  public void paymentReceived(UUID debtId, String reference, boolean paidInFull) {
    publish(
        paidInFull ? CollectionProcess.MSG_DEBT_PAID_IN_FULL : CollectionProcess.MSG_PARTIAL_PAYMENT,
        debtId,
        reference,
        paidInFull ? paymentTtl : Duration.ZERO,
        Map.of("lastPaymentReference", reference));
  }

  @Override
  public void holdStarted(UUID debtId, UUID holdId, String kind) {
    // no time to live: a case that is not collecting right now has nothing to interrupt
    publish(CollectionProcess.MSG_HOLD_STARTED, debtId, "hold:" + holdId, Duration.ZERO, Map.of("holdKind", kind));
  }

  @Override
  public void holdsReleased(UUID debtId, UUID holdId) {
    // kept for a while: the process may still be deciding the hold's treatment when the release comes
    publish(CollectionProcess.MSG_HOLD_RELEASED, debtId, "release:" + holdId, paymentTtl, Map.of());
  }

  @Override
  public void legalOutcomeReceived(UUID debtId, String outcome, String reference) {
    publish(CollectionProcess.MSG_LEGAL_OUTCOME, debtId, reference, paymentTtl, Map.of("legalOutcome", outcome));
  }

  private void publish(String name, UUID debtId, String messageId, Duration ttl, Map<String, Object> variables) {
    try {
      client
          .newPublishMessageCommand()
          .messageName(name)
          .correlationKey(debtId.toString())
          .messageId(messageId)
          .timeToLive(ttl)
          .variables(variables)
          .send()
          .join();
    } catch (ClientStatusException e) {
      if (e.getStatus().getCode() != Status.Code.ALREADY_EXISTS) {
        throw e;
      }
      // the same message was published before: nothing to do
    }
  }
}
