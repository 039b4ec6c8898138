package org.opencollections.timeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The case file: an append-only, ordered record of everything that happened to a case. Entries with an
 * idempotency key are written once, however often the job that writes them runs.
 */
@Service
public class Timeline {

  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

  private final JdbcTemplate jdbc;
  private final ObjectMapper json;
  private final Clock clock;

  public Timeline(JdbcTemplate jdbc, ObjectMapper json, Clock clock) {
    this.jdbc = jdbc;
    this.json = json;
    this.clock = clock;
  }

  /** @return true if the entry was written, false if one with the same key already existed */
  @Transactional(propagation = Propagation.MANDATORY)
  public boolean record(UUID debtId, CaseEventType type, String summary, Map<String, ?> details, String idempotencyKey) {
    return jdbc.update(
            "insert into case_event (debt_id, occurred_at, type, summary, details, idempotency_key)"
                + " values (?, ?, ?, ?, cast(? as jsonb), ?) on conflict (idempotency_key) do nothing",
            debtId,
            Timestamp.from(clock.instant()),
            type.name(),
            abbreviate(summary),
            toJson(details),
            idempotencyKey)
        == 1;
  }

  @Transactional(propagation = Propagation.MANDATORY)
  public boolean record(UUID debtId, CaseEventType type, String summary, Map<String, ?> details) {
    return record(debtId, type, summary, details, null);
  }

  @Transactional(readOnly = true)
  public List<CaseEvent> of(UUID debtId) {
    return jdbc.query(
        "select id, occurred_at, type, summary, details::text from case_event where debt_id = ? order by id",
        (rs, i) ->
            new CaseEvent(
                rs.getLong(1),
                rs.getTimestamp(2).toInstant(),
                CaseEventType.valueOf(rs.getString(3)),
                rs.getString(4),
                fromJson(rs.getString(5))),
        debtId);
  }

  /** The details of the entry written under this key, if any. */
  @Transactional(readOnly = true)
  public Optional<Map<String, Object>> detailsOf(String idempotencyKey) {
    return jdbc.query(
            "select details::text from case_event where idempotency_key = ?",
            (rs, i) -> fromJson(rs.getString(1)),
            idempotencyKey)
        .stream()
        .findFirst();
  }

  /** The details of the newest entry of this type whose details have the given attribute value. */
  @Transactional(readOnly = true)
  public Optional<Map<String, Object>> latest(UUID debtId, CaseEventType type, String attribute, String value) {
    return jdbc.query(
            "select details::text from case_event where debt_id = ? and type = ? and details ->> ? = ?"
                + " order by id desc limit 1",
            (rs, i) -> fromJson(rs.getString(1)),
            debtId, type.name(), attribute, value)
        .stream()
        .findFirst();
  }

  /** The details of the case's newest entry of this type. */
  @Transactional(readOnly = true)
  public Optional<Map<String, Object>> newest(UUID debtId, CaseEventType type) {
    return jdbc.query(
            "select details::text from case_event where debt_id = ? and type = ? order by id desc limit 1",
            (rs, i) -> fromJson(rs.getString(1)),
            debtId, type.name())
        .stream()
        .findFirst();
  }

  @Transactional(readOnly = true)
  public int count(UUID debtId, CaseEventType type, String attribute, String value) {
    Integer n =
        jdbc.queryForObject(
            "select count(*) from case_event where debt_id = ? and type = ? and details ->> ? = ?",
            Integer.class, debtId, type.name(), attribute, value);
    return n == null ? 0 : n;
  }

  private static String abbreviate(String summary) {
    return summary.length() <= 500 ? summary : summary.substring(0, 497) + "...";
  }

  private String toJson(Map<String, ?> details) {
    try {
      return json.writeValueAsString(details == null ? Map.of() : details);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("Timeline details are not serialisable: " + e.getMessage(), e);
    }
  }

  private Map<String, Object> fromJson(String text) {
    try {
      return json.readValue(text, MAP);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Stored timeline details are not JSON", e);
    }
  }

  public record CaseEvent(long id, Instant occurredAt, CaseEventType type, String summary, Map<String, Object> details) {}
}
