package org.opencollections.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.client.CamundaClientConfiguration;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.opencollections.tasks.OpenUserTask;

/**
 * Open user tasks of a Camunda 8.6 cluster. 8.6 serves {@code POST /v2/user-tasks/search} only as an alpha
 * endpoint (with {@code camunda.rest.query.enabled=true}), in a shape the 8.8 client cannot write or read
 * (plain filter values instead of {@code {"$eq": ...}}, {@code key} instead of {@code userTaskKey}) and has no
 * {@code GET /v2/user-tasks/{key}}; this sends the 8.6 shape over plain HTTP with the client's own credentials.
 * Completion needs nothing special: 8.6 reads the 8.8 client's completion request.
 */
final class Camunda86UserTaskSearch {

  private final URI searchUri;
  private final CamundaClientConfiguration configuration;
  private final Models models;
  private final ObjectMapper json = new ObjectMapper();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  Camunda86UserTaskSearch(CamundaClientConfiguration configuration, Models models) {
    String base = configuration.getRestAddress().toString();
    this.searchUri = URI.create((base.endsWith("/") ? base : base + "/") + "v2/user-tasks/search");
    this.configuration = configuration;
    this.models = models;
  }

  List<OpenUserTask> openTasks(String bpmnProcessId, int limit) {
    Map<String, Object> filter = new LinkedHashMap<>();
    filter.put("state", "CREATED");
    filter.put("processDefinitionId", bpmnProcessId);
    return search(
        Map.of(
            "filter", filter,
            "sort", List.of(Map.of("field", "priority", "order", "desc")),
            "page", Map.of("limit", limit)));
  }

  Optional<OpenUserTask> find(long key) {
    return search(Map.of("filter", Map.of("key", key, "state", "CREATED"))).stream().findFirst();
  }

  List<OpenUserTask> search(Map<String, Object> body) {
    try {
      HttpRequest.Builder request =
          HttpRequest.newBuilder(searchUri)
              .timeout(Duration.ofSeconds(30))
              .header("Content-Type", "application/json")
              .header("Accept", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
      if (configuration.getCredentialsProvider() != null) {
        configuration.getCredentialsProvider().applyCredentials(request::header);
      }
      HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IllegalStateException(
            "User task search at " + searchUri + " answered " + response.statusCode() + ": " + response.body()
                + (response.statusCode() == 404 ? " (Camunda 8.6 serves it with camunda.rest.query.enabled=true)" : ""));
      }
      List<OpenUserTask> tasks = new ArrayList<>();
      for (JsonNode item : json.readTree(response.body()).path("items")) {
        tasks.add(toOpenTask(item));
      }
      return tasks;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private OpenUserTask toOpenTask(JsonNode item) {
    List<String> groups = new ArrayList<>();
    item.path("candidateGroup").forEach(g -> groups.add(g.asText()));
    String elementId = item.path("elementId").asText();
    JsonNode due = item.path("dueDate");
    return new OpenUserTask(
        item.path("key").asLong(),
        elementId,
        item.path("processInstanceKey").asLong(),
        groups,
        due.isMissingNode() || due.isNull() || due.asText().isEmpty() ? null : due.asText(),
        item.path("priority").asInt(0),
        models.formOf(elementId),
        item.path("elementInstanceKey").asLong(0));
  }
}
