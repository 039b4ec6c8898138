package org.opencollections.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.opencollections.support.CollectionsTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.ResponseEntity;

/** The application describes its own API, with examples, to anyone who asks (no credentials needed to read it). */
@CollectionsTest
class OpenApiTest {

  @Autowired TestRestTemplate http;

  @Test
  void servesTheApiDescriptionWithExamples() {
    ResponseEntity<JsonNode> docs = http.getForEntity("/v3/api-docs", JsonNode.class);
    assertThat(docs.getStatusCode().value()).isEqualTo(200);
    JsonNode api = docs.getBody();
    assertThat(api.get("paths").has("/api/debts")).isTrue();
    assertThat(api.get("paths").has("/api/debts/{id}/payments")).isTrue();
    assertThat(api.get("paths").has("/api/debts/{id}/contact-attempts")).isTrue();
    assertThat(api.get("components").get("securitySchemes").get("basic").get("scheme").asText()).isEqualTo("basic");
    JsonNode newDebt = api.get("components").get("schemas").get("NewDebt").get("properties");
    assertThat(newDebt.get("externalRef").get("example").asText()).isEqualTo("ACME-0001");
    // money is a decimal string, and so is its example
    assertThat(newDebt.get("principal").get("example").isTextual()).isTrue();
    assertThat(newDebt.get("principal").get("example").asText()).isEqualTo("12000.00");
    assertThat(http.getForEntity("/swagger-ui/index.html", String.class).getStatusCode().value()).isEqualTo(200);
  }

  /** Every operation says what it answers on success and on each error, with the problem detail's shape. */
  @Test
  void describesEveryOperationsSuccessAndErrorAnswers() {
    JsonNode api = http.getForEntity("/v3/api-docs", JsonNode.class).getBody();
    JsonNode paths = api.get("paths");
    java.util.List<String> operations = new java.util.ArrayList<>();
    paths.fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
      String name = op.getKey().toUpperCase() + " " + path.getKey();
      operations.add(name);
      JsonNode responses = op.getValue().get("responses");
      assertThat(responses.has("401")).as(name).isTrue();
      assertThat(responses.has("403")).as(name).isTrue();
      assertThat(responses.fieldNames()).toIterable().as(name).anyMatch(code -> code.startsWith("2"));
      if (path.getKey().contains("{")) {
        assertThat(responses.has("404")).as(name).isTrue();
      }
      if (op.getKey().equals("post") || op.getKey().equals("put")) {
        assertThat(responses.has("409")).as(name).isTrue();
        assertThat(responses.has("400")).as(name).isTrue();
      }
      if (op.getValue().has("requestBody")) {
        assertThat(responses.has("415")).as(name).isTrue();
      }
      responses.fields().forEachRemaining(r -> {
        if (r.getKey().startsWith("4")) {
          JsonNode problem = r.getValue().get("content").get("application/problem+json");
          assertThat(problem.get("schema").get("$ref").asText()).as(name + " " + r.getKey()).isEqualTo("#/components/schemas/Problem");
          assertThat(problem.get("example").get("status").asInt()).as(name + " " + r.getKey()).isEqualTo(Integer.parseInt(r.getKey()));
        }
      });
    }));
    assertThat(operations).contains("POST /api/debts", "POST /api/debts/{id}/payments", "POST /api/portfolio/imports");

    JsonNode createDebt = paths.get("/api/debts").get("post").get("responses");
    assertThat(createDebt.has("201")).isTrue();
    assertThat(createDebt.has("200")).as("a new debt is 201, not 200").isFalse();
    assertThat(createDebt.get("201").get("content").get("application/json").get("schema").get("$ref").asText()).endsWith("/DebtView");
    JsonNode payment = paths.get("/api/debts/{id}/payments").get("post").get("responses");
    assertThat(payment.has("201")).isTrue();
    assertThat(payment.get("200").get("description").asText()).contains("same reference");
    JsonNode imports = paths.get("/api/portfolio/imports").get("post");
    assertThat(imports.get("responses").has("202")).isTrue();
    assertThat(imports.get("requestBody").get("content").has("text/csv")).isTrue();
    assertThat(imports.get("requestBody").get("content").has("application/x-ndjson")).isTrue();
    JsonNode invalid = paths.get("/api/debts").get("post").get("responses").get("400").get("content")
        .get("application/problem+json").get("example");
    assertThat(invalid.get("errors").get("currency").asText()).contains("ISO 4217");

    // money is a decimal string on the way out too
    JsonNode debtView = api.get("components").get("schemas").get("DebtView").get("properties");
    assertThat(debtView.get("balance").get("type").asText()).isEqualTo("string");
    assertThat(debtView.get("balance").get("format").asText()).isEqualTo("decimal");
    JsonNode problemSchema = api.get("components").get("schemas").get("Problem").get("properties");
    assertThat(problemSchema.has("errors")).isTrue();
  }
}
