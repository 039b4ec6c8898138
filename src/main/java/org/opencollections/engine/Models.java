package org.opencollections.engine;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.DeployResourceCommandStep1.DeployResourceCommandStep2;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.instance.FlowElement;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeFormDefinition;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.opencollections.models.DeployedModels;
import org.opencollections.models.ModelKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * The models in bpmn/ and dmn/ (packaged under models/): deploys them all in one deployment at start-up,
 * before cases are resumed, and knows each element's name for the people who read tasks and timelines.
 */
@Component
public class Models implements org.opencollections.process.ModelCatalog {

  static final java.time.Duration DEPLOY_TIMEOUT = java.time.Duration.ofMinutes(2);

  private static final Logger LOG = LoggerFactory.getLogger(Models.class);

  private final List<Resource> resources;
  private final Map<String, String> elementNames = new HashMap<>();
  private final Map<String, String> formIds = new HashMap<>();
  private final Map<String, java.util.Set<String>> formFields = new HashMap<>();

  Models(@Value("${collections.models.location:classpath*:models/}") String location) {
    this.resources = find(location);
    var json = new com.fasterxml.jackson.databind.ObjectMapper();
    for (Resource resource : resources) {
      if (resource.getFilename() != null && resource.getFilename().endsWith(".form")) {
        try (InputStream in = resource.getInputStream()) {
          var form = json.readTree(in);
          java.util.Set<String> keys = new java.util.TreeSet<>();
          form.findValues("key").forEach(k -> keys.add(k.asText()));
          formFields.put(form.path("id").asText(), java.util.Set.copyOf(keys));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
      if (resource.getFilename() != null && resource.getFilename().endsWith(".bpmn")) {
        try (InputStream in = resource.getInputStream()) {
          for (FlowElement element : Bpmn.readModelFromStream(in).getModelElementsByType(FlowElement.class)) {
            if (element.getName() != null) {
              elementNames.put(element.getId(), element.getName());
            }
            ZeebeFormDefinition form = element.getSingleExtensionElement(ZeebeFormDefinition.class);
            if (form != null && form.getFormId() != null) {
              formIds.put(element.getId(), form.getFormId());
            }
          }
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
  }

  /** The element's label in the model, or its id if it has none. */
  @Override
  public String nameOf(String elementId) {
    return elementNames.getOrDefault(elementId, elementId);
  }

  /** The id of the form linked to a user task, or null. */
  @Override
  public String formOf(String elementId) {
    return formIds.get(elementId);
  }

  @Override
  public java.util.Set<String> fieldsOf(String formId) {
    return formFields.getOrDefault(formId, java.util.Set.of());
  }

  /**
   * Deploys every model in one deployment (the engine keeps the version of a file it already has, and gives a
   * changed one the next) and records what each version is, with its file's checksum.
   */
  public void deploy(CamundaClient client, DeployedModels deployed) {
    if (resources.isEmpty()) {
      throw new IllegalStateException("No models found to deploy");
    }
    DeployResourceCommandStep2 command = null;
    Map<String, byte[]> files = new HashMap<>();
    for (Resource resource : resources) {
      byte[] bytes;
      try (InputStream in = resource.getInputStream()) {
        bytes = in.readAllBytes();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      files.put(resource.getFilename(), bytes);
      command =
          command == null
              ? client.newDeployResourceCommand().addResourceBytes(bytes, resource.getFilename())
              : command.addResourceBytes(bytes, resource.getFilename());
    }
    // the first deployment parses and stores every model: on a busy machine it outlasts the client's 10 s
    // default; redeploying the same files is idempotent, so a longer wait is all it needs
    var deployment = command.requestTimeout(DEPLOY_TIMEOUT).send().join();
    List<DeployedModels.Deployed> models = new ArrayList<>();
    for (var p : deployment.getProcesses()) {
      models.add(new DeployedModels.Deployed(ModelKind.BPMN, p.getBpmnProcessId(), nameOf(p.getBpmnProcessId()),
          p.getVersion(), p.getProcessDefinitionKey(), p.getResourceName(), files.get(p.getResourceName())));
    }
    Map<Long, String> drgFiles = new HashMap<>();
    deployment.getDecisionRequirements().forEach(r -> drgFiles.put(r.getDecisionRequirementsKey(), r.getResourceName()));
    for (var d : deployment.getDecisions()) {
      String file = drgFiles.get(d.getDecisionRequirementsKey());
      models.add(new DeployedModels.Deployed(ModelKind.DMN, d.getDmnDecisionId(), d.getDmnDecisionName(),
          d.getVersion(), d.getDecisionKey(), file, files.get(file)));
    }
    for (var f : deployment.getForm()) {
      models.add(new DeployedModels.Deployed(ModelKind.FORM, f.getFormId(), f.getFormId(), f.getVersion(),
          f.getFormKey(), f.getResourceName(), files.get(f.getResourceName())));
    }
    deployed.recordDeployment(models);
    LOG.info(
        "Deployed {} processes, {} decisions, {} forms",
        deployment.getProcesses().size(),
        deployment.getDecisions().size(),
        deployment.getForm().size());
  }

  private static List<Resource> find(String location) {
    var resolver = new PathMatchingResourcePatternResolver();
    List<Resource> found = new ArrayList<>();
    for (String pattern : List.of("*.bpmn", "*.dmn", "*.form")) {
      try {
        found.addAll(List.of(resolver.getResources(location + pattern)));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return found;
  }
}
