package org.opencollections.workbench;

import org.springframework.boot.web.servlet.server.CookieSameSiteSupplier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The workbench's session cookie is sent on the workbench's own requests only (SameSite=Lax, HttpOnly by default). */
@Configuration
class WorkbenchConfiguration {

  @Bean
  CookieSameSiteSupplier workbenchSessionCookie() {
    return CookieSameSiteSupplier.ofLax().whenHasName("JSESSIONID");
  }
}
