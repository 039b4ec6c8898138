package org.opencollections.audit;

import jakarta.persistence.EntityManagerFactory;
import java.math.BigDecimal;
import java.time.temporal.TemporalAccessor;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.persister.entity.EntityPersister;
import org.hibernate.proxy.HibernateProxy;
import org.springframework.stereotype.Component;

/**
 * The one shape of an audit entry (who, which entity, what action, the fields before and after), for the
 * audit trail's listener and for writers that store rows without Hibernate (the portfolio import's COPY): both
 * read an entity's fields through Hibernate's own mapping, so an imported debt's entry cannot drift from an
 * API-registered one's when a column is added.
 */
@Component
public class AuditEntries {

  private final SessionFactoryImplementor sessions;

  AuditEntries(EntityManagerFactory emf) {
    this.sessions = emf.unwrap(SessionFactoryImplementor.class);
  }

  /** A summary and details of an entry, ready for the case's timeline. */
  public record Entry(String summary, Map<String, Object> details) {}

  /**
   * The entry of this new entity's creation exactly as the audit trail writes it when Hibernate inserts it:
   * every mapped field, the empty ones too, by the actor given.
   */
  public Entry creation(Audited entity, String actor) {
    EntityPersister persister = sessions.getMappingMetamodel().getEntityDescriptor(entity.getClass());
    return entry(entity, persister.getIdentifier(entity, (org.hibernate.engine.spi.SharedSessionContractImplementor) null), "CREATED", Map.of(),
        state(persister.getPropertyNames(), persister.getValues(entity)), actor);
  }

  /** The fields of a new row as the audit records them (the listener's view of an insert). */
  static Map<String, Object> state(String[] names, Object[] values) {
    Map<String, Object> after = new LinkedHashMap<>();
    for (int i = 0; i < names.length; i++) {
      if (!ignored(names[i])) {
        after.put(names[i], plain(values[i]));
      }
    }
    return after;
  }

  static Entry entry(
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
    return new Entry(summary, details);
  }

  static boolean ignored(String property) {
    return property.equals("version");
  }

  /** A value as JSON shows it: money exact, times as ISO text, entities by their id. */
  static Object plain(Object value) {
    return switch (value) {
      case null -> null;
      case BigDecimal b -> b.toPlainString();
      case String s -> s;
      case Number n -> n;
      case Boolean b -> b;
      case Enum<?> e -> e.name();
      case TemporalAccessor t -> t.toString();
      case java.util.UUID u -> u.toString();
      case Collection<?> c -> null; // child collections are audited as entities of their own
      // a reference not loaded: its id, without a query
      case HibernateProxy p -> String.valueOf(p.getHibernateLazyInitializer().getIdentifier());
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
}
