package org.opencollections.compliance;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.Comparator;
import java.util.List;

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
