package org.opencollections.audit;

import jakarta.persistence.EntityManagerFactory;
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
import org.opencollections.platform.Actor;
import org.opencollections.timeline.CaseEventType;
import org.opencollections.timeline.Timeline;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Writes an audit event for every insert and update of an {@link Audited} entity, in the same transaction:
 * who (the signed-in user, or "process" for the engine's workers and schedules), when, what (entity, id,
 * action), and the changed fields before and after. Events go into the case's append-only timeline as
 * {@code AUDIT}, so no change can happen without its record, and no record can be edited afterwards.
 */
@Component
class AuditTrail implements PostInsertEventListener, PostUpdateEventListener {

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
      Map<String, Object> after = AuditEntries.state(event.getPersister().getPropertyNames(), event.getState());
      Object id = event.getId();
      String actor = Actor.current();
      // with JDBC batching the row may not be written yet: the event waits until the session has flushed
      event.getSession().getActionQueue().registerProcess(
          (org.hibernate.action.spi.BeforeTransactionCompletionProcess)
              session -> write(audited, AuditEntries.entry(audited, id, "CREATED", Map.of(), after, actor)));
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
      Object was = old == null ? null : AuditEntries.plain(old[i]);
      Object is = AuditEntries.plain(now[i]);
      if (!AuditEntries.ignored(names[i]) && !java.util.Objects.equals(was, is)) {
        before.put(names[i], was);
        after.put(names[i], is);
      }
    }
    if (!after.isEmpty()) {
      write(audited, AuditEntries.entry(audited, event.getId(), "CHANGED", before, after, Actor.current()));
    }
  }

  private void write(Audited audited, AuditEntries.Entry entry) {
    for (UUID debtId : debtsOf(audited)) {
      timeline.record(debtId, CaseEventType.AUDIT, entry.summary(), entry.details());
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

  @Override
  public boolean requiresPostCommitHandling(EntityPersister persister) {
    return false;
  }
}
