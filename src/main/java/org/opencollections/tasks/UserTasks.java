package org.opencollections.tasks;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.opencollections.access.Role;
import org.opencollections.intake.Debt;
import org.opencollections.intake.DebtRepository;
import org.opencollections.platform.InvalidInputException;
import org.opencollections.platform.NotFoundException;
import org.opencollections.process.EngineIdentity;
import org.opencollections.process.ModelCatalog;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;

/**
 * The open user tasks a person may work on, and completing one: the same rules for the API and the
 * workbench (the caller's candidate groups, the form's own fields only, the form's checks before the engine).
 */
@Service
public class UserTasks {

  private final UserTaskGateway tasks;
  private final DebtRepository debts;
  private final ModelCatalog models;
  private final TaskForms forms;
  private final EngineIdentity workflow;
  private final org.opencollections.timeline.TaskCompletions completions;

  UserTasks(UserTaskGateway tasks, DebtRepository debts, ModelCatalog models, TaskForms forms, EngineIdentity workflow,
      org.opencollections.timeline.TaskCompletions completions) {
    this.completions = completions;
    this.tasks = tasks;
    this.debts = debts;
    this.models = models;
    this.forms = forms;
    this.workflow = workflow;
  }

  /** An open task as a person sees it: what it is called, its case, its form. */
  public record Task(
      long id, String name, String elementId, UUID debtId, String candidateGroup, List<String> candidateGroups,
      String dueDate, int priority, String formId) {}

  /** The open tasks that holders of these authorities may work on. */
  public List<Task> open(Collection<String> authorities) {
    Set<String> groups = Role.taskGroups(authorities);
    List<OpenUserTask> open = tasks.openTasks().stream().filter(t -> mayWork(groups, t)).toList();
    Map<Long, UUID> debtByInstance =
        debts.findByProcessInstanceKeyInAndEngineEpoch(
                open.stream().map(OpenUserTask::processInstanceKey).toList(), workflow.epoch())
            .stream()
            .collect(Collectors.toMap(Debt::processInstanceKey, Debt::id, (a, b) -> a));
    return open.stream().map(t -> view(t, debtByInstance.get(t.processInstanceKey()))).toList();
  }

  /** The open tasks of one case these authorities may work on. */
  public List<Task> openOf(UUID debtId, Collection<String> authorities) {
    Debt debt = debts.findById(debtId).orElseThrow(() -> new NotFoundException("No debt " + debtId));
    if (debt.processInstanceKey() == null || !workflow.epoch().equals(debt.engineEpoch())) {
      return List.of();
    }
    Set<String> groups = Role.taskGroups(authorities);
    return tasks.openTasks().stream()
        .filter(t -> t.processInstanceKey() == debt.processInstanceKey() && mayWork(groups, t))
        .map(t -> view(t, debtId))
        .toList();
  }

  /** One open task these authorities may work on; refused (403) if it is another group's. */
  public Task find(long id, Collection<String> authorities) {
    OpenUserTask task = tasks.find(id).orElseThrow(() -> new NotFoundException("No open task " + id));
    requireMayWork(id, task, authorities);
    return view(task, debtOf(id, task).id());
  }

  /** Checks the submission against the task's form, then completes the task; returns once the engine accepted it. */
  public Task complete(long id, Map<String, Object> variables, Collection<String> authorities) {
    OpenUserTask task = tasks.find(id).orElseThrow(() -> new NotFoundException("No open task " + id));
    requireMayWork(id, task, authorities);
    Debt debt = debtOf(id, task);
    Map<String, Object> submitted = variables == null ? Map.of() : variables;
    if (submitted.containsKey("debtId")) {
      throw new InvalidInputException("debtId", "cannot be changed from a task");
    }
    String me = org.opencollections.platform.Actor.current();
    if (debt.assignee() != null && !debt.assignee().equals(me) && !org.opencollections.platform.Actor.assignsWork()) {
      throw new org.opencollections.platform.ConflictException(
          "Task " + id + " is on a case claimed by " + debt.assignee() + "; a supervisor can reassign it");
    }
    forms.check(task.formId(), debt.id(), submitted);
    if (task.elementInstanceKey() != 0) {
      // who completes it, committed before the engine hears of it: the timeline's entry names them
      completions.requested(task.elementInstanceKey(), me);
    }
    tasks.complete(id, submitted);
    return view(task, debt.id());
  }

  private void requireMayWork(long id, OpenUserTask task, Collection<String> authorities) {
    if (!mayWork(Role.taskGroups(authorities), task)) {
      throw new AccessDeniedException(
          "Task " + id + " (" + models.nameOf(task.elementId()) + ") is for " + task.candidateGroups()
              + "; your role may not complete it");
    }
  }

  private Debt debtOf(long id, OpenUserTask task) {
    return debts.findByProcessInstanceKeyAndEngineEpoch(task.processInstanceKey(), workflow.epoch())
        .orElseThrow(() -> new NotFoundException("Task " + id + " belongs to no known case"));
  }

  /** A task without candidate groups is anyone's who works tasks; otherwise one group must match. */
  private static boolean mayWork(Set<String> groups, OpenUserTask t) {
    return t.candidateGroups() == null || t.candidateGroups().isEmpty()
        ? !groups.isEmpty()
        : t.candidateGroups().stream().anyMatch(groups::contains);
  }

  private Task view(OpenUserTask t, UUID debtId) {
    List<String> groups = t.candidateGroups() == null ? List.of() : t.candidateGroups();
    return new Task(
        t.key(), models.nameOf(t.elementId()), t.elementId(), debtId, groups.isEmpty() ? null : groups.getFirst(), groups,
        t.dueDate(), t.priority(), t.formId());
  }
}
