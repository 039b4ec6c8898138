package org.opencollections.casefile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.opencollections.support.Api.type;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencollections.CollectionsApplication;
import org.opencollections.support.Api;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.web.client.RestTemplateBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The in-process engine forgets its instances when the application stops; PostgreSQL does not. After a
 * restart on the same data directory every open case runs again from the stage it had reached.
 */
@Order(20)
class RestartResumeTest {

  @TempDir Path data;

  ConfigurableApplicationContext start() {
    // command-line arguments, so that they win over application.yml
    return new SpringApplicationBuilder(CollectionsApplication.class)
        .run(
            "--server.port=0",
            "--collections.engine.port=0",
            "--collections.postgres.data-dir=" + data,
            "--collections.postgres.durable=false",
            "--collections.mail.embedded-port=0",
            "--collections.resume.retry-interval=PT1H",
            "--collections.simulation.start=" + org.opencollections.support.CollectionsTest.START);
  }

  static Api api(ConfigurableApplicationContext app) {
    String port = app.getEnvironment().getProperty("local.server.port");
    return new Api(new TestRestTemplate(new RestTemplateBuilder().rootUri("http://localhost:" + port)));
  }

  @Test
  void openCasesResumeAtTheirStageAfterARestart() {
    String negotiating;
    String reminding;
    String monitoring;
    String paid;
    String disputed;
    String disputeHold;
    long oldInstance;
    try (ConfigurableApplicationContext first = start()) {
      Api api = api(first);
      negotiating = api.createDebt("12000.00", api.dateInDays(-20), "PERSONAL_LOAN");
      monitoring = api.createDebt("12000.00", api.dateInDays(-20), "PERSONAL_LOAN");
      paid = api.createDebt("12000.00", api.dateInDays(-20), "PERSONAL_LOAN");
      disputed = api.createDebt("12000.00", api.dateInDays(-20), "PERSONAL_LOAN");
      for (String debt : new String[] {negotiating, monitoring, paid, disputed}) {
        api.awaitTimeline(debt, type("CONTACT")); // each reminder interval starts once its reminder is out
      }
      api.advance("P3D");
      api.awaitTask(negotiating, "Task_NegotiateWithDebtor");
      api.completeTaskOk(
          monitoring, "Task_NegotiateWithDebtor",
          Map.of("outcome", "PROMISE_TO_PAY", "promiseAmount", 5000, "promiseDate", api.dateInDays(5)));
      api.awaitStage(monitoring, "MONITORING");
      api.pay(paid, "PAY-" + UUID.randomUUID(), "12000.00");
      reminding = api.createDebt("1500.00", api.dateInDays(-20), "PERSONAL_LOAN");
      api.awaitTimeline(reminding, type("CONTACT"));
      api.awaitStage(reminding, "SOFT_REMINDER");
      disputeHold =
          "/api/debts/" + disputed + "/holds/"
              + api.post("/api/debts/" + disputed + "/holds", Map.of("kind", "DISPUTE")).getBody().get("id").asText();
      api.awaitStage(disputed, "ON_HOLD");
      oldInstance = api.debt(negotiating).get("processInstanceKey").asLong();
    }

    try (ConfigurableApplicationContext second = start()) {
      Api api = api(second);
      JsonNode task = api.awaitTask(negotiating, "Task_NegotiateWithDebtor");
      assertThat(task.get("debtId").asText()).isEqualTo(negotiating);
      assertThat(api.debt(negotiating).get("processInstanceKey").asLong()).isNotEqualTo(oldInstance);
      assertThat(api.count(negotiating, type("CASE_RESUMED"))).isEqualTo(1);
      assertThat(api.debt(paid).get("status").asText()).isEqualTo("PAID");
      assertThat(api.count(paid, type("CASE_RESUMED"))).as("closed cases are not resumed").isZero();
      assertThat(api.debt(monitoring).get("stage").asText()).isEqualTo("MONITORING");
      assertThat(api.debt(reminding).get("stage").asText()).isEqualTo("SOFT_REMINDER");
      assertThat(api.count(reminding, type("CONTACT"))).as("the first reminder is not sent again").isEqualTo(1);

      api.pay(monitoring, "PAY-" + UUID.randomUUID(), "5000.00");
      api.advance("P10D");
      api.awaitTimeline(monitoring, type("INSTALMENT_PAID"));
      await().atMost(Api.PATIENCE).until(() -> api.count(reminding, type("CONTACT")) == 2);
      // the case on hold waits for its release in the new instance too, then negotiation resumes
      assertThat(api.debt(disputed).get("stage").asText()).isEqualTo("ON_HOLD");
      assertThat(api.post(disputeHold + "/verification", Map.of()).getStatusCode().value()).isEqualTo(200);
      api.awaitTask(disputed, "Task_NegotiateWithDebtor");
    }
  }
}
