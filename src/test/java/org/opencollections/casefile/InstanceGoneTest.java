package org.opencollections.casefile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.opencollections.support.Api.type;

import io.camunda.client.CamundaClient;
import org.junit.jupiter.api.Test;
import org.opencollections.support.Api;
import org.opencollections.support.CollectionsTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;

/** An open case whose instance someone cancels in the engine is started again at its stage, once. */
@CollectionsTest
class InstanceGoneTest {

  @Autowired TestRestTemplate http;
  @Autowired CamundaClient client;

  @Test
  void aCancelledInstanceOfAnOpenCaseIsStartedAgainAtItsStage() {
    Api api = new Api(http);
    String debt = api.createDebt("1500.00", api.dateInDays(-20), "PERSONAL_LOAN");
    api.awaitTimeline(debt, type("CONTACT"));
    api.awaitStage(debt, "SOFT_REMINDER");
    long cancelled = api.debt(debt).get("processInstanceKey").asLong();

    client.newCancelInstanceCommand(cancelled).send().join();

    await().atMost(Api.PATIENCE).until(() -> api.count(debt, type("CASE_RESUMED")) == 1);
    assertThat(api.debt(debt).get("processInstanceKey").asLong()).isNotEqualTo(cancelled);
    assertThat(api.debt(debt).get("stage").asText()).isEqualTo("SOFT_REMINDER");
    assertThat(api.count(debt, type("CONTACT"))).as("the reminder already sent is not sent again").isEqualTo(1);
  }
}
