package org.opencollections.compliance;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.Comparator;
import java.util.List;
import org.opencollections.intake.ContactPoint;

/**
 * The rules every contact must pass (Regulation F and the jurisdiction's own limits), as a pure function of
 * the situation and the limits. The first rule that objects decides.
 */
public final class ContactRules {

  private ContactRules() {}

  public static ContactDecision decide(ContactSituation s, ContactLimits limits) {
    if (s.activeHold()) {
      return ContactDecision.block(ContactRule.ACTIVE_HOLD, " (" + s.holdKind() + ")");
    }
    if (s.ceaseCommunication() && !ContactSituation.ALLOWED_AFTER_CEASE.contains(s.template())) {
      return ContactDecision.block(ContactRule.CEASE_COMMUNICATION, "");
    }
    if (s.representedByAttorney()) {
      return ContactDecision.block(ContactRule.ATTORNEY_REPRESENTED, "");
    }
    if (s.blockedChannels().contains(s.channel())) {
      return ContactDecision.block(ContactRule.CHANNEL_BLOCKED, " (" + s.channel() + ")");
    }
    if (s.point() != null) {
      ContactDecision objection = pointObjection(s.point(), s.channel());
      if (objection != null) {
        return objection;
      }
    }
    if (s.timeBarred() && ContactSituation.LEGAL_THREATS.contains(s.template())) {
      return ContactDecision.block(ContactRule.TIME_BARRED_NO_LEGAL_THREAT, " (" + s.template() + ")");
    }
    ZonedDateTime local = s.at().atZone(s.debtorZone());
    LocalTime time = local.toLocalTime();
    if (time.isBefore(limits.windowStart()) || !time.isBefore(limits.windowEnd())) {
      Instant next = nextWindowStart(local, limits.windowStart());
      return ContactDecision.defer(
          ContactRule.LOCAL_TIME_WINDOW,
          next,
          " (" + limits.ruleSet() + ": " + limits.windowStart() + "–" + limits.windowEnd() + ", it is " + time.withNano(0)
              + " for the debtor)");
    }
    LocalDate today = local.toLocalDate();
    if (limits.countedChannels().contains(s.channel())) {
      String counted = ", " + counted(limits.countedChannels()) + " counted";
      ContactDecision perDebt =
          callCount(s, today, s.earlierCommunications(), limits.maxCallsPer7Days(), limits, ContactRule.CALL_FREQUENCY,
              counted);
      if (perDebt != null) {
        return perDebt;
      }
      ContactDecision perDebtor =
          callCount(
              s, today, s.debtorCommunications(), limits.maxDebtorCallsPer7Days(), limits, ContactRule.DEBTOR_CALL_FREQUENCY,
              " to this debtor over all their debts" + counted);
      if (perDebtor != null) {
        return perDebtor;
      }
    }
    if (s.channel() == Channel.CALL) {
      // Regulation F 1006.14(b)(2)(i)(B): no call about the debt for 7 days after a telephone conversation about it
      if (limits.daysAfterConversation() != null) {
        for (Instant conversation : s.conversations()) {
          LocalDate dayOne = conversation.atZone(s.debtorZone()).toLocalDate();
          LocalDate firstAllowed = dayOne.plusDays(limits.daysAfterConversation());
          if (today.isBefore(firstAllowed)) {
            Instant until = nextWindowStart(firstAllowed.atStartOfDay(s.debtorZone()), limits.windowStart());
            return ContactDecision.defer(
                ContactRule.CALL_AFTER_CONVERSATION, until,
                " (" + limits.ruleSet() + ": conversation on " + dayOne + ", calls again from " + firstAllowed + ")");
          }
        }
      }
    }
    return ContactDecision.allow();
  }

  /**
   * What the rules need to know of a contact point (never its value).
   *
   * @param consent the consent to the use the channel makes of it (a call, a text, an e-mail); null: none recorded
   */
  public record Point(
      java.util.UUID id, ContactPoint.Type type, ContactPoint.Consent consent, ContactPoint.Validity validity,
      boolean doNotCallAtWork) {

    public static Point of(ContactPoint p, Channel channel) {
      return new Point(p.id(), p.type(), p.consent(useOf(channel)), p.validity(), p.doNotCallAtWork());
    }
  }

  /** The kind of contact point a channel needs; null for a letter (it goes to the person's address). */
  public static ContactPoint.Kind kindOf(Channel channel) {
    return switch (channel) {
      case CALL, SMS -> ContactPoint.Kind.PHONE;
      case EMAIL -> ContactPoint.Kind.EMAIL;
      case LETTER -> null;
    };
  }

  static ContactPoint.Use useOf(Channel channel) {
    return switch (channel) {
      case CALL -> ContactPoint.Use.CALL;
      case SMS -> ContactPoint.Use.TEXT;
      case EMAIL, LETTER -> ContactPoint.Use.EMAIL;
    };
  }

  /**
   * The point to use of the candidates (in priority order): the first one no rule objects to; if every one is
   * objected to, the first, so the answer names why; null when there is none.
   */
  public static Point choose(List<Point> candidates, Channel channel) {
    return candidates.stream().filter(p -> pointObjection(p, channel) == null).findFirst()
        .orElse(candidates.isEmpty() ? null : candidates.getFirst());
  }

  /**
   * The rules of the point itself; each one blocks, as only an action makes the contact lawful (a new number, the
   * debtor's consent, the workplace flag lifted). Null when none objects.
   */
  static ContactDecision pointObjection(Point p, Channel channel) {
    if (p.validity() != ContactPoint.Validity.VALID) {
      return ContactDecision.block(ContactRule.NO_VALID_CONTACT_POINT, " (" + p.type() + " point " + p.validity() + ")");
    }
    // FDCPA 15 U.S.C. 1692c(a)(3), Regulation F 12 CFR 1006.6(b)(1)(iii): not at the place of employment when the
    // debtor said it is inconvenient or the employer prohibits it
    if (channel != Channel.EMAIL && p.type() == ContactPoint.Type.WORK && p.doNotCallAtWork()) {
      return ContactDecision.block(ContactRule.WORKPLACE_CONTACT_PROHIBITED, "");
    }
    String use = useOf(channel).name().toLowerCase();
    // 12 CFR 1006.14(h): the debtor asked that this point not be used (for this)
    if (p.consent() == ContactPoint.Consent.WITHDRAWN) {
      return ContactDecision.block(ContactRule.NO_CONSENT, " (consent to " + use + " withdrawn)");
    }
    boolean needsPriorConsent =
        switch (channel) {
          // TCPA 47 U.S.C. 227(b)(1)(A)(iii), 47 CFR 64.1200(a)(1)(iii): texts (calls in law) and automated calls to
          // a mobile need prior express consent; the governor cannot tell a dialler's call from a manual one
          case SMS -> true;
          case CALL -> p.type() == ContactPoint.Type.MOBILE;
          // 12 CFR 1006.22(f)(3): not an address the employer provides, unless the debtor consented to it
          case EMAIL -> p.type() == ContactPoint.Type.WORK;
          case LETTER -> false;
        };
    if (needsPriorConsent && p.consent() != ContactPoint.Consent.GIVEN) {
      return ContactDecision.block(ContactRule.NO_CONSENT, " (no prior consent to " + use + " this " + p.type() + " point)");
    }
    return null;
  }

  /** "calls and texts", in the order people name them. */
  static String counted(java.util.Set<Channel> channels) {
    List<String> names = java.util.stream.Stream.of(Channel.CALL, Channel.SMS, Channel.EMAIL, Channel.LETTER)
        .filter(channels::contains)
        .map(c -> switch (c) {
          case CALL -> "calls";
          case SMS -> "texts";
          case EMAIL -> "e-mails";
          case LETTER -> "letters";
        })
        .toList();
    return names.size() <= 1 ? String.join("", names)
        : String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.getLast();
  }

  /** Defers a call when {@code max} calls were made in the seven consecutive days ending today; else null. */
  private static ContactDecision callCount(
      ContactSituation s, LocalDate today, List<Instant> calls, Integer max, ContactLimits limits, ContactRule rule,
      String scope) {
    if (max == null) {
      return null;
    }
    LocalDate first = today.minusDays(6); // seven consecutive days ending today, in the debtor's calendar
    List<Instant> inWindow =
        calls.stream()
            .filter(c -> !c.atZone(s.debtorZone()).toLocalDate().isBefore(first))
            .sorted(Comparator.naturalOrder())
            .toList();
    if (inWindow.size() < max) {
      return null;
    }
    // the oldest call in the window ages out 7 days after its day began
    LocalDate freeDay = inWindow.get(inWindow.size() - max).atZone(s.debtorZone()).toLocalDate().plusDays(7);
    Instant until = nextWindowStart(freeDay.atStartOfDay(s.debtorZone()), limits.windowStart());
    return ContactDecision.defer(
        rule, until,
        " (" + limits.ruleSet() + ": at most " + max + " in 7 days" + scope + ", " + inWindow.size() + " made)");
  }

  /** The first moment at or after {@code from} when the local window opens (DST gaps move it forward). */
  static Instant nextWindowStart(ZonedDateTime from, LocalTime windowStart) {
    ZonedDateTime candidate = from.toLocalDate().atTime(windowStart).atZone(from.getZone());
    if (candidate.isBefore(from)) {
      candidate = from.toLocalDate().plusDays(1).atTime(windowStart).atZone(from.getZone());
    }
    return candidate.toInstant();
  }
}
