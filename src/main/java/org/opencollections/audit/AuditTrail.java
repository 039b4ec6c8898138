package org.opencollections.audit;

import jakarta.persistence.EntityManagerFactory;
import java.math.BigDecimal;
import java.time.temporal.TemporalAccessor;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.event.service.spi.EventListenerRegistry;
import org.hibernate.event.spi.EventType;
import org.hibernate.event.spi.PostInsertEvent;
import org.hibernate.event.spi.PostInsertEventListener;
import org.hibernate.event.spi.PostUpdateEvent;
import org.hibernate.event.spi.PostUpdateEventListener;
import org.hibernate.persister.entity.EntityPersister;
import org.opencollections.timeline.CaseEventType;
import org.opencollections.timeline.Timeline;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * Writes an audit event for every insert and update of an {@link Audited} entity, in the same transaction:
 * who (the signed-in user, or "process" for the engine's workers and schedules), when, what (entity, id,
 * action), and the changed fields before and after. Events go into the case's append-only timeline as
 * {@code AUDIT}, so no change can happen without its record, and no record can be edited afterwards.
 */
@Component
class AuditTrail implements PostInsertEventListener, PostUpdateEventListener {

  static final String PROCESS = "process";

  private final Timeline timeline;
  private final JdbcTemplate jdbc;

  AuditTrail(EntityManagerFactory emf, Timeline timeline, JdbcTemplate jdbc) {
    this.timeline = timeline;
    this.jdbc = jdbc;
    EventListenerRegistry registry =
        emf.unwrap(SessionFactoryImplementor.class).getServiceRegistry().requireService(EventListenerRegistry.class);
    registry.appendListeners(EventType.POST_INSERT, this);
    registry.appendListeners(EventType.POST_UPDATE, this);
  }

  @Override
  public void onPostInsert(PostInsertEvent event) {
    if (event.getEntity() instanceof Audited audited) {
      String[] names = event.getPersister().getPropertyNames();
      Map<String, Object> after = new LinkedHashMap<>();
      for (int i = 0; i < names.length; i++) {
        if (!ignored(names[i])) {
          after.put(names[i], plain(event.getState()[i]));
        }
      }
      Object id = event.getId();
      String actor = actor();
      // with JDBC batching the row may not be written yet: the event waits until the session has flushed
      event.getSession().getActionQueue().registerProcess(
          (org.hibernate.action.spi.BeforeTransactionCompletionProcess)
              session -> write(audited, id, "CREATED", Map.of(), after, actor));
    }
  }

  @Override
  public void onPostUpdate(PostUpdateEvent event) {
    if (!(event.getEntity() instanceof Audited audited)) {
      return;
    }
    String[] names = event.getPersister().getPropertyNames();
    Object[] old = event.getOldState();
    Object[] now = event.getState();
    Map<String, Object> before = new LinkedHashMap<>();
    Map<String, Object> after = new LinkedHashMap<>();
    for (int i = 0; i < names.length; i++) {
      Object was = old == null ? null : plain(old[i]);
      Object is = plain(now[i]);
      if (!ignored(names[i]) && !java.util.Objects.equals(was, is)) {
        before.put(names[i], was);
        after.put(names[i], is);
      }
    }
    if (!after.isEmpty()) {
      write(audited, event.getId(), "CHANGED", before, after, actor());
    }
  }

  private void write(
      Audited audited, Object id, String action, Map<String, Object> before, Map<String, Object> after, String actor) {
    String entity = audited.getClass().getSimpleName();
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("actor", actor);
    details.put("entity", entity);
    details.put("entityId", String.valueOf(id));
    details.put("action", action);
    details.put("before", before);
    details.put("after", after);
    String summary = entity + " " + action.toLowerCase() + " by " + actor
        + (action.equals("CHANGED") ? ": " + String.join(", ", after.keySet()) : "");
    for (UUID debtId : debtsOf(audited)) {
      timeline.record(debtId, CaseEventType.AUDIT, summary, details);
    }
  }

  private List<UUID> debtsOf(Audited audited) {
    if (audited.auditedDebtId() != null) {
      return List.of(audited.auditedDebtId());
    }
    return audited.auditedDebtorId() == null
        ? List.of()
        : jdbc.queryForList("select id from debt where debtor_id = ?", UUID.class, audited.auditedDebtorId());
  }

  static String actor() {
    Authentication auth = SecurityContextHolder.getContext().getAuthentication();
    return auth == null || !auth.isAuthenticated() ? PROCESS : auth.getName();
  }

  private static boolean ignored(String property) {
    return property.equals("version");
  }

  /** A value as JSON shows it: money exact, times as ISO text, entities by their id. */
  private static Object plain(Object value) {
    return switch (value) {
      case null -> null;
      case BigDecimal b -> b.toPlainString();
      case String s -> s;
      case Number n -> n;
      case Boolean b -> b;
      case Enum<?> e -> e.name();
      case TemporalAccessor t -> t.toString();
      case UUID u -> u.toString();
      case Collection<?> c -> null; // child collections are audited as entities of their own
      default -> idOf(value);
    };
  }

  private static Object idOf(Object entity) {
    try {
      return String.valueOf(entity.getClass().getMethod("id").invoke(entity));
    } catch (ReflectiveOperationException e) {
      return String.valueOf(entity);
    }
  }

  @Override
  public boolean requiresPostCommitHandling(EntityPersister persister) {
    return false;
  }
}
