package org.opencollections.compliance;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Reads the contact ledger and checks it against the law as written here, independently of the governor's
 * code and of dmn/contact-rules.dmn: contact hours in the debtor's local time (08:00–21:00; India 08:00–19:00),
 * at most 7 call attempts per debt in 7 consecutive days (Massachusetts: 2 calls and texts per debt and 2 to the
 * debtor over all their debts; New York City: 3 calls, texts and e-mails per debt), no call within 7 days after a
 * telephone conversation (the conversation day counting as day one), and every contact not made names the
 * rule that stopped it. Contact points too: every call, text and e-mail names the point it went to; none to a
 * point marked wrong number or bounced (from then on); no text without the debtor's consent to texts, no call to a
 * mobile without consent to calls (47 U.S.C. 227(b)(1)(A)(iii)); nothing after the consent to that use was
 * withdrawn (12 CFR 1006.14(h)); no call or text to a work phone marked do-not-call-at-work (15 U.S.C. 1692c(a)(3));
 * no e-mail to a work address without consent (12 CFR 1006.22(f)(3)). A consent is read as the simulation changes
 * it, at most once: a consent withdrawn at T was given before T, one given at T was absent before.
 */
final class IndependentContactChecker {

  record Entry(UUID debtId, UUID debtorId, String channel, String direction, String status, String outcome, String rule,
      Instant at, ZoneId zone, String jurisdiction, Point point) {}

  /** The point an attempt went to, as stored now (never its value). */
  record Point(UUID id, String type, String validity, Instant validityAt, boolean doNotCallAtWork,
      String callConsent, Instant callConsentAt, String textConsent, Instant textConsentAt, String emailConsent,
      Instant emailConsentAt) {}

  private final JdbcTemplate jdbc;

  IndependentContactChecker(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  List<String> violations(List<UUID> debts) {
    List<Entry> ledger =
        jdbc.query(
            "select a.debt_id, d.debtor_id, a.channel, a.direction, a.status, a.outcome, a.rule, a.attempted_at,"
                + " r.time_zone, r.jurisdiction, p.id, p.type, p.validity, p.validity_at, p.do_not_call_at_work,"
                + " p.call_consent, p.call_consent_at, p.text_consent, p.text_consent_at, p.email_consent, p.email_consent_at"
                + " from contact_attempt a join debt d on d.id = a.debt_id join debtor r on r.id = d.debtor_id"
                + " left join contact_point p on p.id = a.contact_point_id"
                + " where a.debt_id = any(?) order by a.attempted_at, a.id",
            (rs, i) ->
                new Entry((UUID) rs.getObject(1), (UUID) rs.getObject(2), rs.getString(3), rs.getString(4),
                    rs.getString(5), rs.getString(6), rs.getString(7), rs.getTimestamp(8).toInstant(),
                    ZoneId.of(rs.getString(9)), rs.getString(10),
                    rs.getObject(11) == null ? null : new Point((UUID) rs.getObject(11), rs.getString(12), rs.getString(13),
                        instant(rs.getTimestamp(14)), rs.getBoolean(15), rs.getString(16), instant(rs.getTimestamp(17)),
                        rs.getString(18), instant(rs.getTimestamp(19)), rs.getString(20), instant(rs.getTimestamp(21)))),
            (Object) debts.toArray(UUID[]::new));
    List<String> violations = new ArrayList<>();
    Map<UUID, List<Entry>> callsByDebt = new HashMap<>();
    Map<UUID, List<Entry>> callsByDebtor = new HashMap<>();
    Map<UUID, List<Entry>> conversationsByDebt = new HashMap<>();
    for (Entry e : ledger) {
      boolean made = e.status().equals("MADE");
      if (!made && (e.rule() == null || e.rule().equals("NONE"))) {
        violations.add(e.status() + " attempt without a rule: " + e);
      }
      if (!made || e.direction().equals("INBOUND")) {
        if (made && e.channel().equals("CALL") && "CONVERSATION".equals(e.outcome())) {
          conversationsByDebt.computeIfAbsent(e.debtId(), k -> new ArrayList<>()).add(e);
        }
        continue;
      }
      pointViolation(e).ifPresent(violations::add);
      LocalTime local = e.at().atZone(e.zone()).toLocalTime();
      LocalTime end = e.jurisdiction().startsWith("IN") ? LocalTime.of(19, 0) : LocalTime.of(21, 0);
      if (local.isBefore(LocalTime.of(8, 0)) || !local.isBefore(end)) {
        violations.add("contact at " + local + " local time: " + e);
      }
      java.util.Set<String> counted = countedChannels(e.jurisdiction());
      LocalDate day = e.at().atZone(e.zone()).toLocalDate();
      if (counted.contains(e.channel())) {
        List<Entry> earlier = callsByDebt.computeIfAbsent(e.debtId(), k -> new ArrayList<>());
        int limit = perDebtLimit(e.jurisdiction());
        long inWindow = earlier.stream().filter(c -> !c.at().atZone(c.zone()).toLocalDate().isBefore(day.minusDays(6))).count() + 1;
        if (inWindow > limit) {
          violations.add(inWindow + " communications counted in 7 days (limit " + limit + ", " + counted + "): " + e);
        }
        earlier.add(e);
        // Massachusetts is read as counting the debtor's calls and texts too, whatever debt they were about
        List<Entry> toDebtor = callsByDebtor.computeIfAbsent(e.debtorId(), k -> new ArrayList<>());
        long debtorWindow =
            toDebtor.stream().filter(c -> !c.at().atZone(c.zone()).toLocalDate().isBefore(day.minusDays(6))).count() + 1;
        if (e.jurisdiction().equals("US-MA") && debtorWindow > 2) {
          violations.add(debtorWindow + " calls and texts to one debtor in 7 days (limit 2): " + e);
        }
        toDebtor.add(e);
      }
      if (e.channel().equals("CALL")) {
        if (!e.jurisdiction().startsWith("IN")) {
          for (Entry talk : conversationsByDebt.getOrDefault(e.debtId(), List.of())) {
            LocalDate dayOne = talk.at().atZone(talk.zone()).toLocalDate();
            if (!talk.at().equals(e.at()) && day.isBefore(dayOne.plusDays(7)) && !day.isBefore(dayOne)) {
              violations.add("call on day " + (day.toEpochDay() - dayOne.toEpochDay() + 1) + " after a conversation: " + e);
            }
          }
        }
        if ("CONVERSATION".equals(e.outcome())) {
          conversationsByDebt.computeIfAbsent(e.debtId(), k -> new ArrayList<>()).add(e);
        }
      }
    }
    return violations;
  }

  private static Instant instant(java.sql.Timestamp t) {
    return t == null ? null : t.toInstant();
  }

  /**
   * The consent in effect at {@code at}, read as the simulation changes it (at most once). At the very instant of a
   * change the checker gives the benefit of the doubt: a consent counts from the instant it is given, a withdrawal
   * from just after it.
   */
  private static String consentAt(String status, Instant since, Instant at) {
    if (status == null || since == null) {
      return status;
    }
    boolean inEffect = status.equals("GIVEN") ? !since.isAfter(at) : since.isBefore(at);
    return inEffect ? status : status.equals("WITHDRAWN") ? "GIVEN" : null;
  }

  private static java.util.Optional<String> pointViolation(Entry e) {
    if (e.channel().equals("LETTER")) {
      return java.util.Optional.empty();
    }
    Point p = e.point();
    if (p == null) {
      return java.util.Optional.of("a " + e.channel() + " that names no contact point: " + e);
    }
    if (!p.validity().equals("VALID") && (p.validityAt() == null || p.validityAt().isBefore(e.at()))) {
      return java.util.Optional.of("a " + e.channel() + " to a point marked " + p.validity() + ": " + e);
    }
    String consent = switch (e.channel()) {
      case "CALL" -> consentAt(p.callConsent(), p.callConsentAt(), e.at());
      case "SMS" -> consentAt(p.textConsent(), p.textConsentAt(), e.at());
      default -> consentAt(p.emailConsent(), p.emailConsentAt(), e.at());
    };
    if ("WITHDRAWN".equals(consent)) {
      return java.util.Optional.of("a " + e.channel() + " after its consent was withdrawn: " + e);
    }
    boolean needsConsent = e.channel().equals("SMS")
        || (e.channel().equals("CALL") && p.type().equals("MOBILE"))
        || (e.channel().equals("EMAIL") && p.type().equals("WORK"));
    if (needsConsent && !"GIVEN".equals(consent)) {
      return java.util.Optional.of("a " + e.channel() + " without consent to a " + p.type() + " point: " + e);
    }
    if (!e.channel().equals("EMAIL") && p.type().equals("WORK") && p.doNotCallAtWork()) {
      return java.util.Optional.of("a " + e.channel() + " to a work phone marked do-not-call-at-work: " + e);
    }
    return java.util.Optional.empty();
  }

  /**
   * What counts toward the 7-day limit, from the rule texts: Regulation F 12 CFR 1006.14(b)(2) counts telephone
   * calls; Massachusetts 940 CMR 7.04(1)(f) calls and text messages; New York City 6 RCNY 5-77 calls, texts and
   * e-mails; India sets no count.
   */
  private static java.util.Set<String> countedChannels(String jurisdiction) {
    return switch (jurisdiction) {
      case "US-MA" -> java.util.Set.of("CALL", "SMS");
      case "US-NY-NYC" -> java.util.Set.of("CALL", "SMS", "EMAIL");
      default -> jurisdiction.startsWith("IN") ? java.util.Set.of() : java.util.Set.of("CALL");
    };
  }

  private static int perDebtLimit(String jurisdiction) {
    return switch (jurisdiction) {
      case "US-MA" -> 2;
      case "US-NY-NYC" -> 3;
      default -> 7;
    };
  }
}
