package org.opencollections.contact;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import java.util.Arrays;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * A contact the governor defers is a normal outcome (the job is retried at the first lawful moment, and the
 * attempt is on the case's timeline), but the connector runtime logs every job that asks to be retried as an
 * ERROR. This drops those lines, and only those: a connector that really fails still logs its error.
 */
@Component
class QuietDeferrals extends TurboFilter {

  static final String JOB_HANDLER = "io.camunda.connector.runtime.outbound.job.SpringConnectorJobHandler";

  @EventListener(ApplicationStartedEvent.class)
  void install() {
    if (LoggerFactory.getILoggerFactory() instanceof LoggerContext logback
        && logback.getTurboFilterList().stream().noneMatch(f -> f instanceof QuietDeferrals)) {
      start();
      logback.addTurboFilter(this);
    }
  }

  @Override
  public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
    if (logger == null || level != Level.ERROR || !JOB_HANDLER.equals(logger.getName())) {
      return FilterReply.NEUTRAL;
    }
    boolean deferral =
        (format != null && format.contains(ContactDebtorConnector.DEFERRED_MESSAGE))
            || (params != null && Arrays.stream(params).anyMatch(p -> String.valueOf(p).contains(ContactDebtorConnector.DEFERRED_MESSAGE)))
            || (t != null && String.valueOf(t.getMessage()).contains(ContactDebtorConnector.DEFERRED_MESSAGE));
    return deferral ? FilterReply.DENY : FilterReply.NEUTRAL;
  }
}
