package org.opencollections.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.opencollections.support.CollectionsTest;
import org.opencollections.workbench.Session;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The workbench's KPI page: a supervisor's (and an administrator's), refused to an operator, linked from the nav. */
@CollectionsTest
class KpiPageTest {

  @LocalServerPort int port;

  @Test
  void theKpiPageIsTheSupervisorsWithChartsDrawnOnTheServer() {
    Session supervisor = new Session(port);
    supervisor.logIn("supervisor", "supervisor");
    HttpResponse<String> page = supervisor.get("/workbench/kpis");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body())
        .contains("<svg").contains("Forward roll").contains("Right-party contact").contains("Cost to collect per channel")
        .contains("data-kpi=\"/cures/cureRate/rate\"").contains("data-kpi=\"/rollRates/rows/0-30/forwardRoll/rate\"")
        .contains("href=\"/workbench/kpis\"")
        .doesNotContain("<script>");
    assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow()).contains("script-src 'self'");

    HttpResponse<String> bad = supervisor.get("/workbench/kpis?from=2027-03-10&to=2027-03-01");
    assertThat(bad.statusCode()).isEqualTo(200);
    assertThat(bad.body()).contains("Not computed: to must be after from").doesNotContain("data-kpi=");

    Session operator = new Session(port);
    operator.logIn("operator", "operator");
    assertThat(operator.get("/workbench/kpis").statusCode()).isEqualTo(403);
    assertThat(operator.get("/workbench/queue").body()).doesNotContain("/workbench/kpis");
  }
}
