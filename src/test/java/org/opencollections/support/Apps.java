package org.opencollections.support;

import io.camunda.zeebe.protocol.record.ValueType;
import io.camunda.zeebe.protocol.record.intent.ProcessInstanceCreationIntent;
import io.camunda.zeebe.protocol.record.value.ProcessInstanceCreationRecordValue;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.opencollections.CollectionsApplication;
import org.opencollections.engine.embedded.EmbeddedEngine;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.web.client.RestTemplateBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** Applications on a data directory of their own, started and stopped (or killed) by the restart tests. */
public final class Apps {

  private Apps() {}

  /** The arguments every run on {@code data} gets: its own ports and directories, simulated time as in the suite. */
  public static List<String> args(Path data, String... extra) {
    Map<String, String> args = new LinkedHashMap<>();
    args.put("collections.engine.port", "0");
    args.put("collections.postgres.data-dir", data.resolve("postgres").toString());
    args.put("collections.engine.data-dir", data.resolve("engine").toString());
    args.put("collections.mail.embedded-port", "0");
    args.put("collections.resume.retry-interval", "PT1H");
    args.put("collections.engine.snapshot-period", "PT1H");
    args.put("collections.simulation.start", CollectionsTest.START);
    for (String arg : extra) {
      String[] pair = arg.replaceFirst("^--", "").split("=", 2);
      args.put(pair[0], pair[1]); // a property given twice would reach the application as "a,b"
    }
    return args.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toList();
  }

  /** The application in this JVM (command-line arguments, so that they win over application.yml). */
  public static ConfigurableApplicationContext startHere(Path data, String... extra) {
    List<String> args = new ArrayList<>(args(data, extra));
    args.add("--server.port=0");
    return new SpringApplicationBuilder(CollectionsApplication.class).run(args.toArray(String[]::new));
  }

  public static Api api(ConfigurableApplicationContext app) {
    String port = app.getEnvironment().getProperty("local.server.port");
    return new Api(new TestRestTemplate(new RestTemplateBuilder().rootUri("http://localhost:" + port)));
  }

  /** How many process instances the engine created for each debt, read from its own records. */
  public static Map<String, Integer> instancesPerDebt(EmbeddedEngine engine) {
    Map<String, Integer> created = new HashMap<>();
    engine.readRecords(
        0,
        Set.of(ValueType.PROCESS_INSTANCE_CREATION),
        r -> {
          if (r.getIntent() == ProcessInstanceCreationIntent.CREATED) {
            Object debtId = ((ProcessInstanceCreationRecordValue) r.getValue()).getVariables().get("debtId");
            created.merge(String.valueOf(debtId), 1, Integer::sum);
          }
        });
    return created;
  }
}
