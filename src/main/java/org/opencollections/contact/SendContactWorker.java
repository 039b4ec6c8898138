package org.opencollections.contact;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.Variable;
import io.camunda.client.api.response.ActivatedJob;
import java.util.Map;
import java.util.UUID;
import org.opencollections.engine.JobTypes;
import org.springframework.stereotype.Component;

/**
 * Sends the contact a task names in its {@code template} header on the task's {@code channel}. A reminder
 * is identified by its number, so that a case resumed after a restart does not send it again.
 */
@Component
public class SendContactWorker {

  private final Contacts contacts;

  SendContactWorker(Contacts contacts) {
    this.contacts = contacts;
  }

  @JobWorker(type = JobTypes.SEND_CONTACT, fetchVariables = {"debtId", "channel", "reminderNumber"})
  public Map<String, Object> send(
      ActivatedJob job, @Variable String debtId, @Variable String channel, @Variable Integer reminderNumber) {
    String template = job.getCustomHeaders().getOrDefault("template", job.getElementId());
    String occurrence = reminderNumber != null ? "reminder-" + reminderNumber : String.valueOf(job.getElementInstanceKey());
    String key = "contact:" + debtId + ":" + job.getElementId() + ":" + occurrence;
    ContactAttempt attempt =
        contacts.contact(UUID.fromString(debtId), Channel.valueOf(channel == null ? "LETTER" : channel), template, key);
    return Map.of("lastContactAttemptId", attempt.id().toString());
  }
}
