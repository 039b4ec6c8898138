package org.opencollections.contact;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.worker.JobClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.opencollections.compliance.Channel;
import org.opencollections.compliance.ContactAttempt;
import org.opencollections.compliance.ContactGovernor;
import org.opencollections.engine.JobTypes;
import org.springframework.stereotype.Component;

/**
 * Sends the contact a task names in its {@code template} header on the task's {@code channel}, through the
 * compliance governor. Made or blocked, the task completes (a blocked contact is recorded, not made);
 * deferred, the job comes back at the first lawful moment. A reminder is identified by its number, so a
 * case resumed after a restart does not send it again.
 */
@Component
public class SendContactWorker {

  private final ContactGovernor governor;
  private final Clock clock;

  SendContactWorker(ContactGovernor governor, Clock clock) {
    this.governor = governor;
    this.clock = clock;
  }

  @JobWorker(type = JobTypes.SEND_CONTACT, fetchVariables = {"debtId", "channel", "reminderNumber"}, autoComplete = false)
  public void send(
      JobClient client, ActivatedJob job, @Variable String debtId, @Variable String channel,
      @Variable Integer reminderNumber) {
    String template = job.getCustomHeaders().getOrDefault("template", job.getElementId());
    String occurrence = reminderNumber != null ? "reminder-" + reminderNumber : String.valueOf(job.getElementInstanceKey());
    String key = "contact:" + debtId + ":" + job.getElementId() + ":" + occurrence;
    ContactAttempt attempt =
        governor.attempt(
            UUID.fromString(debtId), Channel.valueOf(channel == null ? "LETTER" : channel),
            ContactAttempt.Direction.OUTBOUND, template, null, key);
    if (attempt.status() == ContactAttempt.Status.DEFERRED) {
      Duration wait = Duration.between(clock.instant(), attempt.notBefore());
      client.newFailCommand(job)
          .retries(job.getRetries())
          .retryBackoff(wait.isNegative() ? Duration.ZERO : wait)
          .errorMessage("Deferred by the compliance governor until " + attempt.notBefore() + ": " + attempt.rule())
          .send()
          .join();
      return;
    }
    client.newCompleteCommand(job)
        .variables(Map.of("lastContactAttemptId", attempt.id().toString(), "lastContactStatus", attempt.status().name()))
        .send()
        .join();
  }
}
