package org.opencollections.platform;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.opencollections.process.EngineMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.support.DefaultSingletonBeanRegistry;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Embedded mode's own SMTP server (GreenMail), so that e-mail goes over real SMTP with nothing to install:
 * bound to 127.0.0.1, keeping what it receives in memory: the last {@code collections.mail.embedded-keep}
 * (10,000) at most, then it starts afresh, so that a large portfolio does not fill the heap (what was sent
 * stays in PostgreSQL, word for word). Setting {@code spring.mail.host} (your own mail server) switches it
 * off, and outside embedded mode it never starts.
 */
public class EmbeddedSmtpInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedSmtpInitializer.class);

  /** The running server, for tests and demos that read back what was sent. */
  public record Handle(GreenMail server, ScheduledExecutorService trimmer) implements DisposableBean {
    @Override
    public void destroy() {
      trimmer.shutdownNow();
      server.stop();
    }
  }

  /** Forgets every e-mail and mailbox once more than {@code keep} e-mails are held. */
  static void trim(GreenMail server, int keep) {
    try {
      if (server.getReceivedMessages().length > keep) {
        server.purgeEmailFromAllMailboxes();
        for (var user : server.getUserManager().listUser()) {
          server.getUserManager().deleteUser(user);
        }
        LOG.info("The embedded SMTP server held more than {} e-mails and has forgotten them", keep);
      }
    } catch (Exception e) {
      LOG.warn("Could not trim the embedded SMTP server's mailboxes", e);
    }
  }

  @Override
  public void initialize(ConfigurableApplicationContext context) {
    ConfigurableEnvironment env = context.getEnvironment();
    if (!EngineMode.of(env).embedded() || env.getProperty("spring.mail.host") != null) {
      return;
    }
    int port = env.getProperty("collections.mail.embedded-port", Integer.class, 2525);
    ServerSetup setup = new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP);
    GreenMail server = new GreenMail(port == 0 ? setup.dynamicPort() : setup);
    server.start();
    int keep = env.getProperty("collections.mail.embedded-keep", Integer.class, 10_000);
    ScheduledExecutorService trimmer =
        Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("smtp-trim").daemon().factory());
    trimmer.scheduleWithFixedDelay(() -> trim(server, keep), 30, 30, TimeUnit.SECONDS);
    Handle handle = new Handle(server, trimmer);
    context.getBeanFactory().registerSingleton("embeddedSmtp", handle);
    ((DefaultSingletonBeanRegistry) context.getBeanFactory()).registerDisposableBean("embeddedSmtp", handle);
    int actual = server.getSmtp().getPort();
    env.getPropertySources()
        .addFirst(
            new MapPropertySource(
                "embeddedSmtp", Map.of("spring.mail.host", "127.0.0.1", "spring.mail.port", String.valueOf(actual))));
    LOG.info("Embedded SMTP server on 127.0.0.1:{} (e-mail is kept in memory; set spring.mail.host for a real one)", actual);
  }
}
