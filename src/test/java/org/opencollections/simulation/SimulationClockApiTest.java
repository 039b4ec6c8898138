package org.opencollections.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.opencollections.support.Api;
import org.opencollections.support.CollectionsTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.ResponseEntity;

/** Moving the simulated clock to a moment lands on that moment, however long the engine takes to settle. */
@CollectionsTest
class SimulationClockApiTest {

  @Autowired TestRestTemplate http;

  @Test
  void toLandsOnTheMomentAskedEvenWhileTheEngineIsBusy() {
    Api api = new Api(http);
    for (int i = 0; i < 5; i++) {
      api.createDebt("1500.00", api.dateInDays(-20), "PERSONAL_LOAN"); // work the clock waits for
    }
    Instant now = Instant.parse(api.get("/api/simulation/clock").getBody().get("now").asText());
    Instant target = now.plus(Duration.ofHours(2));
    ResponseEntity<JsonNode> moved = api.post("/api/simulation/clock", Map.of("to", target.toString()));
    assertThat(moved.getStatusCode().value()).isEqualTo(200);
    Instant landed = Instant.parse(moved.getBody().get("now").asText());
    // the clock waits for the engine to be quiet for 300 ms first: a step measured before that wait overshoots
    assertThat(Duration.between(target, landed)).isBetween(Duration.ZERO, Duration.ofMillis(250));
  }
}
