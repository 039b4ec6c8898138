package org.opencollections.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.camunda.client.CamundaClient;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opencollections.tasks.OpenUserTask;

/** The Camunda 8.6 user task search: request shape as 8.6.0 accepts it, answer as 8.6.0 sends it (recorded). */
class Camunda86UserTaskSearchTest {

  // an item as Camunda 8.6.0 answered POST /v2/user-tasks/search on the full stack
  private static final String ANSWER =
      """
      {"items":[{"key":2251799813685388,"state":"CREATED","elementId":"Task_NegotiateWithDebtor",
        "elementInstanceKey":2251799813685380,"candidateGroup":["operators"],"processDefinitionId":"debt-collection",
        "processDefinitionKey":2251799813685250,"processInstanceKey":2251799813685275,"formKey":2251799813685262,
        "creationDate":"2026-11-22T21:25:36.827Z","tenantIds":"<default>","externalFormReference":"",
        "processDefinitionVersion":1,"customHeaders":{},"priority":90}],
       "page":{"totalItems":1,"firstSortValues":[],"lastSortValues":["2251799813685388"]}}
      """;

  private final List<String> bodies = new CopyOnWriteArrayList<>();
  private HttpServer server;
  private int status = 200;
  private CamundaClient client;
  private Camunda86UserTaskSearch search;

  @BeforeEach
  void start() throws Exception {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/v2/user-tasks/search",
        exchange -> {
          bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
          byte[] answer = (status == 200 ? ANSWER : "{\"status\":" + status + "}").getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(status, answer.length);
          exchange.getResponseBody().write(answer);
          exchange.close();
        });
    server.start();
    client =
        CamundaClient.newClientBuilder()
            .restAddress(URI.create("http://127.0.0.1:" + server.getAddress().getPort()))
            .grpcAddress(URI.create("http://127.0.0.1:1"))
            .build();
    search = new Camunda86UserTaskSearch(client.getConfiguration(), new Models("classpath*:models/"));
  }

  @AfterEach
  void stop() {
    client.close();
    server.stop(0);
  }

  @Test
  void sendsThe86ShapeAndReadsIts86Answer() throws Exception {
    List<OpenUserTask> tasks = search.openTasks("debt-collection", 1000);

    assertThat(tasks)
        .containsExactly(
            new OpenUserTask(
                2251799813685388L,
                "Task_NegotiateWithDebtor",
                2251799813685275L,
                List.of("operators"),
                null,
                90,
                "negotiation-outcome",
                2251799813685380L));
    JsonNode sent = new ObjectMapper().readTree(bodies.get(0));
    // plain values: 8.6.0 answers 400 to the 8.8 client's {"state":{"$eq":"CREATED"}}
    assertThat(sent.at("/filter/state").asText()).isEqualTo("CREATED");
    assertThat(sent.at("/filter/processDefinitionId").asText()).isEqualTo("debt-collection");
    assertThat(sent.at("/sort/0/field").asText()).isEqualTo("priority");
    assertThat(sent.at("/page/limit").asInt()).isEqualTo(1000);
  }

  @Test
  void findsOneTaskByKey() throws Exception {
    assertThat(search.find(2251799813685388L)).map(OpenUserTask::key).contains(2251799813685388L);
    assertThat(new ObjectMapper().readTree(bodies.get(0)).at("/filter/key").asLong()).isEqualTo(2251799813685388L);
  }

  @Test
  void aMissingSearchApiSaysHowToTurnItOn() {
    status = 404;
    assertThatThrownBy(() -> search.openTasks("debt-collection", 10))
        .hasMessageContaining("404")
        .hasMessageContaining("camunda.rest.query.enabled=true");
  }
}
