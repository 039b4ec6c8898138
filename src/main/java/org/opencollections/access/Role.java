package org.opencollections.access;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Who works with the system, each allowed only what the role needs. A role also names the candidate groups
 * of the user tasks its holders may work on (the groups the BPMN assigns tasks to).
 */
public enum Role {
  /** Works the negotiation queue: contacts debtors, records promises, plans, payments and disputes. */
  OPERATOR(List.of("operators")),
  /** Approves settlements, legal referrals and write-offs; registers debts and imports portfolios. */
  SUPERVISOR(List.of("operators", "supervisors")),
  /** Owns the process and its decision tables: reads everything, changes nothing through the API. */
  PROCESS_OWNER(List.of()),
  /** Reviews contacts and holds, verifies disputes, reads the audit trail. */
  COMPLIANCE_OFFICER(List.of()),
  /** Runs the installation: everything, including the simulated clock. */
  ADMIN(List.of("operators", "supervisors")),
  /** A Prometheus server's scrape user: reads /actuator/prometheus and nothing else (no case, no debtor). */
  METRICS_SCRAPER(List.of());

  /** The roles of people who work cases: every role but the scrape user's. */
  public static Role[] people() {
    return java.util.Arrays.stream(values()).filter(r -> r != METRICS_SCRAPER).toArray(Role[]::new);
  }

  private final List<String> taskGroups;

  Role(List<String> taskGroups) {
    this.taskGroups = taskGroups;
  }

  public String authority() {
    return "ROLE_" + name();
  }

  /** The candidate groups of the tasks that holders of these authorities may see and complete. */
  public static Set<String> taskGroups(Collection<String> authorities) {
    return authorities.stream()
        .filter(a -> a.startsWith("ROLE_"))
        .map(a -> a.substring(5))
        .filter(r -> List.of(values()).stream().anyMatch(v -> v.name().equals(r)))
        .flatMap(r -> valueOf(r).taskGroups.stream())
        .collect(Collectors.toUnmodifiableSet());
  }
}
