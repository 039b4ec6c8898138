package org.opencollections.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.zeebe.client.ZeebeClient;
import io.camunda.zeebe.client.api.command.DeployResourceCommandStep1.DeployResourceCommandStep2;
import io.camunda.zeebe.client.api.response.Decision;
import io.camunda.zeebe.client.api.response.DeploymentEvent;
import io.camunda.zeebe.client.api.response.Form;
import io.camunda.zeebe.client.api.response.Process;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.model.bpmn.instance.ExclusiveGateway;
import io.camunda.zeebe.model.bpmn.instance.FlowNode;
import io.camunda.zeebe.model.bpmn.instance.Gateway;
import io.camunda.zeebe.model.bpmn.instance.SequenceFlow;
import io.camunda.zeebe.model.bpmn.instance.bpmndi.BpmnEdge;
import io.camunda.zeebe.model.bpmn.instance.bpmndi.BpmnShape;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeFormDefinition;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeHeader;
import io.camunda.zeebe.process.test.api.ZeebeTestEngine;
import io.camunda.zeebe.process.test.extension.ZeebeProcessTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * The models in bpmn/ and dmn/ as the application deploys them: all in one deployment, each process
 * drawn and labelled so that it opens cleanly in Camunda Modeler, and every form and decision the
 * process names present beside it.
 */
@ZeebeProcessTest
@Order(0) // before the shared application starts its engine: one engine at a time
class ModelsDeployTest {

  ZeebeTestEngine engine;
  ZeebeClient client;

  @Test
  void deploysEveryModelInOneDeployment() throws IOException {
    List<Path> files = models("bpmn", "dmn");
    assertThat(files).isNotEmpty();

    DeployResourceCommandStep2 command = null;
    for (Path file : files) {
      command =
          command == null
              ? client.newDeployResourceCommand().addResourceFile(file.toString())
              : command.addResourceFile(file.toString());
    }
    DeploymentEvent deployment = command.send().join();

    assertThat(deployment.getProcesses()).extracting(Process::getBpmnProcessId).contains("debt-collection");
    assertThat(deployment.getDecisions())
        .extracting(Decision::getDmnDecisionId)
        .contains("debt-segmentation", "escalation-policy", "write-off-policy");
    assertThat(deployment.getForm())
        .extracting(Form::getFormId)
        .contains("negotiation-outcome", "settlement-approval", "legal-referral-approval", "write-off-approval");

    // what the processes refer to by id must be in the same deployment
    Set<String> decisions =
        deployment.getDecisions().stream().map(Decision::getDmnDecisionId).collect(Collectors.toSet());
    Set<String> forms = deployment.getForm().stream().map(Form::getFormId).collect(Collectors.toSet());
    for (Path file : models("bpmn")) {
      if (!file.toString().endsWith(".bpmn")) {
        continue;
      }
      BpmnModelInstance model = Bpmn.readModelFromFile(file.toFile());
      for (ZeebeFormDefinition form : model.getModelElementsByType(ZeebeFormDefinition.class)) {
        assertThat(forms).as("form linked in %s", file).contains(form.getFormId());
      }
      for (ZeebeHeader header : model.getModelElementsByType(ZeebeHeader.class)) {
        if ("decisionId".equals(header.getKey())) {
          assertThat(decisions).as("decision named in %s", file).contains(header.getValue());
        }
      }
    }
  }

  @Test
  void everyFlowNodeIsNamedAndDrawnAndEveryChoiceHasADefault() throws IOException {
    for (Path file : models("bpmn")) {
      if (!file.toString().endsWith(".bpmn")) {
        continue;
      }
      BpmnModelInstance model = Bpmn.readModelFromFile(file.toFile());
      Bpmn.validateModel(model);

      Set<String> shapes =
          model.getModelElementsByType(BpmnShape.class).stream()
              .map(shape -> shape.getBpmnElement().getId())
              .collect(Collectors.toSet());
      Set<String> edges =
          model.getModelElementsByType(BpmnEdge.class).stream()
              .map(edge -> edge.getBpmnElement().getId())
              .collect(Collectors.toSet());

      List<FlowNode> nodes = List.copyOf(model.getModelElementsByType(FlowNode.class));
      assertThat(nodes).isNotEmpty();
      for (FlowNode node : nodes) {
        assertThat(shapes).as("%s: shape of %s", file, node.getId()).contains(node.getId());
        if (!isJoin(node)) {
          assertThat(node.getName()).as("%s: name of %s", file, node.getId()).isNotBlank();
        }
        if (node instanceof ExclusiveGateway choice && choice.getOutgoing().size() > 1) {
          assertThat(choice.getDefault()).as("%s: default flow of %s", file, node.getId()).isNotNull();
        }
      }
      for (SequenceFlow flow : model.getModelElementsByType(SequenceFlow.class)) {
        assertThat(edges).as("%s: edge of %s", file, flow.getId()).contains(flow.getId());
      }
    }
  }

  /** A gateway that merges paths and decides nothing (one way out) asks no question, so it needs no name. */
  private static boolean isJoin(FlowNode node) {
    return node instanceof Gateway && node.getOutgoing().size() == 1;
  }

  private static List<Path> models(String... folders) throws IOException {
    List<Path> found = new ArrayList<>();
    for (String folder : folders) {
      try (Stream<Path> files = Files.list(Path.of(folder))) {
        files
            .filter(p -> p.toString().endsWith(".bpmn") || p.toString().endsWith(".dmn") || p.toString().endsWith(".form"))
            .sorted()
            .forEach(found::add);
      }
    }
    return found;
  }
}
