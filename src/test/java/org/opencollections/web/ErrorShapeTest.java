package org.opencollections.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opencollections.support.Api;
import org.opencollections.support.CollectionsTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;

/** Every error is an RFC 9457 problem detail, including those Spring and Spring Security answer themselves. */
@CollectionsTest
class ErrorShapeTest {

  @Autowired TestRestTemplate http;
  Api api;
  final ObjectMapper json = new ObjectMapper();

  @BeforeEach
  void setUp() {
    api = new Api(http);
  }

  private JsonNode problem(ResponseEntity<String> response, int status) throws Exception {
    assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(status);
    assertThat(response.getHeaders().getContentType().isCompatibleWith(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON))
        .as(String.valueOf(response.getHeaders().getContentType())).isTrue();
    JsonNode body = json.readTree(response.getBody());
    assertThat(body.get("status").asInt()).isEqualTo(status);
    assertThat(body.get("title").asText()).isNotBlank();
    return body;
  }

  @Test
  void anUnknownPathIsAProblem() throws Exception {
    problem(api.call(HttpMethod.GET, "/api/no-such-thing", null), 404);
  }

  @Test
  void aMethodTheEndpointDoesNotTakeIsAProblemNamingTheAllowedOnes() throws Exception {
    ResponseEntity<String> response =
        api.call(HttpMethod.GET, "/api/debts/" + java.util.UUID.randomUUID() + "/holds/" + java.util.UUID.randomUUID() + "/release", null);
    problem(response, 405);
    assertThat(response.getHeaders().getAllow()).isNotEmpty();
  }

  @Test
  void aBodyThatIsNotJsonIsAProblem() throws Exception {
    ResponseEntity<JsonNode> response = api.postRaw("/api/debts", "text/plain", "principal=5");
    assertThat(response.getStatusCode().value()).isEqualTo(415);
    assertThat(response.getHeaders().getContentType().isCompatibleWith(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON))
        .isTrue();
  }

  @Test
  void anEnumGivenAsItsNumberIsRefusedWithTheAllowedValues() throws Exception {
    String debt = api.createDebt("300.00", api.dateInDays(-20), "CREDIT_CARD");
    ResponseEntity<String> response =
        http.withBasicAuth("operator", "operator").exchange("/api/debts/" + debt + "/holds", HttpMethod.POST,
            new org.springframework.http.HttpEntity<>(Map.of("kind", 1), jsonHeaders()), String.class);
    JsonNode body = problem(response, 400);
    assertThat(body.get("errors").get("kind").asText()).contains("must be one of").contains("DISPUTE").contains("CEASE");
    assertThat(api.as("operator").get("/api/debts/" + debt).getBody().get("stage").asText()).isNotEqualTo("ON_HOLD");
  }

  @Test
  void anUnknownEnumInTheQueryNamesTheAllowedValues() throws Exception {
    JsonNode body = problem(api.call(HttpMethod.GET, "/api/debts?stage=NOWHERE", null), 400);
    assertThat(body.get("errors").get("stage").asText()).contains("NEGOTIATION");
  }

  @Test
  void noCredentialsAndAForbiddenRoleAreProblems() throws Exception {
    ResponseEntity<String> anonymous = http.getForEntity("/api/debts", String.class);
    problem(anonymous, 401);
    assertThat(anonymous.getHeaders().getFirst("WWW-Authenticate")).startsWith("Basic");
    problem(api.as("compliance").call(HttpMethod.POST, "/api/debts", Map.of()), 403);
  }

  @Test
  void aNulCharacterOrANullInAListIsRefusedNamingTheField() throws Exception {
    String debt = api.createDebt("300.00", api.dateInDays(-20), "CREDIT_CARD");
    ResponseEntity<String> nul =
        api.call(HttpMethod.POST, "/api/debts/" + debt + "/holds", Map.of("kind", "HARDSHIP", "reason", "lost job\u0000"));
    assertThat(problem(nul, 400).get("errors").has("reason")).isTrue();
    String debtor = api.debt(debt).get("debtorId").asText();
    ResponseEntity<String> nullInList =
        api.call(HttpMethod.PUT, "/api/debtors/" + debtor + "/contact-preferences",
            json.readValue("{\"ceaseCommunication\":false,\"blockedChannels\":[null]}", Map.class));
    JsonNode body = problem(nullInList, 400);
    assertThat(body.get("errors").fieldNames().next()).startsWith("blockedChannels");
  }

  private static org.springframework.http.HttpHeaders jsonHeaders() {
    var headers = new org.springframework.http.HttpHeaders();
    headers.setContentType(org.springframework.http.MediaType.APPLICATION_JSON);
    return headers;
  }
}
