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
}
