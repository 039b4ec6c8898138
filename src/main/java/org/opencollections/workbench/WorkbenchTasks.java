package org.opencollections.workbench;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.opencollections.platform.NotFoundException;
import org.opencollections.tasks.UserTasks;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * What the task page's script asks for: the task's form (the deployed {@code .form} file) and its completion,
 * through the same checks as {@code POST /api/tasks/{id}/complete}. A refused submission answers the API's
 * problem detail (400 with one message per field in {@code errors}), which the page shows in the form.
 */
@RestController
class WorkbenchTasks {

  private final UserTasks tasks;
  private final FormSchemas forms;

  WorkbenchTasks(UserTasks tasks, FormSchemas forms) {
    this.tasks = tasks;
    this.forms = forms;
  }

  @GetMapping(path = "/workbench/tasks/{id}/form", produces = MediaType.APPLICATION_JSON_VALUE)
  JsonNode form(@PathVariable long id, Authentication caller) {
    UserTasks.Task task = tasks.find(id, authorities(caller));
    return forms.of(task.formId()).orElseThrow(() -> new NotFoundException("Task " + id + " has no form"));
  }

  record Completed(long id, String name, String caseFile) {}

  @PostMapping(path = "/workbench/tasks/{id}/complete", produces = MediaType.APPLICATION_JSON_VALUE)
  Completed complete(@PathVariable long id, @RequestBody(required = false) Map<String, Object> variables, Authentication caller) {
    UserTasks.Task done = tasks.complete(id, variables, authorities(caller));
    return new Completed(done.id(), done.name(), "/workbench/cases/" + done.debtId());
  }

  static List<String> authorities(Authentication caller) {
    return caller.getAuthorities().stream().map(GrantedAuthority::getAuthority).toList();
  }
}
