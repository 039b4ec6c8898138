package org.opencollections.compliance;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.opencollections.timeline.CaseEventType;
import org.opencollections.timeline.Timeline;
import org.opencollections.compliance.ContactAttempt.Direction;
import org.opencollections.process.DecisionEngine;
import org.opencollections.intake.ContactPoint;
import org.opencollections.intake.ContactPointRepository;
import org.opencollections.intake.Debt;
import org.opencollections.intake.DebtRepository;
import org.opencollections.platform.NotFoundException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The one gate every contact passes, automated or by an operator, on any channel: it answers ALLOW, DEFER
 * (until the first lawful moment) or BLOCK (naming the rule), and writes the answer to the contact ledger
 * with the rule set's version and the inputs it saw. Nothing contacts a debtor around it.
 */
@Service
public class ContactGovernor {

  static final String CONTACT_RULES = "contact-rules";
  /** How far back the ledger is read: the longest rule looks at 7 days. */
  private static final Duration LOOK_BACK = Duration.ofDays(8);
  private static final java.util.Set<Channel> WRITTEN = java.util.EnumSet.of(Channel.EMAIL, Channel.LETTER);

  private final DebtRepository debts;
  private final ContactAttemptRepository attempts;
  private final ContactPreferencesRepository preferences;
  private final ContactPointRepository contactPoints;
  private final HoldRepository holds;
  private final DecisionEngine decisions;
  private final Timeline timeline;
  private final Clock clock;
  private final int timeBarYears;
  /** The table changes rarely: its answers are kept for a short while instead of asking the engine every time. */
  private final Duration rulesCacheTtl;
  private final Map<Map<String, Object>, CachedLimits> rulesCache = new java.util.concurrent.ConcurrentHashMap<>();

  private record CachedLimits(ContactLimits limits, long fetchedAtNanos) {}

  public ContactGovernor(
      DebtRepository debts, ContactAttemptRepository attempts, ContactPreferencesRepository preferences,
      ContactPointRepository contactPoints, HoldRepository holds, DecisionEngine decisions, Timeline timeline, Clock clock,
      @Value("${collections.time-bar.years:6}") int timeBarYears,
      @Value("${collections.contact-rules.cache-ttl:PT30S}") Duration rulesCacheTtl) {
    this.debts = debts;
    this.attempts = attempts;
    this.preferences = preferences;
    this.contactPoints = contactPoints;
    this.holds = holds;
    this.decisions = decisions;
    this.timeline = timeline;
    this.clock = clock;
    this.timeBarYears = timeBarYears;
    this.rulesCacheTtl = rulesCacheTtl;
  }

  /**
   * Asks for and records one contact. The same key again returns the first made or blocked attempt; a
   * deferred attempt keeps no key, so asking again after the deferral decides anew.
   *
   * @param outcome what happened on a made contact (e.g. CONVERSATION for a call), or null
   */
  @Transactional
  public ContactAttempt attempt(
      UUID debtId, Channel channel, Direction direction, String template, String outcome, String idempotencyKey) {
    return attempt(debtId, channel, direction, template, outcome, idempotencyKey, null);
  }

  /**
   * @param contactPointId the phone or e-mail address to use; null: the best lawful one of the channel's kind (valid,
   *     consented, not a work phone the debtor may not be called at, in priority order), which the attempt records
   */
  @Transactional
  public ContactAttempt attempt(
      UUID debtId, Channel channel, Direction direction, String template, String outcome, String idempotencyKey,
      UUID contactPointId) {
    Debt debt = debts.lockById(debtId).orElseThrow(() -> new NotFoundException("No debt " + debtId));
    if (idempotencyKey != null) {
      // under the debt's lock: a concurrent request with the same key waited here for the first one's commit,
      // and answers what it recorded
      var earlier = attempts.findByIdempotencyKey(idempotencyKey);
      if (earlier.isPresent()) {
        return earlier.get();
      }
    }
    Instant now = clock.instant();
    ContactLimits limits = limits(debt.debtor().jurisdiction(), channel);
    List<ContactRules.Point> candidates = candidates(debt, channel, contactPointId);
    ContactSituation situation = situation(debt, channel, template, limits, now, ContactRules.choose(candidates, channel));
    // the debtor calling us is not a contact attempt of ours: always allowed, and recorded
    ContactDecision decision = direction == Direction.INBOUND ? ContactDecision.allow() : decide(situation, limits);
    // a contact that could never reach the debtor is not made (nor deferred): recorded as blocked, never counted
    if (direction == Direction.OUTBOUND && decision.verdict() != ContactDecision.Verdict.BLOCK
        && ContactRules.kindOf(channel) != null && candidates.isEmpty()) {
      decision = ContactDecision.block(ContactRule.NO_CONTACT_DETAILS, " (" + channel + ")");
    }
    Map<String, Object> inputs = inputs(situation, limits);
    if (ContactRules.kindOf(channel) != null) {
      inputs.put("contactPointsOfChannel", candidates.size());
      inputs.put("contactPointChosenBy", contactPointId == null ? "governor" : "caller");
    }
    ContactAttempt attempt =
        new ContactAttempt(
            debtId, channel, direction, template, decision.allowed() ? outcome : null, decision, limits,
            inputs, idempotencyKey, now, situation.point() == null ? null : situation.point().id());
    // the first written contact carries the validation notice; the validation period runs from it
    if (decision.allowed() && direction == Direction.OUTBOUND && WRITTEN.contains(channel) && debt.validationNoticeSent(now)) {
      attempt.carriesValidationNotice();
    }
    attempts.save(attempt);
    timeline.record(
        debtId,
        switch (decision.verdict()) {
          case ALLOW -> CaseEventType.CONTACT;
          case DEFER -> CaseEventType.CONTACT_DEFERRED;
          case BLOCK -> CaseEventType.CONTACT_BLOCKED;
        },
        summary(attempt, decision),
        Map.of(
            "attemptId", attempt.id().toString(), "channel", channel.name(), "template", template,
            "direction", direction.name(), "status", attempt.status().name(), "rule", decision.rule().name(),
            "actor", attempt.actor()),
        "contact:" + attempt.id());
    return attempt;
  }

  /** The one decision of every outbound contact, made or only asked about (the what-if). */
  static ContactDecision decide(ContactSituation situation, ContactLimits limits) {
    return ContactRules.decide(situation, limits);
  }

  /** How far back the rules look: the ledger (or a what-if's history) is read from this long before the contact. */
  static Duration lookBack() {
    return LOOK_BACK;
  }

  /** The points the channel may use, in priority order: the one named, or every one of the channel's kind. */
  private List<ContactRules.Point> candidates(Debt debt, Channel channel, UUID contactPointId) {
    ContactPoint.Kind kind = ContactRules.kindOf(channel);
    if (kind == null) {
      if (contactPointId != null) {
        throw new org.opencollections.platform.InvalidInputException("contactPointId", "a letter goes to the debtor's address, not to a contact point");
      }
      return List.of();
    }
    if (contactPointId != null) {
      ContactPoint named = contactPoints.findByIdAndDebtorId(contactPointId, debt.debtor().id())
          .orElseThrow(() -> new org.opencollections.platform.InvalidInputException("contactPointId", "is not a contact point of this debtor"));
      if (named.kind() != kind) {
        throw new org.opencollections.platform.InvalidInputException("contactPointId", "is a " + named.kind() + ", a " + channel + " needs a " + kind);
      }
      return List.of(ContactRules.Point.of(named, channel));
    }
    return contactPoints.ofDebtor(debt.debtor().id(), kind).stream().map(p -> ContactRules.Point.of(p, channel)).toList();
  }

  private ContactSituation situation(
      Debt debt, Channel channel, String template, ContactLimits limits, Instant now, ContactRules.Point point) {
    var prefs = preferences.findById(debt.debtor().id()).orElse(new ContactPreferences(debt.debtor().id()));
    List<Hold> active =
        holds.findByDebtIdAndReleasedAtIsNull(debt.id()).stream()
            .filter(h -> h.activeAt(now) && h.kind().stopsContact())
            // a cease hold lets its own confirmation through; any other hold stops that too
            .filter(h -> !(h.kind() == HoldKind.CEASE_COMMUNICATION && ContactSituation.ALLOWED_AFTER_CEASE.contains(template)))
            .toList();
    Instant since = now.minus(LOOK_BACK);
    // what the jurisdiction counts toward its limits; a channel it does not count is not limited by them
    boolean counted = limits.countedChannels().contains(channel);
    return new ContactSituation(
        now,
        debt.debtor().timeZone(),
        channel,
        template,
        !active.isEmpty(),
        active.isEmpty() ? null : active.getFirst().kind().name(),
        prefs.ceaseCommunication(),
        prefs.representedByAttorney(),
        prefs.blockedChannels(),
        debt.timeBarred(clock, timeBarYears),
        counted ? attempts.madeSince(debt.id(), limits.countedChannels(), since) : List.of(),
        attempts.conversationsSince(debt.id(), since),
        counted ? attempts.debtorMadeSince(debt.debtor().id(), limits.countedChannels(), since) : List.of(),
        point);
  }

  /** The limits dmn/contact-rules.dmn gives this jurisdiction and channel (the live governor and the what-if alike). */
  ContactLimits limits(String jurisdiction, Channel channel) {
    Map<String, Object> in = rulesInputs(jurisdiction, channel);
    long now = System.nanoTime(); // real time: a new version of the table is deployed in real time
    CachedLimits cached = rulesCache.get(in);
    if (cached != null && now - cached.fetchedAtNanos() < rulesCacheTtl.toNanos()) {
      return cached.limits();
    }
    ContactLimits limits;
    try {
      limits = evaluateLimits(in);
    } catch (RuntimeException engineUnavailable) {
      if (cached == null) {
        throw engineUnavailable; // no answer of the table known: no contact without its rules
      }
      // the engine is slow or away: the last answer of the table stands (the attempt records its version)
      return cached.limits();
    }
    rulesCache.put(in, new CachedLimits(limits, now));
    return limits;
  }

  private ContactLimits evaluateLimits(Map<String, Object> in) {
    return limitsOf(decisions.evaluate(CONTACT_RULES, in), in);
  }

  /** The limits a candidate contact-rules table (not deployed) would give: for the what-if only, never cached. */
  ContactLimits candidateLimits(byte[] dmn, String jurisdiction, Channel channel) {
    Map<String, Object> in = rulesInputs(jurisdiction, channel);
    DecisionEngine.Evaluation e = decisions.evaluateCandidate(dmn, CONTACT_RULES, in);
    try {
      return limitsOf(e, in);
    } catch (RuntimeException unusable) { // no rule matched, or an output the governor cannot read
      throw new org.opencollections.platform.InvalidInputException("candidateRules", unusable.getMessage());
    }
  }

  private static Map<String, Object> rulesInputs(String jurisdiction, Channel channel) {
    Map<String, Object> in = new LinkedHashMap<>();
    in.put("jurisdiction", jurisdiction);
    in.put("country", jurisdiction.length() >= 2 ? jurisdiction.substring(0, 2) : jurisdiction);
    in.put("channel", channel.name());
    return in;
  }

  private static ContactLimits limitsOf(DecisionEngine.Evaluation e, Map<String, Object> in) {
    Map<String, Object> out = e.outputs();
    if (out == null) {
      throw new IllegalStateException("contact-rules matched no rule for " + in + ": it needs a catch-all rule");
    }
    return new ContactLimits(
        (String) out.get("ruleSet"),
        e.decisionVersion(),
        e.decisionChecksum(),
        LocalTime.parse((String) out.get("windowStart")),
        LocalTime.parse((String) out.get("windowEnd")),
        channels(out.get("countedChannels")),
        integer(out.get("maxCallsPer7Days")),
        integer(out.get("daysAfterConversation")),
        integer(out.get("maxDebtorCallsPer7Days")));
  }

  /** "CALL,SMS" as the table writes it; a table without the column counts calls, as Regulation F does. */
  static java.util.Set<Channel> channels(Object listed) {
    if (listed == null || listed.toString().isBlank()) {
      return java.util.EnumSet.of(Channel.CALL);
    }
    java.util.Set<Channel> channels = java.util.EnumSet.noneOf(Channel.class);
    for (String name : listed.toString().split(",")) {
      channels.add(Channel.valueOf(name.trim()));
    }
    return channels;
  }

  private static Integer integer(Object dmnNumber) {
    return dmnNumber == null ? null : ((Number) dmnNumber).intValue();
  }

  /** What a decision saw, as the ledger records it and the what-if answers it. */
  static Map<String, Object> inputs(ContactSituation s, ContactLimits limits) {
    Map<String, Object> in = new LinkedHashMap<>();
    in.put("debtorLocalTime", s.at().atZone(s.debtorZone()).toLocalDateTime().toString());
    in.put("debtorZone", s.debtorZone().getId());
    in.put("channel", s.channel().name());
    in.put("template", s.template());
    in.put("activeHold", s.holdKind());
    in.put("ceaseCommunication", s.ceaseCommunication());
    in.put("representedByAttorney", s.representedByAttorney());
    in.put("blockedChannels", s.blockedChannels().stream().map(Enum::name).sorted().toList());
    in.put("timeBarred", s.timeBarred());
    in.put("countedChannels", limits.countedChannels().stream().map(Enum::name).toList());
    in.put("countedInLast8Days", s.earlierCommunications().size());
    in.put("conversationsInLast8Days", s.conversations().size());
    in.put("countedToDebtorInLast8Days", s.debtorCommunications().size());
    in.put("ruleSet", limits.ruleSet());
    in.put("window", limits.windowStart() + "-" + limits.windowEnd());
    in.put("maxCallsPer7Days", limits.maxCallsPer7Days());
    in.put("daysAfterConversation", limits.daysAfterConversation());
    in.put("maxDebtorCallsPer7Days", limits.maxDebtorCallsPer7Days());
    if (s.point() != null) { // which point was checked, never its value
      in.put("contactPointId", s.point().id() == null ? null : s.point().id().toString());
      in.put("contactPointType", s.point().type().name());
      in.put("contactPointValidity", s.point().validity().name());
      in.put("consentForUse", s.point().consent() == null ? null : s.point().consent().name());
      in.put("doNotCallAtWork", s.point().doNotCallAtWork());
    }
    return in;
  }

  private static String summary(ContactAttempt a, ContactDecision d) {
    String what = a.channel().name().toLowerCase() + ": " + a.template();
    return switch (d.verdict()) {
      case ALLOW -> (a.direction() == Direction.INBOUND ? "Inbound " : "Contact by ") + what
          + (a.outcome() == null ? "" : " (" + a.outcome() + ")")
          + (a.validationNotice() ? ", with the validation notice" : "");
      case DEFER -> "Contact deferred until " + d.notBefore() + " (" + what + "): " + d.rule();
      case BLOCK -> "Contact blocked (" + what + "): " + d.rule();
    };
  }
}
