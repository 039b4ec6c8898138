package org.opencollections.engine;

import org.opencollections.engine.embedded.EmbeddedEngine;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.camunda.zeebe.protocol.record.ValueType;
import io.camunda.zeebe.protocol.record.intent.IncidentIntent;
import io.camunda.zeebe.protocol.record.value.IncidentRecordValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.opencollections.support.Api;
import org.opencollections.support.CollectionsTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;

/** A worker given input that retrying cannot fix raises an incident at once, saying what is wrong. */
@CollectionsTest
@Order(4)
class JobFailurePolicyTest {

  @Autowired TestRestTemplate http;
  @Autowired EmbeddedEngine engine;
  @Autowired io.micrometer.core.instrument.MeterRegistry meters;

  @Test
  void badInputFromOutsideTheApiBecomesAnIncidentThatNamesTheField() {
    Api api = new Api(http);
    String debt = api.createDebt("11000.00", api.dateInDays(-20), "PERSONAL_LOAN");
    api.awaitTimeline(debt, Api.type("CONTACT"));
    api.advance("P3D");
    JsonNode task = api.awaitTask(debt, "Task_NegotiateWithDebtor");
    long instance = api.debt(debt).get("processInstanceKey").asLong();
    double incidentsBefore = incidents("record-commitment");

    // as if completed in Tasklist with a form that skipped validation: the API would have refused it
    engine.completeUserTask(
        task.get("id").asLong(), Map.of("outcome", "PROMISE_TO_PAY", "promiseAmount", -5, "promiseDate", "2020-01-01"));

    IncidentRecordValue incident =
        await().atMost(Api.PATIENCE).until(() -> incidentOf(instance), i -> i != null);
    assertThat(incident.getElementId()).isEqualTo("Task_RecordPromiseToPay");
    assertThat(incident.getErrorMessage()).contains("Bad input").contains("promiseAmount").contains("promiseDate");
    assertThat(api.count(debt, Api.type("COMMITMENT_RECORDED"))).isZero();

    // what an operator watching the metrics sees: which worker raised an incident and why, and how its jobs went
    assertThat(incidents("record-commitment")).isEqualTo(incidentsBefore + 1);
    assertThat(meters.find("collections.worker.handling").tags("type", "record-commitment", "outcome", "failed").timer())
        .isNotNull().satisfies(t -> assertThat(t.count()).isPositive());
    assertThat(meters.find("collections.worker.handling").tags("type", "record-stage", "outcome", "completed").timer())
        .isNotNull().satisfies(t -> assertThat(t.count()).isPositive());
    assertThat(meters.find("camunda.job.invocations").tags("action", "failed", "type", "record-commitment").counter())
        .isNotNull().satisfies(c -> assertThat(c.count()).isPositive());
  }

  private double incidents(String type) {
    var counter = meters.find("collections.worker.incidents").tags("type", type, "cause", "bad-input").counter();
    return counter == null ? 0 : counter.count();
  }

  private IncidentRecordValue incidentOf(long processInstanceKey) {
    List<IncidentRecordValue> found = new ArrayList<>();
    engine.readRecords(0, null, r -> {
          if (r.getValueType() == ValueType.INCIDENT && r.getIntent() == IncidentIntent.CREATED) {
            IncidentRecordValue v = (IncidentRecordValue) r.getValue();
            if (v.getProcessInstanceKey() == processInstanceKey) {
              found.add(v);
            }
          }
        });
    return found.isEmpty() ? null : found.getFirst();
  }
}
