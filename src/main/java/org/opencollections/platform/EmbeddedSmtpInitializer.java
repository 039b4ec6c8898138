package org.opencollections.platform;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.util.Map;
import org.opencollections.engine.EngineMode;
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
 * bound to 127.0.0.1, keeping what it receives in memory. Setting {@code spring.mail.host} (your own mail
 * server) switches it off, and outside embedded mode it never starts.
 */
public class EmbeddedSmtpInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedSmtpInitializer.class);

  /** The running server, for tests and demos that read back what was sent. */
  public record Handle(GreenMail server) implements DisposableBean {
    @Override
    public void destroy() {
      server.stop();
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
    Handle handle = new Handle(server);
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
