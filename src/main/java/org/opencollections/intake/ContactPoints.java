package org.opencollections.intake;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.opencollections.platform.InvalidInputException;
import org.opencollections.platform.NotFoundException;
import org.opencollections.timeline.CaseEventType;
import org.opencollections.timeline.Timeline;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A debtor's phones and e-mail addresses: made from a new debtor's single fields and its {@code contactPoints},
 * added and changed later (consent given or withdrawn, wrong number, bounced, do-not-call-at-work). Every change
 * is audited (the entity is {@link org.opencollections.audit.Audited}) and named on the timeline of each of the
 * debtor's debts, without the value.
 */
@Service
public class ContactPoints {

  /** Where the single {@code phone} and {@code email} fields' consent comes from: the behaviour they always had. */
  static final String SINGLE_FIELD_SOURCE = "creditor's single %s field";

  private final ContactPointRepository points;
  private final DebtorRepository debtors;
  private final Timeline timeline;
  private final JdbcTemplate jdbc;
  private final Clock clock;

  ContactPoints(ContactPointRepository points, DebtorRepository debtors, Timeline timeline, JdbcTemplate jdbc, Clock clock) {
    this.points = points;
    this.debtors = debtors;
    this.timeline = timeline;
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /**
   * Every problem of a new debtor's contact points beyond bean validation, keyed by field ({@code debtor.phone}
   * and {@code debtor.email} are checked by their own constraints).
   */
  public static Map<String, String> problems(NewDebt.NewDebtor debtor) {
    Map<String, String> problems = new LinkedHashMap<>();
    if (debtor != null && debtor.contactPoints() != null) {
      for (int i = 0; i < debtor.contactPoints().size(); i++) {
        NewContactPoint p = debtor.contactPoints().get(i);
        if (p != null) {
          problems.putAll(p.problems("debtor.contactPoints[" + i + "]."));
        }
      }
    }
    return problems;
  }

  /**
   * The points a new debtor starts with, in the order they are tried: the single phone (a mobile with consent to
   * call and text, as the single field always had) and e-mail (personal, consent to e-mail), then the listed ones.
   * A listed point with the value of a single field replaces it.
   */
  public static List<ContactPoint> initial(UUID debtorId, NewDebt.NewDebtor d, Instant now) {
    List<NewContactPoint> listed = d.contactPoints() == null ? List.of() : d.contactPoints();
    List<ContactPoint> made = new ArrayList<>();
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (NewContactPoint p : listed) {
      seen.add(p.kind() + ":" + p.value().trim());
    }
    if (d.phone() != null && !d.phone().isBlank() && !seen.contains("PHONE:" + d.phone().trim())) {
      ContactPoint phone = new ContactPoint(debtorId, ContactPoint.Kind.PHONE, d.phone(), ContactPoint.Type.MOBILE, false, 0, now);
      phone.consent(ContactPoint.Use.CALL, ContactPoint.Consent.GIVEN, now, SINGLE_FIELD_SOURCE.formatted("phone"));
      phone.consent(ContactPoint.Use.TEXT, ContactPoint.Consent.GIVEN, now, SINGLE_FIELD_SOURCE.formatted("phone"));
      made.add(phone);
      seen.add("PHONE:" + d.phone().trim());
    }
    if (d.email() != null && !d.email().isBlank() && !seen.contains("EMAIL:" + d.email().trim())) {
      ContactPoint email = new ContactPoint(debtorId, ContactPoint.Kind.EMAIL, d.email(), ContactPoint.Type.PERSONAL, false, 0, now);
      email.consent(ContactPoint.Use.EMAIL, ContactPoint.Consent.GIVEN, now, SINGLE_FIELD_SOURCE.formatted("e-mail"));
      made.add(email);
    }
    java.util.Set<String> listedOnce = new java.util.HashSet<>();
    for (int i = 0; i < listed.size(); i++) {
      NewContactPoint p = listed.get(i);
      if (listedOnce.add(p.kind() + ":" + p.value().trim())) {
        made.add(point(debtorId, p, i + 1, now));
      }
    }
    return made;
  }

  private static ContactPoint point(UUID debtorId, NewContactPoint p, int defaultPriority, Instant now) {
    ContactPoint point = new ContactPoint(debtorId, p.kind(), p.value(), p.type(), Boolean.TRUE.equals(p.doNotCallAtWork()),
        p.priority() == null ? defaultPriority : p.priority(), now);
    if (p.consent() != null) {
      for (ContactPoint.Use use : ContactPoint.usesOf(p.kind())) {
        NewContactPoint.ConsentEntry c = p.consent().of(use);
        if (c != null) {
          point.consent(use, c.status(), c.at() == null ? now : c.at().toInstant(), c.source());
        }
      }
    }
    return point;
  }

  @Transactional(readOnly = true)
  public List<ContactPoint> of(UUID debtorId) {
    requireDebtor(debtorId);
    return points.ofDebtor(debtorId);
  }

  @Transactional
  public ContactPoint add(UUID debtorId, NewContactPoint request) {
    requireDebtor(debtorId);
    Map<String, String> problems = request.problems("");
    if (!problems.isEmpty()) {
      throw new InvalidInputException(problems);
    }
    List<ContactPoint> existing = points.ofDebtor(debtorId);
    var same = existing.stream()
        .filter(p -> p.kind() == request.kind() && p.value().equals(request.value().trim())).findFirst();
    if (same.isPresent()) {
      return same.get(); // adding a known point again changes nothing: it is the one stored
    }
    int next = existing.stream().mapToInt(ContactPoint::priority).max().orElse(-1) + 1;
    Instant now = clock.instant();
    ContactPoint point = points.saveAndFlush(point(debtorId, request, next, now));
    record(point, "Contact point added: " + describe(point), Map.of("action", "ADDED"));
    return point;
  }

  /** A change to a point: any part left out stays as it is. */
  public record Change(
      NewContactPoint.Consents consent, ContactPoint.Validity validity, Boolean doNotCallAtWork, Integer priority) {}

  @Transactional
  public ContactPoint change(UUID debtorId, UUID pointId, Change change) {
    ContactPoint point = points.findByIdAndDebtorId(pointId, debtorId)
        .orElseThrow(() -> new NotFoundException("No contact point " + pointId + " of debtor " + debtorId));
    Instant now = clock.instant();
    List<String> said = new ArrayList<>();
    Map<String, String> problems = new LinkedHashMap<>();
    if (change.consent() != null) {
      for (ContactPoint.Use use : ContactPoint.Use.values()) {
        NewContactPoint.ConsentEntry c = change.consent().of(use);
        if (c == null) {
          continue;
        }
        if (!ContactPoint.usesOf(point.kind()).contains(use)) {
          problems.put("consent." + use.name().toLowerCase(), "a " + point.kind().name().toLowerCase() + " has no "
              + use.name().toLowerCase() + " consent");
          continue;
        }
        Instant at = c.at() == null ? now : c.at().toInstant();
        if (at.isAfter(now)) {
          problems.put("consent." + use.name().toLowerCase() + ".at", "lies in the future");
          continue;
        }
        if (point.consent(use) != c.status() || !java.util.Objects.equals(point.consentSource(use), c.source())) {
          point.consent(use, c.status(), at, c.source());
          said.add("consent to " + use.name().toLowerCase() + " " + c.status().name().toLowerCase()
              + (c.source() == null ? "" : " (" + c.source() + ")"));
        }
      }
    }
    if (Boolean.TRUE.equals(change.doNotCallAtWork()) && point.type() != ContactPoint.Type.WORK) {
      problems.put("doNotCallAtWork", "only a WORK phone can be marked do-not-call-at-work");
    }
    if (change.validity() == ContactPoint.Validity.WRONG_NUMBER && point.kind() != ContactPoint.Kind.PHONE) {
      problems.put("validity", "an e-mail address is BOUNCED, not a WRONG_NUMBER");
    }
    if (change.validity() == ContactPoint.Validity.BOUNCED && point.kind() != ContactPoint.Kind.EMAIL) {
      problems.put("validity", "a phone is a WRONG_NUMBER, it does not bounce");
    }
    if (!problems.isEmpty()) {
      throw new InvalidInputException(problems);
    }
    if (change.validity() != null && change.validity() != point.validity()) {
      point.validity(change.validity(), now);
      said.add("marked " + change.validity().name().toLowerCase().replace('_', ' '));
    }
    if (change.doNotCallAtWork() != null && change.doNotCallAtWork() != point.doNotCallAtWork()) {
      point.doNotCallAtWork(change.doNotCallAtWork());
      said.add(change.doNotCallAtWork() ? "no calls at work" : "calls at work allowed again");
    }
    if (change.priority() != null && change.priority() != point.priority()) {
      point.priority(change.priority());
      said.add("priority " + change.priority());
    }
    if (!said.isEmpty()) { // the same change again is no change: nothing is recorded twice
      points.saveAndFlush(point);
      record(point, "Contact point " + describe(point) + ": " + String.join(", ", said), Map.of("action", "CHANGED"));
    }
    return point;
  }

  /** "work phone ending 0101": enough for a person to tell the points apart, not the value itself. */
  static String describe(ContactPoint p) {
    String v = p.value();
    String tail = p.kind() == ContactPoint.Kind.PHONE
        ? "ending " + v.replaceAll("[^0-9]", "").substring(Math.max(0, v.replaceAll("[^0-9]", "").length() - 4))
        : "at " + v.substring(v.indexOf('@') + 1);
    return p.type().name().toLowerCase() + " " + (p.kind() == ContactPoint.Kind.PHONE ? "phone " : "e-mail ") + tail;
  }

  private void record(ContactPoint p, String summary, Map<String, Object> extra) {
    Map<String, Object> details = new LinkedHashMap<>(extra);
    details.put("contactPointId", p.id().toString());
    details.put("kind", p.kind().name());
    details.put("type", p.type().name());
    details.put("validity", p.validity().name());
    details.put("doNotCallAtWork", p.doNotCallAtWork());
    for (ContactPoint.Use use : ContactPoint.usesOf(p.kind())) {
      Map<String, Object> c = new LinkedHashMap<>();
      c.put("status", p.consent(use) == null ? null : p.consent(use).name());
      c.put("at", p.consentAt(use) == null ? null : p.consentAt(use).toString());
      c.put("source", p.consentSource(use));
      details.put(use.name().toLowerCase() + "Consent", c);
    }
    details.put("actor", org.opencollections.platform.Actor.current());
    for (UUID debtId : jdbc.queryForList("select id from debt where debtor_id = ?", UUID.class, p.debtorId())) {
      timeline.record(debtId, CaseEventType.CONTACT_PREFERENCES, summary, details);
    }
  }

  private void requireDebtor(UUID debtorId) {
    if (!debtors.existsById(debtorId)) {
      throw new NotFoundException("No debtor " + debtorId);
    }
  }
}
