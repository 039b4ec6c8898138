package org.opencollections.tasks;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.opencollections.access.Role;
import org.opencollections.process.EngineIdentity;
import org.opencollections.process.ModelCatalog;
import org.opencollections.intake.Debt;
import org.opencollections.intake.DebtRepository;
import org.opencollections.platform.InvalidInputException;
import org.opencollections.platform.NotFoundException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** The operators' work list: open user tasks of all cases, highest priority first. */
@RestController
class TaskController {

  private final UserTaskGateway tasks;
  private final DebtRepository debts;
  private final ModelCatalog models;
  private final TaskForms forms;
  private final EngineIdentity workflow;

  TaskController(UserTaskGateway tasks, DebtRepository debts, ModelCatalog models, TaskForms forms, EngineIdentity workflow) {
    this.tasks = tasks;
    this.debts = debts;
    this.models = models;
    this.forms = forms;
    this.workflow = workflow;
  }

  record TaskView(
      long id, String name, String elementId, UUID debtId, String candidateGroup, List<String> candidateGroups,
      String dueDate, int priority, String formId) {}

  /** The open tasks the caller's role may work on (an operator sees the operators' tasks, not approvals). */
  @GetMapping("/api/tasks")
  List<TaskView> open(Authentication caller) {
    Set<String> groups = groupsOf(caller);
    List<OpenUserTask> open = tasks.openTasks().stream().filter(t -> mayWork(groups, t)).toList();
    Map<Long, UUID> debtByInstance =
        debts.findByProcessInstanceKeyInAndEngineEpoch(
                open.stream().map(OpenUserTask::processInstanceKey).toList(), workflow.epoch())
            .stream()
            .collect(Collectors.toMap(Debt::processInstanceKey, Debt::id, (a, b) -> a));
    return open.stream().map(t -> view(t, debtByInstance.get(t.processInstanceKey()))).toList();
  }

  @PostMapping("/api/tasks/{id}/complete")
  TaskView complete(
      @PathVariable long id, @RequestBody(required = false) Map<String, Object> variables, Authentication caller) {
    OpenUserTask task = tasks.find(id).orElseThrow(() -> new NotFoundException("No open task " + id));
    if (!mayWork(groupsOf(caller), task)) {
      throw new AccessDeniedException(
          "Task " + id + " (" + models.nameOf(task.elementId()) + ") is for " + task.candidateGroups() + "; your role may not complete it");
    }
    Debt debt =
        debts.findByProcessInstanceKeyAndEngineEpoch(task.processInstanceKey(), workflow.epoch())
            .orElseThrow(() -> new NotFoundException("Task " + id + " belongs to no known case"));
    Map<String, Object> submitted = variables == null ? Map.of() : variables;
    if (submitted.containsKey("debtId")) {
      throw new InvalidInputException("debtId", "cannot be changed from a task");
    }
    forms.check(task.formId(), debt.id(), submitted);
    tasks.complete(id, submitted);
    return view(task, debt.id());
  }

  private static Set<String> groupsOf(Authentication caller) {
    return Role.taskGroups(caller.getAuthorities().stream().map(GrantedAuthority::getAuthority).toList());
  }

  /** A task without candidate groups is anyone's who works tasks; otherwise one group must match. */
  private static boolean mayWork(Set<String> groups, OpenUserTask t) {
    return t.candidateGroups() == null || t.candidateGroups().isEmpty()
        ? !groups.isEmpty()
        : t.candidateGroups().stream().anyMatch(groups::contains);
  }

  private TaskView view(OpenUserTask t, UUID debtId) {
    List<String> groups = t.candidateGroups() == null ? List.of() : t.candidateGroups();
    return new TaskView(
        t.key(), models.nameOf(t.elementId()), t.elementId(), debtId, groups.isEmpty() ? null : groups.getFirst(), groups,
        t.dueDate(), t.priority(), t.formId());
  }
}
