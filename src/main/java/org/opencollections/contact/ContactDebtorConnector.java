package org.opencollections.contact;

import io.camunda.connector.api.annotation.OutboundConnector;
import io.camunda.connector.api.error.ConnectorInputException;
import io.camunda.connector.api.error.ConnectorRetryException;
import io.camunda.connector.api.outbound.JobContext;
import io.camunda.connector.api.outbound.OutboundConnectorContext;
import io.camunda.connector.api.outbound.OutboundConnectorFunction;
import io.camunda.connector.generator.java.annotation.ElementTemplate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.opencollections.compliance.ContactAttempt;
import org.opencollections.compliance.ContactGovernor;
import org.opencollections.platform.InvalidInputException;
import org.springframework.stereotype.Component;

/**
 * "Contact debtor": the one way a process contacts a debtor. It asks the compliance governor first; a
 * deferred contact goes back to the engine until the first lawful moment (the job's retries are not used up),
 * a blocked one is recorded and not made. An allowed one is rendered (validation notice and opt-out where
 * due), stored, and sent through its channel's port. A repeated job sends nothing twice: the attempt is keyed
 * by case, element and occurrence, the message by attempt.
 */
@Component
@OutboundConnector(
    name = "Contact debtor",
    type = ContactDebtorConnector.TYPE,
    inputVariables = {"debtId", "channel", "template", "tone", "occurrence"})
@ElementTemplate(
    id = "org.opencollections.contact-debtor",
    name = "Contact debtor",
    version = 1,
    engineVersion = "^8.6",
    description = "Contacts the debtor through the compliance governor: e-mail, SMS, letter or a call task",
    inputDataClass = ContactRequest.class,
    defaultResultVariable = "lastContact",
    propertyGroups = {
      @ElementTemplate.PropertyGroup(id = "contact", label = "Contact"),
      @ElementTemplate.PropertyGroup(id = "message", label = "Message")
    })
public class ContactDebtorConnector implements OutboundConnectorFunction {

  public static final String TYPE = "org.opencollections:contact-debtor:1";
  /** A deferral hands the job back with this many retries: waiting for a lawful moment is not a failure. */
  static final int RETRIES_AFTER_DEFERRAL = 3;
  /** How a deferral's retry begins: {@link QuietDeferrals} recognises it by this. */
  static final String DEFERRED_MESSAGE = "Deferred by the compliance governor";

  private final ContactGovernor governor;
  private final ContactMessages messages;
  private final List<ChannelPort> channels;
  private final Clock clock;

  ContactDebtorConnector(ContactGovernor governor, ContactMessages messages, List<ChannelPort> channels, Clock clock) {
    this.governor = governor;
    this.messages = messages;
    this.channels = channels;
    this.clock = clock;
  }

  /** What the task's result variable holds: the attempt, its verdict, and the message if one went out. */
  public record Result(String attemptId, String status, String rule, String messageId) {}

  @Override
  public Object execute(OutboundConnectorContext context) {
    try {
      return contact(context);
    } catch (RuntimeException e) {
      if (org.opencollections.platform.DatabaseUnavailable.is(e)) {
        // the connector runtime would use up the job's retries: waiting for the database is no failure either
        throw ConnectorRetryException.builder()
            .message("Waiting for the database: " + e)
            .retries(RETRIES_AFTER_DEFERRAL)
            .backoffDuration(Duration.ofSeconds(10))
            .build();
      }
      throw e;
    }
  }

  private Object contact(OutboundConnectorContext context) {
    ContactRequest request = context.bindVariables(ContactRequest.class);
    if (!MessageTemplates.knows(request.template())) {
      throw new ConnectorInputException(new IllegalArgumentException("Unknown message template: " + request.template()));
    }
    JobContext job = context.getJobContext();
    String occurrence =
        request.occurrence() != null ? "reminder-" + request.occurrence() : String.valueOf(job.getElementInstanceKey());
    String key = "contact:" + request.debtId() + ":" + job.getElementId() + ":" + occurrence;
    ContactAttempt attempt =
        governor.attempt(
            UUID.fromString(request.debtId()), request.channel(), ContactAttempt.Direction.OUTBOUND, request.template(),
            null, key);
    switch (attempt.status()) {
      case DEFERRED -> {
        Duration wait = Duration.between(clock.instant(), attempt.notBefore());
        throw ConnectorRetryException.builder()
            .message(DEFERRED_MESSAGE + " until " + attempt.notBefore() + ": " + attempt.rule())
            .retries(RETRIES_AFTER_DEFERRAL)
            .backoffDuration(wait.isNegative() ? Duration.ZERO : wait)
            .build();
      }
      case BLOCKED -> {
        return new Result(attempt.id().toString(), attempt.status().name(), attempt.rule().name(), null);
      }
      default -> {
        ContactMessages.Message message;
        try {
          message = messages.prepare(attempt, request.tone());
        } catch (InvalidInputException e) {
          throw new ConnectorInputException(e.getMessage() + " " + e.errors(), e);
        }
        if (message.status() != ContactMessages.Status.SENT) {
          port(message).send(message.outgoing());
          messages.sent(message.id());
        }
        return new Result(attempt.id().toString(), attempt.status().name(), attempt.rule().name(), message.id().toString());
      }
    }
  }

  private ChannelPort port(ContactMessages.Message message) {
    return channels.stream()
        .filter(c -> c.handles(message.channel()))
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("No adapter for channel " + message.channel()));
  }
}
