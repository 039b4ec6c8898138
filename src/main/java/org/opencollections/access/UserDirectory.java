package org.opencollections.access;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;

/**
 * Who the installation's users are and which roles they hold (never their passwords): the same users the
 * login knows, so a feature can ask "is this a known operator?" and list the operators.
 */
public final class UserDirectory {

  private final List<UserDetails> users;

  UserDirectory(List<UserDetails> users) {
    this.users = List.copyOf(users);
  }

  /** Copies for the login's user store (it erases the credentials of what it is given after a login). */
  List<UserDetails> details() {
    return users.stream()
        .map(u -> User.withUserDetails(u).build())
        .map(UserDetails.class::cast)
        .toList();
  }

  public boolean has(String name, Role role) {
    return rolesOf(name).map(roles -> roles.contains(role)).orElse(false);
  }

  /** The names of the users who hold this role, in alphabetical order. */
  public List<String> withRole(Role role) {
    return users.stream().filter(u -> roles(u).contains(role)).map(UserDetails::getUsername).sorted().distinct().toList();
  }

  private Optional<Set<Role>> rolesOf(String name) {
    return users.stream().filter(u -> u.getUsername().equals(name)).findFirst().map(UserDirectory::roles);
  }

  private static Set<Role> roles(UserDetails user) {
    return user.getAuthorities().stream()
        .map(GrantedAuthority::getAuthority)
        .filter(a -> a.startsWith("ROLE_"))
        .map(a -> a.substring("ROLE_".length()))
        .flatMap(a -> java.util.Arrays.stream(Role.values()).filter(r -> r.name().equals(a)))
        .collect(Collectors.toUnmodifiableSet());
  }
}
