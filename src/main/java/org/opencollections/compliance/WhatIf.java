package org.opencollections.compliance;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.opencollections.platform.IanaZone;
import org.opencollections.platform.InvalidInputException;
import org.springframework.stereotype.Service;

/**
 * "Would this contact be lawful at that moment, and if not, when and why?" answered from a history given by
 * the caller instead of the ledger: the same limits from dmn/contact-rules.dmn and the same rules as the live
 * governor ({@link ContactGovernor#decide}), so the answer is the one a real attempt would get. Stores
 * nothing and contacts nobody.
 */
@Service
public class WhatIf {

  /** What happened (or is proposed) in a debtor's history, as the rules see it. */
  public enum Kind {
    CALL_ATTEMPT(Channel.CALL),
    CONVERSATION(Channel.CALL),
    SMS(Channel.SMS),
    EMAIL(Channel.EMAIL),
    LETTER(Channel.LETTER),
    VALIDATION_NOTICE_SENT(null),
    DISPUTE_RECEIVED(null),
    VERIFICATION_SENT(null),
    CEASE_REQUEST(null),
    CHANNEL_BLOCKED(null);

    private final Channel channel;

    Kind(Channel channel) {
      this.channel = channel;
    }

    /** The channel of a communication; null for the other events. */
    public Channel channel() {
      return channel;
    }
  }

  public record Event(
      @NotNull @Schema(description = "RFC 3339", example = "2027-03-01T10:00:00-05:00") OffsetDateTime at,
      @NotNull Kind kind,
      @NotBlank @Size(max = 100) @Schema(description = "Names a debt of this debtor; events of one debt share it", example = "A") String debt,
      @Schema(description = "For CHANNEL_BLOCKED the channel blocked; for a CEASE_REQUEST the channel the debtor named; for a communication, if given, it must be the kind's") Channel channel,
      @Schema(description = "How a dispute or cease request came: WRITTEN, ORAL or ELECTRONIC") Medium medium,
      @Size(max = 100) @Schema(description = "What the proposed communication is (a letter template, e.g. final-notice)") String template,
      @Valid @Schema(description = "For the proposed call, text or e-mail: the contact point it uses; absent: a valid point with consent to the use")
          PointAsked contactPoint) {}

  /**
   * The contact point a proposed contact would use, as the governor sees a stored one.
   *
   * @param consent the debtor's consent to the proposed use (call, text or e-mail); absent: none recorded
   */
  public record PointAsked(
      @NotNull @Schema(example = "WORK") org.opencollections.intake.ContactPoint.Type type,
      org.opencollections.intake.ContactPoint.Consent consent,
      @Schema(description = "absent: VALID") org.opencollections.intake.ContactPoint.Validity validity,
      Boolean doNotCallAtWork) {

    ContactRules.Point point() {
      return new ContactRules.Point(null, type, consent,
          validity == null ? org.opencollections.intake.ContactPoint.Validity.VALID : validity, Boolean.TRUE.equals(doNotCallAtWork));
    }
  }

  public record Question(
      @NotBlank @jakarta.validation.constraints.Pattern(regexp = "[A-Z]{2}(-[A-Z0-9]{1,3}){0,2}", message = "must be a country code, optionally with a region and a locality, e.g. IN, US-NY or US-NY-NYC")
          @Schema(example = "US-MA") String jurisdiction,
      @NotBlank @IanaZone @Schema(example = "America/New_York") String timeZone,
      @NotNull @Size(max = 10_000) List<@Valid @NotNull Event> history,
      @NotNull @Valid Event proposed,
      @Size(max = 1_000_000) @Schema(description = "Optional: a candidate dmn/contact-rules.dmn (its XML) to ask instead of the deployed table; nothing is deployed")
          String candidateRules) {}

  public record Answer(
      ContactDecision.Verdict decision,
      @Schema(description = "DEFER: the first lawful moment, in the debtor's zone") OffsetDateTime notBefore,
      ContactRule rule,
      String ruleMeaning,
      String explanation,
      String ruleSet,
      @Schema(description = "The deployed table's version; 0 for a candidate table") int ruleVersion,
      String ruleChecksum,
      @Schema(description = "What the rules counted and saw, as a recorded attempt's inputs") Map<String, Object> counts) {}

  private final ContactGovernor governor;
  private final HoldTreatment treatment;

  WhatIf(ContactGovernor governor, HoldTreatment treatment) {
    this.governor = governor;
    this.treatment = treatment;
  }

  public Answer ask(Question q) {
    Event proposed = q.proposed();
    Channel channel = proposed.kind().channel();
    if (channel == null || proposed.kind() == Kind.CONVERSATION) {
      throw new InvalidInputException("proposed.kind", "must be a communication: CALL_ATTEMPT, SMS, EMAIL or LETTER");
    }
    List<Event> history = new ArrayList<>(q.history());
    for (int i = 0; i < history.size(); i++) {
      Event e = history.get(i);
      if (e.kind().channel() != null && e.channel() != null && e.channel() != e.kind().channel()) {
        throw new InvalidInputException("history[" + i + "].channel", "a " + e.kind() + " is on " + e.kind().channel());
      }
      if (e.kind() == Kind.CHANNEL_BLOCKED && e.channel() == null) {
        throw new InvalidInputException("history[" + i + "].channel", "names the channel the debtor blocked");
      }
    }
    ZoneId zone = ZoneId.of(q.timeZone());
    Instant at = proposed.at().toInstant();
    // only what had happened by then, oldest first
    history.removeIf(e -> e.at().toInstant().isAfter(at));
    history.sort(Comparator.comparing(e -> e.at().toInstant()));

    ContactLimits limits = q.candidateRules() == null || q.candidateRules().isBlank()
        ? governor.limits(q.jurisdiction(), channel)
        : governor.candidateLimits(q.candidateRules().getBytes(java.nio.charset.StandardCharsets.UTF_8), q.jurisdiction(), channel);
    Instant since = at.minus(ContactGovernor.lookBack());
    boolean counted = limits.countedChannels().contains(channel);
    List<Instant> aboutThisDebt = new ArrayList<>();
    List<Instant> toTheDebtor = new ArrayList<>();
    List<Instant> conversations = new ArrayList<>();
    Set<Channel> blocked = EnumSet.noneOf(Channel.class);
    boolean cease = false;
    String openDispute = null;
    Instant noticeSent = null;
    for (Event e : history) {
      Instant when = e.at().toInstant();
      boolean thisDebt = e.debt().equals(proposed.debt());
      switch (e.kind()) {
        case CHANNEL_BLOCKED -> blocked.add(e.channel());
        // the debtor's request covers all of their debts; an oral one naming a channel stops that channel only, as
        // dmn/hold-treatment.dmn decides for a live one (12 CFR 1006.14(h))
        case CEASE_REQUEST -> {
          if (e.channel() != null
              && treatment.decide(HoldKind.CEASE_COMMUNICATION, e.medium(), when, noticeSent, zone).ceasesOneChannel()) {
            blocked.add(e.channel());
          } else {
            cease = true;
          }
        }
        // the law and dmn/hold-treatment.dmn decide whether a dispute holds, as for a live one
        case DISPUTE_RECEIVED -> {
          if (thisDebt && treatment.decide(HoldKind.DISPUTE, e.medium(), when, noticeSent, zone).pausesCollection()) {
            openDispute = e.debt();
          }
        }
        case VERIFICATION_SENT -> openDispute = thisDebt ? null : openDispute;
        case VALIDATION_NOTICE_SENT -> noticeSent = thisDebt && noticeSent == null ? when : noticeSent;
        default -> {
          if (!when.isBefore(since) && counted && limits.countedChannels().contains(e.kind().channel())) {
            toTheDebtor.add(when);
            if (thisDebt) {
              aboutThisDebt.add(when);
            }
          }
          if (e.kind() == Kind.CONVERSATION && thisDebt && !when.isBefore(since)) {
            conversations.add(when);
          }
        }
      }
    }
    String template = proposed.template() == null ? "what-if" : proposed.template();
    ContactRules.Point point = ContactRules.kindOf(channel) == null ? null
        : proposed.contactPoint() != null ? proposed.contactPoint().point()
        : new ContactRules.Point(null, channel == Channel.EMAIL ? org.opencollections.intake.ContactPoint.Type.PERSONAL
            : org.opencollections.intake.ContactPoint.Type.MOBILE, org.opencollections.intake.ContactPoint.Consent.GIVEN,
            org.opencollections.intake.ContactPoint.Validity.VALID, false);
    ContactSituation situation = new ContactSituation(
        at, zone, channel, template, openDispute != null, openDispute == null ? null : HoldKind.DISPUTE.name(),
        cease, false, blocked, false, aboutThisDebt, conversations, toTheDebtor, point);
    ContactDecision decision = ContactGovernor.decide(situation, limits);
    Map<String, Object> counts = new LinkedHashMap<>(ContactGovernor.inputs(situation, limits));
    counts.put("historyConsidered", history.size());
    return new Answer(
        decision.verdict(), decision.notBefore() == null ? null : decision.notBefore().atZone(zone).toOffsetDateTime(),
        decision.rule(), decision.rule().meaning(), decision.explanation(), limits.ruleSet(), limits.ruleVersion(),
        limits.ruleChecksum(), counts);
  }
}
