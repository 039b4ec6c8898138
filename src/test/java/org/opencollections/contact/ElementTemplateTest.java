package org.opencollections.contact;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.model.bpmn.instance.ServiceTask;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeInput;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeIoMapping;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeTaskDefinition;
import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The element template in element-templates/ (generated from the connector's annotations by the build) is the
 * one the model's contact steps use: same task type, every field it binds set on every step.
 */
class ElementTemplateTest {

  static final String TEMPLATE_ID = "org.opencollections.contact-debtor";

  @Test
  void everyContactStepOfTheModelUsesTheConnectorsTemplate() throws Exception {
    JsonNode template = new ObjectMapper().readTree(new File("element-templates/contact-debtor.json"));
    assertThat(template.get("id").asText()).isEqualTo(TEMPLATE_ID);
    String type = null;
    List<String> inputs = new ArrayList<>();
    for (JsonNode property : template.get("properties")) {
      JsonNode binding = property.get("binding");
      if ("zeebe:taskDefinition".equals(binding.get("type").asText()) && "type".equals(binding.path("property").asText())) {
        type = property.get("value").asText();
      }
      if ("zeebe:input".equals(binding.get("type").asText()) && !property.path("optional").asBoolean(false)) {
        inputs.add(binding.get("name").asText());
      }
    }
    assertThat(type).isEqualTo(ContactDebtorConnector.TYPE);
    assertThat(inputs).contains("debtId", "channel", "template", "tone");

    BpmnModelInstance model = Bpmn.readModelFromFile(new File("bpmn/debt-collection.bpmn"));
    List<ServiceTask> contactSteps = new ArrayList<>();
    for (ServiceTask task : model.getModelElementsByType(ServiceTask.class)) {
      String taskType = task.getSingleExtensionElement(ZeebeTaskDefinition.class).getType();
      if (taskType.equals(ContactDebtorConnector.TYPE)) {
        contactSteps.add(task);
      }
      assertThat(taskType).as(task.getName() + " contacts the debtor only through the connector").doesNotContain("send-contact");
    }
    assertThat(contactSteps).extracting(ServiceTask::getName)
        .contains("Send soft reminder", "Send final notice", "Send cease confirmation");
    for (ServiceTask step : contactSteps) {
      assertThat(step.getAttributeValueNs("http://camunda.org/schema/zeebe/1.0", "modelerTemplate")).isEqualTo(TEMPLATE_ID);
      Set<String> set =
          step.getSingleExtensionElement(ZeebeIoMapping.class).getInputs().stream()
              .map(ZeebeInput::getTarget)
              .collect(Collectors.toSet());
      assertThat(set).as(step.getName()).containsAll(inputs);
    }
  }
}
