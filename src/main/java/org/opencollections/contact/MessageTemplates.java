package org.opencollections.contact;

import java.time.LocalDate;
import java.util.Map;
import org.opencollections.compliance.Channel;

/**
 * The words of every message, by template and tone. Firm is as far as it goes: no message threatens, and the
 * governor keeps letters that speak of legal action away from time-barred debts. E-mail and SMS carry an
 * opt-out; the first written contact carries the validation notice.
 */
final class MessageTemplates {

  private MessageTemplates() {}

  /** What a message is about: the debt's own facts, in the debtor's zone and currency. */
  record Facts(String debtorName, String reference, String balance, String currency, LocalDate dueDate) {}

  record Rendered(String subject, String body) {}

  private record Text(String subject, Map<Tone, String> body) {}

  private static final Map<String, Text> TEXTS =
      Map.of(
          "soft-reminder",
          new Text(
              "A reminder about your account %2$s",
              Map.of(
                  Tone.POLITE,
                  "Dear %1$s,\n\nour records show %3$s %4$s open on your account %2$s since %5$s. If you have already"
                      + " paid, please disregard this message. If it would help to spread the payments, reply to this"
                      + " message or call us and we will find an arrangement together.",
                  Tone.NEUTRAL,
                  "Dear %1$s,\n\nyour account %2$s has %3$s %4$s outstanding since %5$s. Please pay it, or contact us"
                      + " to arrange a payment plan.",
                  Tone.FIRM,
                  "Dear %1$s,\n\nyour account %2$s is past due: %3$s %4$s has been outstanding since %5$s. Please pay"
                      + " now, or contact us within 10 days to agree a plan you can afford.")),
          "final-notice",
          new Text(
              "Final notice about your account %2$s",
              Map.of(
                  Tone.POLITE,
                  "Dear %1$s,\n\nwe have not been able to agree a way forward on the %3$s %4$s open on your account"
                      + " %2$s since %5$s. Please contact us within 14 days: we would much rather find an arrangement"
                      + " with you.",
                  Tone.NEUTRAL,
                  "Dear %1$s,\n\nthis is a final notice about %3$s %4$s open on your account %2$s since %5$s. Please"
                      + " pay or contact us within 14 days to agree how it will be settled.",
                  Tone.FIRM,
                  "Dear %1$s,\n\nthis is a final notice: %3$s %4$s on your account %2$s has been outstanding since %5$s."
                      + " Please pay or contact us within 14 days to agree how it will be settled.")),
          "cease-confirmation",
          new Text(
              "We have stopped contacting you about account %2$s",
              Map.of(
                  Tone.POLITE,
                  "Dear %1$s,\n\nas you asked, we have stopped contacting you about your account %2$s. We will write"
                      + " again only where the law allows it, for example to tell you of a specific step we intend to"
                      + " take. You can ask us to resume contact at any time.",
                  Tone.NEUTRAL,
                  "Dear %1$s,\n\nas you asked, we have stopped contacting you about your account %2$s. We will write"
                      + " again only where the law allows it.",
                  Tone.FIRM,
                  "Dear %1$s,\n\nas you asked, we have stopped contacting you about your account %2$s. We will write"
                      + " again only where the law allows it.")));

  static boolean knows(String template) {
    return TEXTS.containsKey(template);
  }

  static Rendered render(
      String template, Tone tone, Channel channel, Facts f, LocalDate validationEnds) {
    Text text = TEXTS.get(template);
    Object[] args = {f.debtorName(), f.reference(), f.balance(), f.currency(), f.dueDate()};
    StringBuilder body = new StringBuilder(String.format(text.body().get(tone), args));
    if (validationEnds != null) {
      body.append(
          String.format(
              "\n\nThis is a communication from a debt collector about a debt. As of today you owe %3$s %4$s on account"
                  + " %2$s. You have until %6$s to dispute all or part of the debt or to ask for the name and address"
                  + " of the original creditor. If you write to us by then, we must stop collection of any amount you"
                  + " dispute until we send you verification.",
              f.debtorName(), f.reference(), f.balance(), f.currency(), f.dueDate(), validationEnds));
    }
    switch (channel) {
      case EMAIL -> body.append("\n\nTo stop receiving e-mails from us, reply with STOP; we will not e-mail you again.");
      case SMS -> body.append(" Reply STOP to opt out.");
      default -> {}
    }
    return new Rendered(String.format(text.subject(), args), body.toString());
  }
}
