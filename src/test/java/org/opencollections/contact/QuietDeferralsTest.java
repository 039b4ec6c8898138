package org.opencollections.contact;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.spi.FilterReply;
import org.junit.jupiter.api.Test;

/** A deferral's retry is not an error in the log; a connector that fails still is. */
class QuietDeferralsTest {

  final LoggerContext context = new LoggerContext();
  final QuietDeferrals filter = new QuietDeferrals();

  @Test
  void dropsOnlyTheRuntimesErrorForADeferral() {
    var handler = context.getLogger(QuietDeferrals.JOB_HANDLER);
    String format = "Exception while completing job: {}, message: {}";

    assertThat(filter.decide(null, handler, Level.ERROR, format,
            new Object[] {"JobForLog[key=1]", "Deferred by the compliance governor until 2027-03-14T02:30:00Z: LOCAL_TIME_WINDOW"}, null))
        .isEqualTo(FilterReply.DENY);
    assertThat(filter.decide(null, handler, Level.ERROR, format,
            new Object[] {"JobForLog[key=2]", "SMTP server not reachable"}, null))
        .isEqualTo(FilterReply.NEUTRAL);
    assertThat(filter.decide(null, context.getLogger("org.opencollections.contact.SmtpEmail"), Level.ERROR,
            "Deferred by the compliance governor", null, null))
        .as("another logger's line").isEqualTo(FilterReply.NEUTRAL);
  }
}
