package org.opencollections.contact;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.opencollections.compliance.Channel;
import org.opencollections.compliance.ContactAttempt;
import org.opencollections.compliance.ValidationPeriod;
import org.opencollections.intake.Debt;
import org.opencollections.intake.DebtRepository;
import org.opencollections.intake.Debtor;
import org.opencollections.ledger.Ledger;
import org.opencollections.platform.InvalidInputException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The message of each contact the governor allowed: rendered once and stored before it is sent (PENDING),
 * marked SENT once the channel took it. A repeated job finds the stored message and does not send it again
 * once it is SENT.
 */
@Service
public class ContactMessages {

  public enum Status { PENDING, SENT }

  public record Message(
      UUID id, UUID attemptId, UUID debtId, Channel channel, String template, Tone tone, String recipient,
      String subject, String body, Status status) {

    OutgoingMessage outgoing() {
      return new OutgoingMessage(id, channel, recipient, subject, body);
    }
  }

  private final JdbcTemplate jdbc;
  private final DebtRepository debts;
  private final Ledger ledger;
  private final Clock clock;

  public ContactMessages(JdbcTemplate jdbc, DebtRepository debts, Ledger ledger, Clock clock) {
    this.jdbc = jdbc;
    this.debts = debts;
    this.ledger = ledger;
    this.clock = clock;
  }

  /** The stored message of the attempt, rendered and stored now if there is none yet. */
  @Transactional
  public Message prepare(ContactAttempt attempt, Tone tone) {
    Optional<Message> stored = byAttempt(attempt.id());
    if (stored.isPresent()) {
      return stored.get();
    }
    Debt debt = debts.findById(attempt.debtId()).orElseThrow();
    Debtor debtor = debt.debtor();
    ZoneId zone = debtor.timeZone();
    String recipient = recipient(debtor, attempt);
    BigDecimal balance = ledger.balance(debt);
    var facts =
        new MessageTemplates.Facts(
            debtor.name(), debt.externalRef(), balance.toPlainString(), debt.currency().getCurrencyCode(), debt.dueDate());
    LocalDate validationEnds =
        attempt.validationNotice() ? ValidationPeriod.lastDay(attempt.attemptedAt(), zone) : null;
    var rendered = MessageTemplates.render(attempt.template(), tone, attempt.channel(), facts, validationEnds);
    UUID id = UUID.randomUUID();
    jdbc.update(
        "insert into contact_message (id, attempt_id, debt_id, channel, template, tone, recipient, subject, body, status,"
            + " created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, 'PENDING', ?) on conflict (attempt_id) do nothing",
        id, attempt.id(), attempt.debtId(), attempt.channel().name(), attempt.template(), tone.name(), recipient,
        rendered.subject(), rendered.body(), Timestamp.from(clock.instant()));
    return byAttempt(attempt.id()).orElseThrow();
  }

  @Transactional
  public void sent(UUID messageId) {
    jdbc.update(
        "update contact_message set status = 'SENT', sent_at = ? where id = ? and status = 'PENDING'",
        Timestamp.from(clock.instant()), messageId);
  }

  @Transactional(readOnly = true)
  public List<Message> ofDebt(UUID debtId) {
    return jdbc.query(SELECT + " where debt_id = ? order by created_at", this::row, debtId);
  }

  private Optional<Message> byAttempt(UUID attemptId) {
    return jdbc.query(SELECT + " where attempt_id = ?", this::row, attemptId).stream().findFirst();
  }

  private static final String SELECT =
      "select id, attempt_id, debt_id, channel, template, tone, recipient, subject, body, status from contact_message";

  private Message row(java.sql.ResultSet rs, int i) throws java.sql.SQLException {
    return new Message(
        rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getObject(3, UUID.class),
        Channel.valueOf(rs.getString(4)), rs.getString(5), Tone.valueOf(rs.getString(6)), rs.getString(7),
        rs.getString(8), rs.getString(9), Status.valueOf(rs.getString(10)));
  }

  /** The point the governor checked and chose; a letter (and an attempt from before contact points) the debtor's own. */
  private String recipient(Debtor debtor, ContactAttempt attempt) {
    if (attempt.contactPointId() != null) {
      return jdbc.queryForObject("select value from contact_point where id = ?", String.class, attempt.contactPointId());
    }
    Channel channel = attempt.channel();
    if (!channel.reaches(debtor)) {
      throw new InvalidInputException(
          "channel", "the debtor has no " + (channel == Channel.EMAIL ? "e-mail address" : "phone number") + " for " + channel);
    }
    return channel.recipientOf(debtor);
  }
}
