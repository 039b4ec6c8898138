package org.opencollections.platform;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Who is doing what is being recorded: the signed-in user (API or workbench), or {@code process} for the
 * engine's workers and the application's own schedules. Collector performance is computed from it.
 */
public final class Actor {

  public static final String PROCESS = "process";

  private Actor() {}

  /** Whether the signed-in user hands out work (supervisors and admins): they may reassign a claimed case. */
  public static boolean assignsWork() {
    Authentication auth = SecurityContextHolder.getContext().getAuthentication();
    return auth != null && auth.isAuthenticated() && auth.getAuthorities().stream()
        .anyMatch(a -> "ROLE_SUPERVISOR".equals(a.getAuthority()) || "ROLE_ADMIN".equals(a.getAuthority()));
  }

  public static String current() {
    Authentication auth = SecurityContextHolder.getContext().getAuthentication();
    return auth == null || !auth.isAuthenticated() ? PROCESS : auth.getName();
  }
}
