package org.opencollections.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

/**
 * The application on its embedded default (durable embedded engine, embedded PostgreSQL) on random ports. All
 * tests that use it share one application context, so they share one engine and one database: each test
 * works on debts of its own.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
// metrics are exported as in production (Spring Boot's tests turn that off by default): /actuator/prometheus is tested
@org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability(tracing = false)
@SpringBootTest(
    webEnvironment = WebEnvironment.RANDOM_PORT,
    properties = {
      "collections.engine.port=0",
      "collections.postgres.data-dir=target/test-data/${random.uuid}",
      "collections.engine.data-dir=target/test-data/${random.uuid}",
      // the model coverage check reads the engine's log from its first record: no compaction during the suite
      "collections.engine.snapshot-period=PT1H",
      "collections.postgres.durable=false",
      "collections.mail.embedded-port=0",
      "collections.resume.retry-interval=PT1H",
      "collections.holds.expiry-check=PT1S",
      "collections.bottlenecks.metrics-every=PT5S",
      "collections.analytics.metrics-every=PT10S",
      // a configured user besides the demo users, for the login throttle's test
      "collections.security.users[0].name=probe",
      "collections.security.users[0].password={noop}probe-secret",
      "collections.security.users[0].roles[0]=OPERATOR",
      // two collectors of their own for the targets tests (password = name, as the demo users'), whose figures no other test touches
      "collections.security.users[1].name=collector-ana",
      "collections.security.users[1].password={noop}collector-ana",
      "collections.security.users[1].roles[0]=OPERATOR",
      "collections.security.users[2].name=collector-ben",
      "collections.security.users[2].password={noop}collector-ben",
      "collections.security.users[2].roles[0]=OPERATOR",
      // simulated time starts at 10:00 in New York, so contact-hour rules do not depend on when tests run
      "collections.simulation.start=" + CollectionsTest.START
    })
public @interface CollectionsTest {
  String START = "2027-03-01T15:00:00Z";
}
