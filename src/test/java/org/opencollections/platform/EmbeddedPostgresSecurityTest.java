package org.opencollections.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.opencollections.support.CollectionsTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;

/** The embedded PostgreSQL admits nobody without its generated password, over TCP or its local socket. */
@CollectionsTest
class EmbeddedPostgresSecurityTest {

  @Autowired Environment env;
  @Autowired JdbcTemplate jdbc;

  @Test
  void everyConnectionNeedsTheGeneratedPassword() throws Exception {
    String url = env.getProperty("spring.datasource.url");
    Path dataDir = Path.of(jdbc.queryForObject("select current_setting('data_directory')", String.class));
    Path file = dataDir.resolve(EmbeddedPostgresInitializer.PASSWORD_FILE);

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    String password = Files.readString(file).strip();
    assertThat(password).hasSizeGreaterThanOrEqualTo(32).isNotEqualTo("postgres");
    assertThat(env.getProperty("spring.datasource.password")).isEqualTo(password);
    assertThat(jdbc.queryForObject("select count(*) from pg_hba_file_rules where auth_method = 'trust'", Integer.class))
        .isZero();

    assertThatThrownBy(() -> DriverManager.getConnection(url, "postgres", "")).isInstanceOf(SQLException.class);
    assertThatThrownBy(() -> DriverManager.getConnection(url, "postgres", "postgres"))
        .isInstanceOf(SQLException.class).hasMessageContaining("password authentication failed");
    try (var connection = DriverManager.getConnection(url, "postgres", password)) {
      assertThat(connection.isValid(2)).isTrue();
    }
  }
}
