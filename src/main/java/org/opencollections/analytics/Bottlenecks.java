package org.opencollections.analytics;

import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.instance.ExtensionElements;
import io.camunda.zeebe.model.bpmn.instance.FlowElement;
import io.camunda.zeebe.model.bpmn.instance.UserTask;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeInput;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeIoMapping;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.opencollections.intake.Stage;
import org.opencollections.platform.NotFoundException;
import org.opencollections.tasks.UserTasks;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Where the open cases stand, per element of the lifecycle model, from the application's own records (so it
 * reads the same on the embedded engine and on a cluster): the open cases of each stage on the element that
 * records that stage (its {@code stage} input in the model) with how long they have been in it (median, p90)
 * and how many are past the stage's service level; and the open user tasks of each task element, with how
 * long they have waited and how many are past their due date.
 */
@Service
public class Bottlenecks {

  private static final List<String> EVERY_TASK = List.of("ROLE_ADMIN"); // counts every task: hands out no work

  private final String bpmn;
  private final Map<String, String> stageElement = new LinkedHashMap<>(); // stage -> element id
  private final Map<String, String> names = new LinkedHashMap<>();
  private final Set<String> userTasks = new HashSet<>();
  private final JdbcTemplate jdbc;
  private final UserTasks tasks;
  private final Clock clock;
  private final BottleneckProperties properties;

  Bottlenecks(
      @Value("${collections.models.location:classpath*:models/}") String location, JdbcTemplate jdbc, UserTasks tasks,
      Clock clock, BottleneckProperties properties) {
    this.jdbc = jdbc;
    this.tasks = tasks;
    this.clock = clock;
    this.properties = properties;
    this.bpmn = read(location + "debt-collection.bpmn");
    var model = Bpmn.readModelFromStream(new ByteArrayInputStream(bpmn.getBytes(StandardCharsets.UTF_8)));
    for (FlowElement element : model.getModelElementsByType(FlowElement.class)) {
      names.put(element.getId(), element.getName() == null ? element.getId() : element.getName());
      if (element instanceof UserTask) {
        userTasks.add(element.getId());
      }
      element.getChildElementsByType(ExtensionElements.class).stream()
          .flatMap(x -> x.getChildElementsByType(ZeebeIoMapping.class).stream())
          .flatMap(io -> io.getInputs().stream())
          .filter(input -> "stage".equals(input.getTarget()))
          .map(ZeebeInput::getSource)
          .filter(source -> source != null && source.matches("=\"[A-Z_]+\""))
          .forEach(source -> stageElement.putIfAbsent(source.substring(2, source.length() - 1), element.getId()));
    }
  }

  private static String read(String path) {
    try {
      Resource[] models = new PathMatchingResourcePatternResolver().getResources(path);
      if (models.length == 0) {
        throw new IllegalStateException("No lifecycle model at " + path);
      }
      try (InputStream in = models[0].getInputStream()) {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The lifecycle model's XML, as deployed. */
  public String model() {
    return bpmn;
  }

  /**
   * One element of the model and what waits there now. Times are ISO-8601 durations (null when nothing waits);
   * {@code stageSla} is the service level of the element's stage (null: none set); {@code slaBreaches} the cases
   * past it plus the tasks past their due date.
   */
  public record Element(
      String elementId, String name, String stage, long cases, String medianInStage, String p90InStage,
      String stageSla, long overStageSla, long openTasks, String medianTaskWait, String p90TaskWait,
      long overdueTasks, long slaBreaches) {}

  /** A case waiting at an element: since when, how long, and whether it is past its service level. */
  public record WaitingCase(
      UUID debtId, String externalRef, String segment, String assignee, String timeZone, Instant since,
      String waiting, boolean overSla, Long taskId, String taskDueDate, boolean taskOverdue) {}

  /** One page of the cases waiting at an element, those waiting longest first. */
  public record Waiting(String elementId, String name, String stage, long total, int page, int size,
      List<WaitingCase> cases) {}

  /** Every element with open cases or tasks (or a stage), in the order of the stages. */
  public List<Element> now() {
    Instant now = clock.instant();
    Map<String, long[]> stageCounts = new HashMap<>();
    Map<String, double[]> stageTimes = new HashMap<>();
    jdbc.query(
        """
        select stage, count(*),
               percentile_disc(0.5) within group (order by extract(epoch from (? - coalesce(stage_since, created_at)))),
               percentile_disc(0.9) within group (order by extract(epoch from (? - coalesce(stage_since, created_at)))),
               count(*) filter (where extract(epoch from (? - coalesce(stage_since, created_at)))
                                      > (cast(? as jsonb) ->> stage)::numeric)
          from debt where status = 'OPEN' group by stage
        """,
        rs -> {
          stageCounts.put(rs.getString(1), new long[] {rs.getLong(2), rs.getLong(5)});
          stageTimes.put(rs.getString(1), new double[] {rs.getDouble(3), rs.getDouble(4)});
        },
        Timestamp.from(now), Timestamp.from(now), Timestamp.from(now), slaSecondsJson());

    Map<String, List<Long>> taskWaits = new HashMap<>(); // element -> seconds waited, per open task
    Map<String, Long> overdue = new HashMap<>();
    for (OpenTask t : openTasks(now)) {
      taskWaits.computeIfAbsent(t.task().elementId(), k -> new ArrayList<>()).add(t.waitedSeconds());
      if (t.overdue()) {
        overdue.merge(t.task().elementId(), 1L, Long::sum);
      }
    }

    Map<String, Element> out = new LinkedHashMap<>();
    stageElement.entrySet().stream()
        .sorted(Comparator.comparingInt(x -> stageOrder(x.getKey())))
        .forEach(x -> out.put(x.getValue(), element(x.getValue(), x.getKey(), stageCounts, stageTimes, taskWaits, overdue)));
    taskWaits.keySet().stream().sorted().forEach(
        id -> out.putIfAbsent(id, element(id, null, stageCounts, stageTimes, taskWaits, overdue)));
    return List.copyOf(out.values());
  }

  private Element element(
      String id, String stage, Map<String, long[]> stageCounts, Map<String, double[]> stageTimes,
      Map<String, List<Long>> taskWaits, Map<String, Long> overdue) {
    long[] counts = stage == null ? new long[2] : stageCounts.getOrDefault(stage, new long[2]);
    double[] times = stage == null ? null : stageTimes.get(stage);
    List<Long> waits = taskWaits.getOrDefault(id, List.of());
    Duration sla = stage == null ? null : properties.stageSla().get(stage);
    return new Element(
        id, names.getOrDefault(id, id), stage, counts[0],
        counts[0] == 0 || times == null ? null : seconds(times[0]),
        counts[0] == 0 || times == null ? null : seconds(times[1]),
        sla == null ? null : iso(sla), counts[1],
        waits.size(), percentile(waits, 0.5), percentile(waits, 0.9), overdue.getOrDefault(id, 0L),
        counts[1] + overdue.getOrDefault(id, 0L));
  }

  /** Open cases whose stage no element of the model records (none today; shown so nothing is lost). */
  public Map<String, Long> stagesOutsideTheModel() {
    Map<String, Long> other = new TreeMap<>();
    jdbc.query("select stage, count(*) from debt where status = 'OPEN' group by stage", rs -> {
      if (!stageElement.containsKey(rs.getString(1))) {
        other.put(rs.getString(1), rs.getLong(2));
      }
    });
    return other;
  }

  /**
   * The cases waiting at an element, longest first: at a stage's element, the open cases in that stage; at a
   * task element only, the cases whose task there is open.
   */
  public Waiting waitingAt(String elementId, int page, int size) {
    if (!names.containsKey(elementId)) {
      throw new NotFoundException("The lifecycle model has no element " + elementId);
    }
    Instant now = clock.instant();
    String stage = stageElement.entrySet().stream().filter(e -> e.getValue().equals(elementId))
        .map(Map.Entry::getKey).findFirst().orElse(null);
    Map<UUID, OpenTask> openHere = new HashMap<>();
    if (userTasks.contains(elementId)) {
      for (OpenTask t : openTasks(now)) {
        if (t.task().elementId().equals(elementId) && t.task().debtId() != null) {
          openHere.put(t.task().debtId(), t);
        }
      }
    }
    Duration sla = stage == null ? null : properties.stageSla().get(stage);
    List<WaitingCase> cases = new ArrayList<>();
    long total;
    if (stage != null) {
      total = jdbc.queryForObject("select count(*) from debt where status = 'OPEN' and stage = ?", Long.class, stage);
      jdbc.query(
          """
          select d.id, d.external_ref, d.segment, d.assignee, r.time_zone, coalesce(d.stage_since, d.created_at)
            from debt d join debtor r on r.id = d.debtor_id
           where d.status = 'OPEN' and d.stage = ?
           order by coalesce(d.stage_since, d.created_at), d.id
           limit ? offset ?
          """,
          rs -> {
            UUID id = rs.getObject(1, UUID.class);
            Instant since = rs.getTimestamp(6).toInstant();
            Duration waited = Duration.between(since, now);
            OpenTask task = openHere.get(id);
            cases.add(new WaitingCase(
                id, rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), since, iso(waited),
                sla != null && waited.compareTo(sla) > 0, task == null ? null : task.task().id(),
                task == null ? null : task.task().dueDate(), task != null && task.overdue()));
          },
          stage, size, (long) page * size);
    } else {
      List<OpenTask> here = openHere.values().stream()
          .sorted(Comparator.comparing(OpenTask::waitedSeconds).reversed().thenComparing(t -> t.task().id())).toList();
      total = here.size();
      List<OpenTask> slice = here.stream().skip((long) page * size).limit(size).toList();
      Map<UUID, String[]> facts = new HashMap<>();
      if (!slice.isEmpty()) {
        jdbc.query(
            "select d.id, d.external_ref, d.segment, d.assignee, r.time_zone from debt d join debtor r on r.id = d.debtor_id"
                + " where d.id = any(?)",
            rs -> { facts.put(rs.getObject(1, UUID.class),
                new String[] {rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)}); },
            (Object) slice.stream().map(t -> t.task().debtId()).toArray(UUID[]::new));
      }
      for (OpenTask t : slice) {
        String[] f = facts.getOrDefault(t.task().debtId(), new String[4]);
        cases.add(new WaitingCase(
            t.task().debtId(), f[0], f[1], f[2], f[3], now.minusSeconds(t.waitedSeconds()),
            iso(Duration.ofSeconds(t.waitedSeconds())), t.overdue(), t.task().id(), t.task().dueDate(),
            t.overdue()));
      }
    }
    return new Waiting(elementId, names.get(elementId), stage, total, page, size, cases);
  }

  private record OpenTask(UserTasks.Task task, long waitedSeconds, boolean overdue) {}

  /** Every open task with how long it has waited: since its case's timeline recorded it opening. */
  private List<OpenTask> openTasks(Instant now) {
    List<UserTasks.Task> open = tasks.open(EVERY_TASK);
    Map<String, Instant> opened = new HashMap<>(); // debt + element -> latest opening
    UUID[] debts = open.stream().map(UserTasks.Task::debtId).filter(java.util.Objects::nonNull).distinct()
        .toArray(UUID[]::new);
    if (debts.length > 0) {
      jdbc.query(
          "select debt_id, details ->> 'elementId', max(occurred_at) from case_event"
              + " where debt_id = any(?) and type = 'TASK_OPENED' group by 1, 2",
          rs -> { opened.put(rs.getObject(1, UUID.class) + "/" + rs.getString(2), rs.getTimestamp(3).toInstant()); },
          (Object) debts);
    }
    List<OpenTask> out = new ArrayList<>(open.size());
    for (UserTasks.Task t : open) {
      Instant since = opened.get(t.debtId() + "/" + t.elementId());
      long waited = since == null ? 0 : Math.max(0, Duration.between(since, now).toSeconds());
      out.add(new OpenTask(t, waited, t.dueDate() != null && overdue(t.dueDate(), now)));
    }
    return out;
  }

  private String slaSecondsJson() {
    StringBuilder json = new StringBuilder("{");
    properties.stageSla().forEach((stage, sla) -> {
      if (json.length() > 1) {
        json.append(',');
      }
      json.append('"').append(stage).append("\":").append(sla.toSeconds());
    });
    return json.append('}').toString();
  }

  private static String seconds(double seconds) {
    return iso(Duration.ofSeconds(Math.round(seconds)));
  }

  /** ISO 8601 with days, as people read it: P14D, P3DT4H, PT25M10S (java.time writes 14 days as PT336H). */
  static String iso(Duration d) {
    if (d.isNegative() || d.toSeconds() == 0) {
      return "PT0S";
    }
    StringBuilder s = new StringBuilder("P");
    if (d.toDays() > 0) {
      s.append(d.toDays()).append('D');
    }
    if (d.toHoursPart() + d.toMinutesPart() + d.toSecondsPart() > 0) {
      s.append('T');
      if (d.toHoursPart() > 0) {
        s.append(d.toHoursPart()).append('H');
      }
      if (d.toMinutesPart() > 0) {
        s.append(d.toMinutesPart()).append('M');
      }
      if (d.toSecondsPart() > 0) {
        s.append(d.toSecondsPart()).append('S');
      }
    }
    return s.toString();
  }

  /** The nearest-rank percentile of the waits, as a duration; null when nothing waits. */
  private static String percentile(List<Long> values, double p) {
    if (values.isEmpty()) {
      return null;
    }
    List<Long> sorted = values.stream().sorted().toList();
    int rank = (int) Math.ceil(p * sorted.size());
    return iso(Duration.ofSeconds(sorted.get(Math.max(0, rank - 1))));
  }

  private static int stageOrder(String stage) {
    try {
      return Stage.valueOf(stage).ordinal();
    } catch (IllegalArgumentException e) {
      return Integer.MAX_VALUE;
    }
  }

  private static boolean overdue(String due, Instant now) {
    try {
      return ZonedDateTime.parse(due).toInstant().isBefore(now);
    } catch (DateTimeParseException e) {
      return false;
    }
  }
}
