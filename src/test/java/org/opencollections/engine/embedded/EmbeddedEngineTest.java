package org.opencollections.engine.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.worker.JobWorker;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.protocol.record.ValueType;
import io.camunda.zeebe.protocol.record.intent.ProcessInstanceIntent;
import io.camunda.zeebe.protocol.record.value.BpmnElementType;
import io.camunda.zeebe.protocol.record.value.ProcessInstanceRecordValue;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine on its own: snapshots bound the log, and recovery (the latest snapshot plus a replay of the log
 * after it) reaches the state the engine had: every instance still waits on its message and its timer.
 */
class EmbeddedEngineTest {

  private static final long SEGMENT = 256 * 1024;

  @TempDir Path dir;

  /** start → a job → a subprocess waiting for "paid" (by key), with a 30-day timer on it → end. */
  static BpmnModelInstance waitingModel() {
    return Bpmn.createExecutableProcess("waiting")
        .startEvent()
        .serviceTask("work", t -> t.zeebeJobType("noop"))
        .subProcess("waitScope")
        .embeddedSubProcess()
        .startEvent()
        .intermediateCatchEvent("paid", c -> c.message(m -> m.name("paid").zeebeCorrelationKeyExpression("key")))
        .endEvent()
        .subProcessDone()
        .endEvent("done")
        .moveToActivity("waitScope")
        .boundaryEvent("expired", b -> b.timerWithDuration("P30D"))
        .endEvent("gaveUp")
        .done();
  }

  EmbeddedEngine start() {
    return EmbeddedEngine.start(
        new EmbeddedEngine.Settings(dir, 0, true, Duration.ofHours(1), SEGMENT, 32L << 20, Duration.ofMinutes(2)));
  }

  static CamundaClient client(EmbeddedEngine engine) {
    return CamundaClient.newClientBuilder()
        .grpcAddress(URI.create("http://127.0.0.1:" + engine.port()))
        .restAddress(URI.create("http://127.0.0.1:" + engine.port()))
        .preferRestOverGrpc(false)
        .build();
  }

  static JobWorker noopWorker(CamundaClient client, AtomicLong done) {
    return client.newWorker().jobType("noop")
        .handler((jobs, job) -> {
          jobs.newCompleteCommand(job.getKey()).send().join();
          done.incrementAndGet();
        })
        .streamEnabled(true).maxJobsActive(64).open();
  }

  static void create(CamundaClient client, int from, int count) {
    List<CompletableFuture<?>> sent = new ArrayList<>();
    for (int i = from; i < from + count; i++) {
      sent.add(client.newCreateInstanceCommand().bpmnProcessId("waiting").latestVersion()
          .variables(Map.of("key", "k" + i)).send().toCompletableFuture());
      if (sent.size() == 64) {
        sent.forEach(CompletableFuture::join);
        sent.clear();
      }
    }
    sent.forEach(CompletableFuture::join);
  }

  static Map<String, Long> ended(EmbeddedEngine engine) {
    Map<String, Long> ends = new HashMap<>();
    engine.readRecords(0, Set.of(ValueType.PROCESS_INSTANCE), r -> {
      ProcessInstanceRecordValue v = (ProcessInstanceRecordValue) r.getValue();
      if (r.getIntent() == ProcessInstanceIntent.ELEMENT_COMPLETED && v.getBpmnElementType() == BpmnElementType.END_EVENT
          && v.getFlowScopeKey() == v.getProcessInstanceKey()) {
        ends.merge(v.getElementId(), 1L, Long::sum);
      }
    });
    return ends;
  }

  @Test
  void snapshotsBoundTheLogAndRecoveryReachesTheSameState() {
    int perRound = 300;
    int rounds = 6;
    long largestAfterCompaction = 0;
    long totalWritten;
    EmbeddedEngine engine = start();
    assertThatThrownBy(this::start).as("a second engine on the same data would delete its state")
        .hasMessageContaining("Another instance");
    AtomicLong jobsDone = new AtomicLong();
    try (CamundaClient client = client(engine); JobWorker worker = noopWorker(client, jobsDone)) {
      client.newDeployResourceCommand().addProcessModel(waitingModel(), "waiting.bpmn").send().join();
      long previousSnapshot = 0;
      for (int round = 0; round < rounds; round++) {
        create(client, round * perRound, perRound);
        int expected = (round + 1) * perRound;
        await().atMost(Duration.ofMinutes(1)).until(() -> jobsDone.get() >= expected);
        long before = engine.diskUsage().logBytes();
        var snapshot = engine.snapshot().orElseThrow();
        assertThat(snapshot.position()).isGreaterThan(previousSnapshot);
        previousSnapshot = snapshot.position();
        EmbeddedEngine.DiskUsage after = engine.diskUsage();
        assertThat(after.firstLogPosition()).as("the log below the snapshot is gone").isLessThanOrEqualTo(snapshot.position());
        if (round > 0) {
          assertThat(after.logBytes()).as("compacted in round " + round).isLessThan(before);
        }
        largestAfterCompaction = Math.max(largestAfterCompaction, after.logBytes());
      }
      totalWritten = engine.lastPosition();
      // instances the snapshot does not cover: only the log has them
      create(client, rounds * perRound, perRound);
      await().atMost(Duration.ofMinutes(1)).until(() -> jobsDone.get() >= (rounds + 1) * perRound);
    } finally {
      engine.crash();
    }
    assertThat(largestAfterCompaction).as("log after compaction: at most the segment of the snapshot and the one after")
        .isLessThanOrEqualTo(2 * SEGMENT + 64 * 1024);

    EmbeddedEngine recovered = start();
    int all = (rounds + 1) * perRound;
    try (CamundaClient client = client(recovered)) {
      assertThat(recovered.lastPosition()).isGreaterThan(totalWritten);
      // every instance still waits: half of them get their message, the clock lets the others' timers fire
      for (int i = 0; i < all; i += 2) {
        client.newPublishMessageCommand().messageName("paid").correlationKey("k" + i).timeToLive(Duration.ZERO).send().join();
      }
      await().atMost(Duration.ofMinutes(1)).until(() -> ended(recovered).getOrDefault("done", 0L) == all / 2);
      recovered.increaseTime(Duration.ofDays(31));
      await().atMost(Duration.ofMinutes(1)).until(() -> ended(recovered).getOrDefault("gaveUp", 0L) == all / 2);
      assertThat(ended(recovered)).containsEntry("done", (long) all / 2).containsEntry("gaveUp", (long) all / 2);
    } finally {
      recovered.stop();
    }
  }

}
