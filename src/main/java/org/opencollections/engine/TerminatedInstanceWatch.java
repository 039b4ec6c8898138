package org.opencollections.engine;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.search.enums.ProcessInstanceState;
import io.camunda.client.api.search.response.ProcessInstance;
import io.camunda.client.api.search.response.SearchResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.opencollections.casefile.CaseStarter;
import org.opencollections.casefile.CaseWorkflow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * On a Camunda cluster: finds the debt-collection instances that ended as TERMINATED (someone cancelled them
 * in Operate) since the last look, through the cluster's search API, and has their cases started again at
 * their stage if they are still open. (The embedded engine's record reader does the same from its records.)
 * How far it has looked is kept in {@code engine_record_reader}, per cluster.
 */
@Component
@ConditionalOnProperty(name = "collections.mode", havingValue = "cluster")
class TerminatedInstanceWatch {

  private static final Logger LOG = LoggerFactory.getLogger(TerminatedInstanceWatch.class);
  private static final String READER = "cluster-terminated";
  private static final int PAGE = 200;

  private final CamundaClient client;
  private final CaseStarter starter;
  private final CaseWorkflow workflow;
  private final JdbcTemplate jdbc;
  private final Clock clock;
  private boolean unavailableLogged;

  TerminatedInstanceWatch(CamundaClient client, CaseStarter starter, CaseWorkflow workflow, JdbcTemplate jdbc, Clock clock) {
    this.client = client;
    this.starter = starter;
    this.workflow = workflow;
    this.jdbc = jdbc;
    this.clock = clock;
  }

  @Scheduled(
      initialDelayString = "${collections.cluster.terminated-check:PT1M}",
      fixedDelayString = "${collections.cluster.terminated-check:PT1M}")
  void check() {
    List<Long> stored =
        jdbc.queryForList(
            "select position from engine_record_reader where reader = ? and engine_id = ?", Long.class, READER,
            workflow.epoch());
    OffsetDateTime since =
        stored.isEmpty()
            ? OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC) // from the first look on
            : OffsetDateTime.ofInstant(Instant.ofEpochMilli(stored.getFirst()), ZoneOffset.UTC);
    OffsetDateTime latest = since;
    String cursor = null;
    try {
      while (true) {
        String after = cursor;
        OffsetDateTime from = since;
        SearchResponse<ProcessInstance> found =
            client.newProcessInstanceSearchRequest()
                .filter(f -> f.processDefinitionId(CollectionProcess.PROCESS_ID).state(ProcessInstanceState.TERMINATED)
                    .endDate(d -> d.gte(from)))
                .sort(s -> s.endDate().asc())
                .page(p -> {
                  p.limit(PAGE);
                  if (after != null) {
                    p.after(after);
                  }
                })
                .send()
                .join();
        for (ProcessInstance instance : found.items()) {
          // idempotent: a case is only detached while it is still attached to that very instance
          starter.instanceGone(instance.getProcessInstanceKey(), "it was cancelled in the cluster, e.g. in Operate");
          if (instance.getEndDate() != null && instance.getEndDate().isAfter(latest)) {
            latest = instance.getEndDate();
          }
        }
        if (found.items().size() < PAGE || found.page().endCursor() == null) {
          break;
        }
        cursor = found.page().endCursor();
      }
      unavailableLogged = false;
    } catch (RuntimeException e) {
      if (!unavailableLogged) {
        LOG.warn("Cannot look for cancelled process instances on the cluster now (its search API): {}", e.getMessage());
        unavailableLogged = true;
      }
      return;
    }
    jdbc.update(
        "insert into engine_record_reader (reader, engine_id, position) values (?, ?, ?)"
            + " on conflict (reader) do update set engine_id = excluded.engine_id, position = excluded.position",
        READER, workflow.epoch(), latest.toInstant().toEpochMilli());
  }
}
