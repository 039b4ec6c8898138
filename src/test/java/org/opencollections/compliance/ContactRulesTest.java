package org.opencollections.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.opencollections.compliance.ContactDecision.Verdict;
import org.opencollections.intake.ContactPoint;

/** Each rule at its edges: window boundaries, the 7-day counts, local time across zones and DST. */
class ContactRulesTest {

  static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
  static final ZoneId KOLKATA = ZoneId.of("Asia/Kolkata");
  static final java.util.Set<Channel> CALLS = java.util.EnumSet.of(Channel.CALL);
  static final ContactLimits REG_F = new ContactLimits("US federal", 1, null, LocalTime.of(8, 0), LocalTime.of(21, 0), CALLS, 7, 7, null);
  static final ContactLimits MASSACHUSETTS = new ContactLimits("US-MA", 1, null, LocalTime.of(8, 0), LocalTime.of(21, 0), java.util.EnumSet.of(Channel.CALL, Channel.SMS), 2, 7, 2);
  static final ContactLimits INDIA = new ContactLimits("IN", 1, null, LocalTime.of(8, 0), LocalTime.of(19, 0), CALLS, null, null, null);

  static Instant local(String dateTime, ZoneId zone) {
    return LocalDateTime.parse(dateTime).atZone(zone).toInstant();
  }

  static ContactSituation situation(String at, ZoneId zone, Channel channel, List<Instant> calls, List<Instant> talks) {
    return new ContactSituation(
        local(at, zone), zone, channel, "soft-reminder", false, null, false, false, Set.of(), false, calls, talks, calls);
  }

  static ContactSituation call(String at, List<Instant> calls) {
    return situation(at, NEW_YORK, Channel.CALL, calls, List.of());
  }

  @Nested
  class LocalTimeWindow {

    @Test
    void regulationF_1006_6b1i_opensAtEightAndClosesAtNineInTheDebtorsZone() {
      assertThat(ContactRules.decide(call("2026-03-02T07:59:59", List.of()), REG_F).verdict()).isEqualTo(Verdict.DEFER);
      assertThat(ContactRules.decide(call("2026-03-02T08:00:00", List.of()), REG_F).verdict()).isEqualTo(Verdict.ALLOW);
      assertThat(ContactRules.decide(call("2026-03-02T20:59:59", List.of()), REG_F).verdict()).isEqualTo(Verdict.ALLOW);
      assertThat(ContactRules.decide(call("2026-03-02T21:00:00", List.of()), REG_F).verdict()).isEqualTo(Verdict.DEFER);
    }

    @Test
    void regulationF_1006_6b1i_appliesToEmailAndSmsToo() {
      ContactDecision sms = ContactRules.decide(situation("2026-03-02T22:30:00", NEW_YORK, Channel.SMS, List.of(), List.of()), REG_F);
      assertThat(sms.verdict()).isEqualTo(Verdict.DEFER);
      assertThat(sms.rule()).isEqualTo(ContactRule.LOCAL_TIME_WINDOW);
      assertThat(sms.notBefore()).isEqualTo(local("2026-03-03T08:00:00", NEW_YORK));
      ContactDecision early = ContactRules.decide(situation("2026-03-02T06:00:00", NEW_YORK, Channel.EMAIL, List.of(), List.of()), REG_F);
      assertThat(early.notBefore()).isEqualTo(local("2026-03-02T08:00:00", NEW_YORK));
    }

    @Test
    void regulationF_1006_6b1i_isTheDebtorsLocalTimeNotTheServers() {
      // 14:00 UTC is 09:00 in New York (allowed) and 19:30 in Kolkata (after India's 19:00)
      Instant at = Instant.parse("2026-03-02T14:00:00Z");
      var ny = new ContactSituation(at, NEW_YORK, Channel.CALL, "x", false, null, false, false, Set.of(), false, List.of(), List.of(), List.of());
      var in = new ContactSituation(at, KOLKATA, Channel.CALL, "x", false, null, false, false, Set.of(), false, List.of(), List.of(), List.of());
      assertThat(ContactRules.decide(ny, REG_F).verdict()).isEqualTo(Verdict.ALLOW);
      ContactDecision india = ContactRules.decide(in, INDIA);
      assertThat(india.verdict()).isEqualTo(Verdict.DEFER);
      assertThat(india.notBefore()).isEqualTo(local("2026-03-03T08:00:00", KOLKATA));
    }

    @Test
    void regulationF_1006_6b1i_followsDaylightSavingTime() {
      // 2026-03-08: New York springs forward at 02:00. 12:30 UTC is 07:30 EST the day before, 08:30 EDT that day.
      var before = new ContactSituation(Instant.parse("2026-03-07T12:30:00Z"), NEW_YORK, Channel.CALL, "x", false, null,
          false, false, Set.of(), false, List.of(), List.of(), List.of());
      var after = new ContactSituation(Instant.parse("2026-03-08T12:30:00Z"), NEW_YORK, Channel.CALL, "x", false, null,
          false, false, Set.of(), false, List.of(), List.of(), List.of());
      assertThat(ContactRules.decide(before, REG_F).verdict()).isEqualTo(Verdict.DEFER);
      assertThat(ContactRules.decide(after, REG_F).verdict()).isEqualTo(Verdict.ALLOW);
      // deferred on the evening before the change, the window opens at 08:00 EDT = 12:00 UTC
      var evening = new ContactSituation(Instant.parse("2026-03-08T02:30:00Z"), NEW_YORK, Channel.SMS, "x", false, null,
          false, false, Set.of(), false, List.of(), List.of(), List.of());
      assertThat(ContactRules.decide(evening, REG_F).notBefore()).isEqualTo(Instant.parse("2026-03-08T12:00:00Z"));
    }
  }

  /** Which channels count toward the 7-day limit is the jurisdiction's (dmn/contact-rules.dmn, countedChannels). */
  @Nested
  class CountedChannels {

    final ContactLimits newYorkCity = new ContactLimits("US-NY-NYC", 1, null, LocalTime.of(8, 0), LocalTime.of(21, 0),
        java.util.EnumSet.of(Channel.CALL, Channel.SMS, Channel.EMAIL), 3, 7, null);

    List<Instant> at(String... dateTimes) {
      return java.util.Arrays.stream(dateTimes).map(d -> local(d, NEW_YORK)).toList();
    }

    @Test
    void regulationF_1006_14b2_countsCallsOnly_aTextAfterSevenCallsIsAllowed() {
      List<Instant> seven = at("2026-03-02T09:00:00", "2026-03-03T09:00:00", "2026-03-04T09:00:00",
          "2026-03-05T09:00:00", "2026-03-06T09:00:00", "2026-03-07T09:00:00", "2026-03-08T09:00:00");
      var text = situation("2026-03-08T10:00:00", NEW_YORK, Channel.SMS, seven, List.of());
      assertThat(ContactRules.decide(text, REG_F).verdict()).isEqualTo(Verdict.ALLOW);
      assertThat(ContactRules.decide(situation("2026-03-08T10:00:00", NEW_YORK, Channel.CALL, seven, List.of()), REG_F)
          .rule()).isEqualTo(ContactRule.CALL_FREQUENCY);
    }

    @Test
    void massachusetts_940Cmr_7_04_1f_aThirdTextAfterACallAndATextIsDeferredAWeekAfterTheFirst() {
      // a call on Monday and a text on Thursday: a text on Sunday would be the third telephone communication
      var third = situation("2026-03-08T12:00:00", NEW_YORK, Channel.SMS, at("2026-03-02T09:00:00", "2026-03-05T09:00:00"), List.of());
      ContactDecision decision = ContactRules.decide(third, MASSACHUSETTS);
      assertThat(decision.verdict()).isEqualTo(Verdict.DEFER);
      assertThat(decision.rule()).isEqualTo(ContactRule.CALL_FREQUENCY);
      assertThat(decision.explanation()).contains("at most 2 in 7 days, calls and texts counted, 2 made");
      assertThat(decision.notBefore()).isEqualTo(local("2026-03-09T08:00:00", NEW_YORK));
      // an e-mail is not a telephone communication there
      var email = situation("2026-03-08T12:00:00", NEW_YORK, Channel.EMAIL, at("2026-03-02T09:00:00", "2026-03-05T09:00:00"), List.of());
      assertThat(ContactRules.decide(email, MASSACHUSETTS).verdict()).isEqualTo(Verdict.ALLOW);
    }

    @Test
    void newYorkCity_6Rcny_5_77_aFourthCommunicationBeItAnEmailIsDeferred() {
      List<Instant> three = at("2026-03-02T09:00:00", "2026-03-04T09:00:00", "2026-03-06T09:00:00");
      ContactDecision email = ContactRules.decide(situation("2026-03-07T10:00:00", NEW_YORK, Channel.EMAIL, three, List.of()), newYorkCity);
      assertThat(email.verdict()).isEqualTo(Verdict.DEFER);
      assertThat(email.rule()).isEqualTo(ContactRule.CALL_FREQUENCY);
      assertThat(email.notBefore()).isEqualTo(local("2026-03-09T08:00:00", NEW_YORK));
      List<Instant> two = three.subList(1, 3);
      assertThat(ContactRules.decide(situation("2026-03-07T10:00:00", NEW_YORK, Channel.EMAIL, two, List.of()), newYorkCity)
          .verdict()).isEqualTo(Verdict.ALLOW);
    }

    @Test
    void regulationF_1006_14b2iB_theDaysAfterAConversationStopCallsNotTexts() {
      List<Instant> talk = at("2026-03-02T09:00:00");
      assertThat(ContactRules.decide(situation("2026-03-03T10:00:00", NEW_YORK, Channel.CALL, talk, talk), REG_F).rule())
          .isEqualTo(ContactRule.CALL_AFTER_CONVERSATION);
      assertThat(ContactRules.decide(situation("2026-03-03T10:00:00", NEW_YORK, Channel.SMS, List.of(), talk), REG_F).verdict())
          .isEqualTo(Verdict.ALLOW);
    }
  }

  @Nested
  class CallFrequency {

    List<Instant> calls(String... dateTimes) {
      List<Instant> out = new ArrayList<>();
      for (String d : dateTimes) {
        out.add(local(d, NEW_YORK));
      }
      return out;
    }

    @Test
    void regulationF_1006_14b2iA_sevenCallsInSevenDaysAreAllowedTheEighthIsNot() {
      List<Instant> six = calls("2026-03-02T09:00:00", "2026-03-03T09:00:00", "2026-03-04T09:00:00",
          "2026-03-05T09:00:00", "2026-03-06T09:00:00", "2026-03-07T09:00:00");
      assertThat(ContactRules.decide(call("2026-03-08T10:00:00", six), REG_F).verdict()).isEqualTo(Verdict.ALLOW);

      List<Instant> seven = new ArrayList<>(six);
      seven.add(local("2026-03-08T10:00:00", NEW_YORK));
      ContactDecision eighth = ContactRules.decide(call("2026-03-08T11:00:00", seven), REG_F);
      assertThat(eighth.verdict()).isEqualTo(Verdict.DEFER);
      assertThat(eighth.rule()).isEqualTo(ContactRule.CALL_FREQUENCY);
      // the call of 2 March leaves the 7-day window on 9 March
      assertThat(eighth.notBefore()).isEqualTo(local("2026-03-09T08:00:00", NEW_YORK));
      assertThat(ContactRules.decide(call("2026-03-09T08:00:00", seven), REG_F).verdict()).isEqualTo(Verdict.ALLOW);
    }

    @Test
    void massachusetts_940Cmr_7_04_1f_allowsTwoCallsInSevenDays() {
      List<Instant> two = calls("2026-03-02T09:00:00", "2026-03-05T09:00:00");
      ContactDecision third = ContactRules.decide(call("2026-03-08T12:00:00", two), MASSACHUSETTS);
      assertThat(third.verdict()).isEqualTo(Verdict.DEFER);
      assertThat(third.notBefore()).isEqualTo(local("2026-03-09T08:00:00", NEW_YORK));
      assertThat(ContactRules.decide(call("2026-03-09T09:00:00", two), MASSACHUSETTS).verdict()).isEqualTo(Verdict.ALLOW);
    }

    @Test
    void massachusetts_940Cmr_7_04_1f_countsTheDebtorsCallsOverAllTheirDebts() {
      // one call about this debt, one about the debtor's other debt: the third call to the debtor waits
      List<Instant> thisDebt = calls("2026-03-02T09:00:00");
      List<Instant> allDebts = calls("2026-03-02T09:00:00", "2026-03-04T09:00:00");
      var third = new ContactSituation(local("2026-03-08T12:00:00", NEW_YORK), NEW_YORK, Channel.CALL, "x", false, null,
          false, false, Set.of(), false, thisDebt, List.of(), allDebts);
      ContactDecision decision = ContactRules.decide(third, MASSACHUSETTS);
      assertThat(decision.verdict()).isEqualTo(Verdict.DEFER);
      assertThat(decision.rule()).isEqualTo(ContactRule.DEBTOR_CALL_FREQUENCY);
      assertThat(decision.notBefore()).isEqualTo(local("2026-03-09T08:00:00", NEW_YORK));
      // Regulation F counts per debt: the same history elsewhere in the US allows the call
      assertThat(ContactRules.decide(third, REG_F).verdict()).isEqualTo(Verdict.ALLOW);
    }

    @Test
    void regulationF_1006_14b2_countsOnlyCallsNotLetters() {
      List<Instant> seven = calls("2026-03-02T09:00:00", "2026-03-03T09:00:00", "2026-03-04T09:00:00",
          "2026-03-05T09:00:00", "2026-03-06T09:00:00", "2026-03-07T09:00:00", "2026-03-08T09:00:00");
      var letter = situation("2026-03-08T10:00:00", NEW_YORK, Channel.LETTER, seven, List.of());
      assertThat(ContactRules.decide(letter, REG_F).verdict()).isEqualTo(Verdict.ALLOW);
    }
  }

  @Nested
  class AfterAConversation {

    @Test
    void regulationF_1006_14b2iB_theConversationDayIsDayOneAndCallsResumeOnDayEight() {
      List<Instant> talk = List.of(local("2026-03-02T19:00:00", NEW_YORK));
      var day7 = situation("2026-03-08T20:00:00", NEW_YORK, Channel.CALL, List.of(), talk);
      var day8 = situation("2026-03-09T08:00:00", NEW_YORK, Channel.CALL, List.of(), talk);
      ContactDecision tooSoon = ContactRules.decide(day7, REG_F);
      assertThat(tooSoon.rule()).isEqualTo(ContactRule.CALL_AFTER_CONVERSATION);
      assertThat(tooSoon.notBefore()).isEqualTo(local("2026-03-09T08:00:00", NEW_YORK));
      assertThat(ContactRules.decide(day8, REG_F).verdict()).isEqualTo(Verdict.ALLOW);
    }

    @Test
    void regulationF_1006_14b2iB_doesNotStopAnEmail() {
      List<Instant> talk = List.of(local("2026-03-02T19:00:00", NEW_YORK));
      var email = situation("2026-03-03T10:00:00", NEW_YORK, Channel.EMAIL, List.of(), talk);
      assertThat(ContactRules.decide(email, REG_F).verdict()).isEqualTo(Verdict.ALLOW);
    }
  }

  @Nested
  class Blocks {

    ContactSituation with(boolean hold, boolean cease, boolean attorney, Set<Channel> blocked, boolean timeBarred, String template) {
      return new ContactSituation(local("2026-03-02T10:00:00", NEW_YORK), NEW_YORK, Channel.EMAIL, template, hold,
          hold ? "DISPUTE" : null, cease, attorney, blocked, timeBarred, List.of(), List.of(), List.of());
    }

    @Test
    void eachBlockNamesItsRule_15USC1692c_12CFR1006_6b2_1006_14h_1006_26b() {
      assertThat(ContactRules.decide(with(true, false, false, Set.of(), false, "x"), REG_F).rule()).isEqualTo(ContactRule.ACTIVE_HOLD);
      assertThat(ContactRules.decide(with(false, true, false, Set.of(), false, "x"), REG_F).rule()).isEqualTo(ContactRule.CEASE_COMMUNICATION);
      assertThat(ContactRules.decide(with(false, false, true, Set.of(), false, "x"), REG_F).rule()).isEqualTo(ContactRule.ATTORNEY_REPRESENTED);
      assertThat(ContactRules.decide(with(false, false, false, Set.of(Channel.EMAIL), false, "x"), REG_F).rule()).isEqualTo(ContactRule.CHANNEL_BLOCKED);
      assertThat(ContactRules.decide(with(false, false, false, Set.of(), true, "final-notice"), REG_F).rule())
          .isEqualTo(ContactRule.TIME_BARRED_NO_LEGAL_THREAT);
      assertThat(ContactRules.decide(with(false, false, false, Set.of(Channel.SMS), true, "soft-reminder"), REG_F).verdict())
          .isEqualTo(Verdict.ALLOW);
    }

    @Test
    void aCeaseRequestStillAllowsItsConfirmation_15USC1692c_c1() {
      assertThat(ContactRules.decide(with(false, true, false, Set.of(), false, "cease-confirmation"), REG_F).verdict())
          .isEqualTo(Verdict.ALLOW);
    }

    @Test
    void aBlockIsFinalEvenInsideTheWindow_15USC1692c_c() {
      ContactDecision blocked = ContactRules.decide(with(false, true, false, Set.of(), false, "x"), REG_F);
      assertThat(blocked.verdict()).isEqualTo(Verdict.BLOCK);
      assertThat(blocked.notBefore()).isNull();
    }
  }

  /** The contact point's own rules: each blocks, as only an action (consent, a new number, the flag lifted) helps. */
  @Nested
  class ContactPoints {

    static ContactRules.Point point(ContactPoint.Type type, ContactPoint.Consent consent) {
      return new ContactRules.Point(java.util.UUID.randomUUID(), type, consent, ContactPoint.Validity.VALID, false);
    }

    static ContactDecision decide(Channel channel, ContactRules.Point point) {
      ContactSituation s = new ContactSituation(
          local("2026-03-02T10:00:00", NEW_YORK), NEW_YORK, channel, "soft-reminder", false, null, false, false, Set.of(),
          false, List.of(), List.of(), List.of(), point);
      return ContactRules.decide(s, REG_F);
    }

    @Test
    void textWithoutConsent_isBlocked_47USC227b1A() {
      ContactDecision d = decide(Channel.SMS, point(ContactPoint.Type.MOBILE, null));
      assertThat(d.verdict()).isEqualTo(Verdict.BLOCK);
      assertThat(d.rule()).isEqualTo(ContactRule.NO_CONSENT);
      assertThat(decide(Channel.SMS, point(ContactPoint.Type.MOBILE, ContactPoint.Consent.GIVEN)).verdict()).isEqualTo(Verdict.ALLOW);
    }

    @Test
    void callToAMobileWithoutConsent_isBlocked_47USC227b1Aiii_47CFR64_1200a1iii() {
      assertThat(decide(Channel.CALL, point(ContactPoint.Type.MOBILE, null)).rule()).isEqualTo(ContactRule.NO_CONSENT);
      // a home line needs no prior consent for a call
      assertThat(decide(Channel.CALL, point(ContactPoint.Type.HOME, null)).verdict()).isEqualTo(Verdict.ALLOW);
    }

    @Test
    void aWithdrawnConsentStopsThatUseEvenOfAHomeLine_12CFR1006_14h() {
      ContactDecision d = decide(Channel.CALL, point(ContactPoint.Type.HOME, ContactPoint.Consent.WITHDRAWN));
      assertThat(d.verdict()).isEqualTo(Verdict.BLOCK);
      assertThat(d.rule()).isEqualTo(ContactRule.NO_CONSENT);
      assertThat(d.explanation()).contains("withdrawn");
    }

    @Test
    void callToAWorkPhoneMarkedDoNotCallAtWork_isBlocked_15USC1692c_a3_12CFR1006_6b1iii() {
      var work = new ContactRules.Point(null, ContactPoint.Type.WORK, ContactPoint.Consent.GIVEN, ContactPoint.Validity.VALID, true);
      assertThat(decide(Channel.CALL, work).rule()).isEqualTo(ContactRule.WORKPLACE_CONTACT_PROHIBITED);
      assertThat(decide(Channel.SMS, work).rule()).isEqualTo(ContactRule.WORKPLACE_CONTACT_PROHIBITED);
      assertThat(decide(Channel.CALL, point(ContactPoint.Type.WORK, null)).verdict()).isEqualTo(Verdict.ALLOW);
    }

    @Test
    void aWorkEmailWithoutConsent_isBlocked_12CFR1006_22f3() {
      assertThat(decide(Channel.EMAIL, point(ContactPoint.Type.WORK, null)).rule()).isEqualTo(ContactRule.NO_CONSENT);
      assertThat(decide(Channel.EMAIL, point(ContactPoint.Type.WORK, ContactPoint.Consent.GIVEN)).verdict()).isEqualTo(Verdict.ALLOW);
      assertThat(decide(Channel.EMAIL, point(ContactPoint.Type.PERSONAL, null)).verdict()).isEqualTo(Verdict.ALLOW);
    }

    @Test
    void aWrongNumberOrABouncedAddress_isBlocked_noValidContactPoint() {
      var wrong = new ContactRules.Point(null, ContactPoint.Type.MOBILE, ContactPoint.Consent.GIVEN, ContactPoint.Validity.WRONG_NUMBER, false);
      var bounced = new ContactRules.Point(null, ContactPoint.Type.PERSONAL, ContactPoint.Consent.GIVEN, ContactPoint.Validity.BOUNCED, false);
      assertThat(decide(Channel.CALL, wrong).rule()).isEqualTo(ContactRule.NO_VALID_CONTACT_POINT);
      assertThat(decide(Channel.EMAIL, bounced).rule()).isEqualTo(ContactRule.NO_VALID_CONTACT_POINT);
    }

    @Test
    void theGovernorPicksTheFirstLawfulPointInPriorityOrder_orNamesTheFirstOnesObjection() {
      var wrong = new ContactRules.Point(java.util.UUID.randomUUID(), ContactPoint.Type.MOBILE, ContactPoint.Consent.GIVEN,
          ContactPoint.Validity.WRONG_NUMBER, false);
      var noTextConsent = point(ContactPoint.Type.MOBILE, null);
      var consented = point(ContactPoint.Type.MOBILE, ContactPoint.Consent.GIVEN);
      assertThat(ContactRules.choose(List.of(wrong, noTextConsent, consented), Channel.SMS)).isEqualTo(consented);
      assertThat(ContactRules.choose(List.of(wrong, noTextConsent), Channel.SMS)).isEqualTo(wrong);
      assertThat(ContactRules.choose(List.of(), Channel.SMS)).isNull();
    }

    @Test
    void aHoldStillComesFirst_12CFR1006_38d2() {
      ContactSituation held = new ContactSituation(
          local("2026-03-02T10:00:00", NEW_YORK), NEW_YORK, Channel.SMS, "soft-reminder", true, "DISPUTE", false, false,
          Set.of(), false, List.of(), List.of(), List.of(), point(ContactPoint.Type.MOBILE, null));
      assertThat(ContactRules.decide(held, REG_F).rule()).isEqualTo(ContactRule.ACTIVE_HOLD);
    }
  }
}
