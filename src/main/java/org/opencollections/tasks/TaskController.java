package org.opencollections.tasks;

import java.util.List;
import java.util.Map;
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

  private final UserTasks tasks;

  TaskController(UserTasks tasks) {
    this.tasks = tasks;
  }

  /** The open tasks the caller's role may work on (an operator sees the operators' tasks, not approvals). */
  @GetMapping("/api/tasks")
  List<UserTasks.Task> open(Authentication caller) {
    return tasks.open(authorities(caller));
  }

  @PostMapping("/api/tasks/{id}/complete")
  UserTasks.Task complete(
      @PathVariable long id, @RequestBody(required = false) Map<String, Object> variables, Authentication caller) {
    return tasks.complete(id, variables, authorities(caller));
  }

  private static List<String> authorities(Authentication caller) {
    return caller.getAuthorities().stream().map(GrantedAuthority::getAuthority).toList();
  }
}
