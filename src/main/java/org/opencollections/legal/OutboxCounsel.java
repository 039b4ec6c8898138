package org.opencollections.legal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Stand-in for counsel's system: writes each referral package to the counsel_outbox table, where a person
 * (or a later integration) can read it. Idempotent per referral.
 */
@Component
class OutboxCounsel implements CounselPort {

  private final JdbcTemplate jdbc;
  private final ObjectMapper json;
  private final Clock clock;

  OutboxCounsel(JdbcTemplate jdbc, ObjectMapper json, Clock clock) {
    this.jdbc = jdbc;
    this.json = json;
    this.clock = clock;
  }

  @Override
  public String refer(UUID referralId, Map<String, Object> referralPackage) {
    try {
      jdbc.update(
          "insert into counsel_outbox (id, referral_id, payload, created_at) values (?, ?, cast(? as jsonb), ?)"
              + " on conflict (referral_id) do nothing",
          UUID.randomUUID(), referralId, json.writeValueAsString(referralPackage), Timestamp.from(clock.instant()));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("Referral package is not serialisable", e);
    }
    return "OUTBOX-" + referralId;
  }
}
