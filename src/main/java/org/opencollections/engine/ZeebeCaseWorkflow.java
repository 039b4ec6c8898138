package org.opencollections.engine;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.ClientStatusException;
import io.camunda.client.api.command.CreateProcessInstanceCommandStep1.CreateProcessInstanceCommandStep3;
import io.grpc.Status;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.opencollections.casefile.CaseWorkflow;
import org.opencollections.casefile.ResumePoint;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** Drives debt-collection instances through the Camunda client: the same code for both engines. */
@Component
class ZeebeCaseWorkflow implements CaseWorkflow {

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
  public long start(UUID debtId) {
    return client
        .newCreateInstanceCommand()
        .bpmnProcessId(CollectionProcess.PROCESS_ID)
        .latestVersion()
        .variables(Map.of("debtId", debtId.toString()))
        .send()
        .join()
        .getProcessInstanceKey();
  }

  @Override
  public long resume(UUID debtId, ResumePoint point) {
    Map<String, Object> variables = new HashMap<>(point.variables());
    variables.put("debtId", debtId.toString());
    CreateProcessInstanceCommandStep3 command =
        client
            .newCreateInstanceCommand()
            .bpmnProcessId(CollectionProcess.PROCESS_ID)
            .latestVersion()
            .variables(variables);
    String element = resumeElement(point);
    if (element != null) {
      command = command.startBeforeElement(element);
    }
    return command.send().join().getProcessInstanceKey();
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
