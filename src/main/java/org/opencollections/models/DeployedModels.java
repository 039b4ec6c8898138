package org.opencollections.models;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.opencollections.process.EngineIdentity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Which models this application deployed on its engine, each with the SHA-256 of its file: a recorded
 * decision, contact-rule answer or stage change names version and checksum, so two different tables can never
 * look alike in the audit, and the exact file of any version can be read back. A version deployed again
 * unchanged keeps its row (the engine answers with the version it has).
 */
@Component
public class DeployedModels {

  /** One model of a deployment, as the engine answered it, with the bytes that were sent. */
  public record Deployed(
      ModelKind kind, String modelId, String name, int version, long engineKey, String resourceName, byte[] content) {}

  /** A deployed model as the API lists it. */
  public record ModelView(
      ModelKind kind, String id, String name, int version, String resourceName, String checksum, OffsetDateTime deployedAt) {}

  private record Version(ModelKind kind, String modelId, int version) {}

  private final JdbcTemplate jdbc;
  private final EngineIdentity engine;
  private final Clock clock;
  /** Rows never change: what was read once is kept (a few hundred entries at most). */
  private final Map<Version, String> checksums = new ConcurrentHashMap<>();
  private final Map<Long, Version> byKey = new ConcurrentHashMap<>();

  DeployedModels(JdbcTemplate jdbc, EngineIdentity engine, Clock clock) {
    this.jdbc = jdbc;
    this.engine = engine;
    this.clock = clock;
  }

  public static String sha256(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  /** Records what a deployment holds; versions already recorded stay as they are. */
  public void recordDeployment(List<Deployed> deployed) {
    OffsetDateTime now = clock.instant().atOffset(ZoneOffset.UTC);
    for (Deployed d : deployed) {
      jdbc.update(
          "insert into deployed_model (engine_epoch, kind, model_id, version, name, engine_key, resource_name, checksum,"
              + " deployed_at, content) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing",
          engine.epoch(), d.kind().name(), d.modelId(), d.version(), d.name(), d.engineKey(), d.resourceName(),
          sha256(d.content()), now, d.content());
    }
  }

  /** The checksum of that version's file, if this application deployed it (a cluster may have others). */
  public Optional<String> checksum(ModelKind kind, String modelId, int version) {
    Version v = new Version(kind, modelId, version);
    String known = checksums.get(v);
    if (known != null) {
      return Optional.of(known);
    }
    List<String> found = jdbc.queryForList(
        "select checksum from deployed_model where engine_epoch = ? and kind = ? and model_id = ? and version = ?",
        String.class, engine.epoch(), kind.name(), modelId, version);
    found.stream().findFirst().ifPresent(c -> checksums.put(v, c));
    return found.stream().findFirst();
  }

  /** Version and checksum of the process with this definition key, e.g. "debt-collection v3 (sha256 …)". */
  public Optional<Map<String, Object>> process(long processDefinitionKey) {
    Version v = byKey.get(processDefinitionKey);
    if (v == null) {
      List<Version> found = jdbc.query(
          "select model_id, version from deployed_model where engine_epoch = ? and engine_key = ? and kind = 'BPMN'",
          (rs, i) -> new Version(ModelKind.BPMN, rs.getString(1), rs.getInt(2)), engine.epoch(), processDefinitionKey);
      if (found.isEmpty()) {
        return Optional.empty();
      }
      v = found.getFirst();
      byKey.put(processDefinitionKey, v);
    }
    Version version = v;
    return checksum(ModelKind.BPMN, v.modelId(), v.version())
        .map(c -> Map.of("processId", version.modelId(), "processVersion", version.version(), "processChecksum", c));
  }

  /** Every version this application deployed on its engine, newest first within each model. */
  public List<ModelView> all() {
    return jdbc.query(
        "select kind, model_id, name, version, resource_name, checksum, deployed_at from deployed_model"
            + " where engine_epoch = ? order by kind, model_id, version desc",
        (rs, i) -> new ModelView(
            ModelKind.valueOf(rs.getString(1)), rs.getString(2), rs.getString(3), rs.getInt(4), rs.getString(5),
            rs.getString(6), rs.getObject(7, OffsetDateTime.class)),
        engine.epoch());
  }

  /** The file of one version (a model id is unique across kinds: one table's id is not a process's). */
  public Optional<Content> content(String modelId, int version) {
    return jdbc.query(
            "select kind, content from deployed_model where engine_epoch = ? and model_id = ? and version = ?"
                + " order by kind limit 1",
            (rs, i) -> new Content(ModelKind.valueOf(rs.getString(1)), rs.getBytes(2)), engine.epoch(), modelId, version)
        .stream().findFirst();
  }

  public record Content(ModelKind kind, byte[] bytes) {}
}
