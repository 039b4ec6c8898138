package org.opencollections.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.camunda.client.CamundaClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencollections.models.DeployedModels;
import org.opencollections.support.Api;
import org.opencollections.support.CollectionsTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;

/**
 * Every recorded decision, contact-rule answer and stage change names the exact file that made it: version
 * and SHA-256 of the deployed resource, which GET /api/models lists and GET /api/models/{id}/versions/{v}
 * returns byte for byte. An edited table is a new version with another checksum, never "v1" again.
 */
@CollectionsTest
class ModelApiTest {

  @Autowired TestRestTemplate http;
  @Autowired CamundaClient client;
  @Autowired DeployedModels deployed;

  @TempDir Path edited;

  @Test
  void everyDeployedModelIsListedWithTheChecksumOfItsFileAndReadableAsDeployed() throws Exception {
    Api api = new Api(http, "compliance");
    List<JsonNode> models = list(api);
    for (String[] expected : new String[][] {
        {"BPMN", "debt-collection", "bpmn/debt-collection.bpmn"},
        {"DMN", "debt-segmentation", "dmn/debt-segmentation.dmn"},
        {"DMN", "contact-rules", "dmn/contact-rules.dmn"},
        {"DMN", "hold-treatment", "dmn/hold-treatment.dmn"}}) {
      JsonNode model = latest(models, expected[1]);
      assertThat(model.get("kind").asText()).isEqualTo(expected[0]);
      byte[] file = Files.readAllBytes(Path.of(expected[2]));
      assertThat(model.get("checksum").asText()).as(expected[1]).isEqualTo(DeployedModels.sha256(file));
      assertThat(model.get("deployedAt").asText()).matches("\\d{4}-\\d{2}-\\d{2}T.*(Z|[+-]\\d{2}:\\d{2})");
      ResponseEntity<String> xml =
          api.call(HttpMethod.GET, "/api/models/" + expected[1] + "/versions/" + model.get("version").asInt(), null);
      assertThat(xml.getStatusCode().value()).isEqualTo(200);
      assertThat(xml.getHeaders().getContentType().toString()).startsWith("application/xml");
      assertThat(xml.getBody()).isEqualTo(new String(file, StandardCharsets.UTF_8));
    }
    assertThat(models).anySatisfy(m -> assertThat(m.get("kind").asText()).isEqualTo("FORM"));
    assertThat(api.get("/api/models/debt-segmentation/versions/999").getStatusCode().value()).isEqualTo(404);
    assertThat(new Api(http, "operator").get("/api/models").getStatusCode().value()).isEqualTo(403);
  }

  @Test
  void decisionsContactAnswersAndStageChangesNameTheirModelsChecksum() throws Exception {
    Api api = new Api(http);
    String debt = api.createDebt("800.00", api.dateInDays(-20), "CREDIT_CARD");
    JsonNode segmented = api.awaitTimeline(debt, e -> "DECISION".equals(e.get("type").asText())
        && "debt-segmentation".equals(e.get("details").path("decisionId").asText()));
    String segmentationFile = DeployedModels.sha256(Files.readAllBytes(Path.of("dmn/debt-segmentation.dmn")));
    JsonNode details = segmented.get("details");
    assertThat(details.get("decisionChecksum").asText())
        .isEqualTo(segmentationFile)
        .isEqualTo(checksumOf(list(api.as("compliance")), "debt-segmentation", details.get("decisionVersion").asInt()));

    JsonNode stage = api.awaitTimeline(debt, Api.stageChangedTo("SOFT_REMINDER"));
    assertThat(stage.get("details").get("processId").asText()).isEqualTo("debt-collection");
    assertThat(stage.get("details").get("processChecksum").asText())
        .isEqualTo(DeployedModels.sha256(Files.readAllBytes(Path.of("bpmn/debt-collection.bpmn"))));

    JsonNode contact = api.awaitTimeline(debt, Api.type("CONTACT"));
    JsonNode attempt = api.get("/api/debts/" + debt + "/contact-attempts/" + contact.get("details").get("attemptId").asText()).getBody();
    assertThat(attempt.get("ruleChecksum").asText())
        .isEqualTo(DeployedModels.sha256(Files.readAllBytes(Path.of("dmn/contact-rules.dmn"))));
  }

  /** The situation the issue found: a table edited between two starts was recorded as the same v1. */
  @Test
  void anEditedTableIsANewVersionWithItsOwnChecksumAndTheOldOneStaysReadable() throws Exception {
    Api api = new Api(http, "compliance");
    JsonNode before = latest(list(api), "escalation-policy");
    String original = Files.readString(Path.of("dmn/escalation-policy.dmn"));
    // a process owner rewords a description in Modeler: the rules decide as before
    String changed = original.replaceFirst("<description>", "<description>Reworded. ");
    assertThat(changed).isNotEqualTo(original);
    Path dir = Files.createDirectories(edited.resolve("models"));
    Files.writeString(dir.resolve("escalation-policy.dmn"), changed);
    new Models(dir.toUri() + "/").deploy(client, deployed);

    JsonNode after = latest(list(api), "escalation-policy");
    assertThat(after.get("version").asInt()).isEqualTo(before.get("version").asInt() + 1);
    assertThat(after.get("checksum").asText())
        .isEqualTo(DeployedModels.sha256(changed.getBytes(StandardCharsets.UTF_8)))
        .isNotEqualTo(before.get("checksum").asText());
    assertThat(api.call(HttpMethod.GET, "/api/models/escalation-policy/versions/" + before.get("version").asInt(), null).getBody())
        .isEqualTo(original);

    // the same file again is the same version: nothing new to record
    new Models(dir.toUri() + "/").deploy(client, deployed);
    assertThat(latest(list(api), "escalation-policy").get("version").asInt()).isEqualTo(after.get("version").asInt());
  }

  private static List<JsonNode> list(Api api) {
    ResponseEntity<JsonNode> answer = api.get("/api/models");
    assertThat(answer.getStatusCode().value()).isEqualTo(200);
    List<JsonNode> models = new ArrayList<>();
    answer.getBody().forEach(models::add);
    return models;
  }

  private static JsonNode latest(List<JsonNode> models, String id) {
    return models.stream().filter(m -> m.get("id").asText().equals(id))
        .max(java.util.Comparator.comparingInt(m -> m.get("version").asInt())).orElseThrow();
  }

  private static String checksumOf(List<JsonNode> models, String id, int version) {
    return models.stream()
        .filter(m -> m.get("id").asText().equals(id) && m.get("version").asInt() == version)
        .findFirst().orElseThrow().get("checksum").asText();
  }
}
