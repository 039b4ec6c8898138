package org.opencollections.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencollections.support.AppProcess;
import org.opencollections.support.Apps;

/**
 * JSON logs switch on with Spring Boot's own property, although the connector runtime ships a Logback file of
 * its own: every log line of the application is then one JSON object a log shipper can read, on the console
 * and in a log file alike. The start is one
 * that is refused (a public address with the demo users), so it is quick and logs an error too.
 */
class StructuredLogsTest {

  @TempDir Path data;

  @Test
  void withBootsStructuredFormatEveryLogLineIsAJsonObject() throws Exception {
    Path output = Path.of("target", "structured-logs", UUID.randomUUID() + ".log");
    Path file = data.resolve("collections.log");
    try (AppProcess app = AppProcess.launch(output,
        Apps.args(data, "--server.address=0.0.0.0", "--logging.structured.format.console=ecs",
            "--logging.file.name=" + file, "--logging.structured.format.file=logstash"), AppProcess.freePort())) {
      assertThat(app.awaitExit(Duration.ofMinutes(2))).as("see " + output).isNotNull().isNotZero();
    }
    ObjectMapper json = new ObjectMapper();
    List<JsonNode> events = new ArrayList<>();
    for (String line : Files.readAllLines(output)) {
      // Boot's text pattern ("2027-03-01T15:00:00.000Z  INFO 123 --- [main] ...") must not appear any more
      assertThat(line).as("a log line in text form; see " + output)
          .doesNotContainPattern("^\\d{4}-\\d{2}-\\d{2}T\\S+\\s+(TRACE|DEBUG|INFO|WARN|ERROR) ");
      if (line.startsWith("{")) {
        events.add(json.readTree(line));
      }
    }
    assertThat(events).as("JSON log events in " + output).hasSizeGreaterThan(3);
    assertThat(events).allSatisfy(e -> {
      assertThat(e.has("@timestamp")).isTrue();
      assertThat(e.has("log.level") || e.path("log").has("level")).isTrue();
      assertThat(e.has("message")).isTrue();
    });
    assertThat(events).anySatisfy(e -> assertThat(e.get("message").asText()).contains("not a loopback address"));
    assertThat(Files.readAllLines(output)).as("Logback's own complaints about the configuration")
        .noneMatch(line -> line.contains("|-WARN") || line.contains("|-ERROR"));
    // the log file, in the format asked for it
    List<String> lines = Files.readAllLines(file);
    assertThat(lines).isNotEmpty();
    for (String line : lines) {
      assertThat(json.readTree(line).has("@version")).as("a logstash event: " + line).isTrue();
    }
  }
}
