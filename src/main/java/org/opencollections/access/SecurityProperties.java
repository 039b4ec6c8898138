package org.opencollections.access;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The users of an installation: {@code collections.security.users[n].name / password / roles}. Passwords
 * carry their encoding, e.g. {@code {bcrypt}$2a$10$...}. Outside embedded mode these are the only users.
 */
@ConfigurationProperties("collections.security")
public record SecurityProperties(List<User> users) {

  public SecurityProperties {
    users = users == null ? List.of() : users;
  }

  public record User(String name, String password, List<Role> roles) {}
}
