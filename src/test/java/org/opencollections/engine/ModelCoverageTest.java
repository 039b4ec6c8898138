package org.opencollections.engine;

import org.opencollections.engine.embedded.EmbeddedEngine;
import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.instance.FlowNode;
import io.camunda.zeebe.protocol.record.ValueType;
import io.camunda.zeebe.protocol.record.intent.ProcessInstanceIntent;
import io.camunda.zeebe.protocol.record.value.ProcessInstanceRecordValue;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.opencollections.support.CollectionsTest;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Runs after every test that shares the application (class order): fails when any flow node of any model
 * in bpmn/ was never entered by some test. Run on its own, it fails: it measures the suite.
 */
@CollectionsTest
@Order(Integer.MAX_VALUE)
class ModelCoverageTest {

  @Autowired EmbeddedEngine engine;

  @Test
  void everyFlowNodeOfEveryModelIsCoveredBySomeTest() throws IOException {
    Set<String> entered = new HashSet<>();
    engine.readRecords(0, null, r -> {
          if (r.getValueType() == ValueType.PROCESS_INSTANCE
              && r.getIntent() == ProcessInstanceIntent.ELEMENT_ACTIVATED) {
            ProcessInstanceRecordValue v = (ProcessInstanceRecordValue) r.getValue();
            entered.add(v.getBpmnProcessId() + "#" + v.getElementId());
          }
        });

    Set<String> missing = new TreeSet<>();
    int nodes = 0;
    try (Stream<Path> models = Files.list(Path.of("bpmn"))) {
      for (Path model : models.filter(p -> p.toString().endsWith(".bpmn")).toList()) {
        var instance = Bpmn.readModelFromFile(model.toFile());
        String processId = instance.getModelElementsByType(io.camunda.zeebe.model.bpmn.instance.Process.class)
            .iterator().next().getId();
        for (FlowNode node : instance.getModelElementsByType(FlowNode.class)) {
          nodes++;
          if (!entered.contains(processId + "#" + node.getId())) {
            missing.add(model.getFileName() + ": " + node.getId() + " (" + node.getName() + ")");
          }
        }
      }
    }
    assertThat(nodes).isPositive();
    assertThat(missing).as("flow nodes that no test entered").isEmpty();
  }
}
