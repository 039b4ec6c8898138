package org.opencollections.workbench;

import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.instance.FlowElement;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeInput;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.opencollections.tasks.UserTasks;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Where the open cases stand, per element of the lifecycle model, from the application's own records: the
 * open cases of each stage on the element that records that stage (its {@code stage} input in the model),
 * and the open user tasks of each task element, with how many are past their due date (SLA breaches).
 */
@Service
class Bottlenecks {

  private final String bpmn;
  private final Map<String, String> stageElement = new LinkedHashMap<>(); // stage -> element id
  private final Map<String, String> names = new LinkedHashMap<>();
  private final JdbcTemplate jdbc;
  private final UserTasks tasks;
  private final Clock clock;

  Bottlenecks(
      @Value("${collections.models.location:classpath*:models/}") String location, JdbcTemplate jdbc, UserTasks tasks,
      Clock clock) {
    this.jdbc = jdbc;
    this.tasks = tasks;
    this.clock = clock;
    try {
      Resource[] models = new PathMatchingResourcePatternResolver().getResources(location + "debt-collection.bpmn");
      if (models.length == 0) {
        throw new IllegalStateException("No debt-collection.bpmn under " + location);
      }
      try (InputStream in = models[0].getInputStream()) {
        this.bpmn = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    var model = Bpmn.readModelFromStream(new java.io.ByteArrayInputStream(bpmn.getBytes(StandardCharsets.UTF_8)));
    for (FlowElement element : model.getModelElementsByType(FlowElement.class)) {
      names.put(element.getId(), element.getName() == null ? element.getId() : element.getName());
      for (ZeebeInput input : element.getChildElementsByType(io.camunda.zeebe.model.bpmn.instance.ExtensionElements.class)
          .stream().flatMap(x -> x.getChildElementsByType(io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeIoMapping.class).stream())
          .flatMap(io -> io.getInputs().stream()).toList()) {
        String source = input.getSource();
        if ("stage".equals(input.getTarget()) && source != null && source.matches("=\"[A-Z_]+\"")) {
          stageElement.putIfAbsent(source.substring(2, source.length() - 1), element.getId());
        }
      }
    }
  }

  String model() {
    return bpmn;
  }

  record Element(String elementId, String name, String stage, long cases, long openTasks, long overdueTasks) {}

  /** Every element with open cases or tasks, in the order of the stages. */
  List<Element> now() {
    Map<String, Long> byStage = new TreeMap<>();
    jdbc.query("select stage, count(*) from debt where status = 'OPEN' group by stage",
        rs -> { byStage.put(rs.getString(1), rs.getLong(2)); });
    Map<String, long[]> byTask = new LinkedHashMap<>();
    Instant now = clock.instant();
    // every task, whoever may work it: this counts, it does not hand out work
    for (UserTasks.Task t : tasks.open(List.of("ROLE_ADMIN"))) {
      long[] c = byTask.computeIfAbsent(t.elementId(), k -> new long[2]);
      c[0]++;
      if (t.dueDate() != null && overdue(t.dueDate(), now)) {
        c[1]++;
      }
    }
    Map<String, Element> out = new LinkedHashMap<>();
    // in the order of the lifecycle's stages
    stageElement.entrySet().stream()
        .sorted(java.util.Comparator.comparingInt(x -> stageOrder(x.getKey())))
        .forEach(x -> {
      String stage = x.getKey();
      String id = x.getValue();
      long[] c = byTask.getOrDefault(id, new long[2]);
      out.put(id, new Element(id, names.get(id), stage, byStage.getOrDefault(stage, 0L), c[0], c[1]));
        });
    byTask.forEach((id, c) -> out.putIfAbsent(id, new Element(id, names.getOrDefault(id, id), null, 0, c[0], c[1])));
    return List.copyOf(out.values());
  }

  /** Open cases whose stage no element of the model records (none today; shown so nothing is lost). */
  Map<String, Long> stagesOutsideTheModel() {
    Map<String, Long> other = new TreeMap<>();
    jdbc.query("select stage, count(*) from debt where status = 'OPEN' group by stage", rs -> {
      if (!stageElement.containsKey(rs.getString(1))) {
        other.put(rs.getString(1), rs.getLong(2));
      }
    });
    return other;
  }

  private static int stageOrder(String stage) {
    try {
      return org.opencollections.intake.Stage.valueOf(stage).ordinal();
    } catch (IllegalArgumentException e) {
      return Integer.MAX_VALUE;
    }
  }

  private static boolean overdue(String due, Instant now) {
    try {
      return ZonedDateTime.parse(due).toInstant().isBefore(now);
    } catch (java.time.format.DateTimeParseException e) {
      return false;
    }
  }
}
