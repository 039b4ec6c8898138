package org.opencollections.analytics;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The supervisor's KPIs as JSON: the same figures the workbench's KPI page draws. */
@RestController
@EnableConfigurationProperties(UnitCosts.class)
class KpiController {

  private final KpiQueries kpis;

  KpiController(KpiQueries kpis) {
    this.kpis = kpis;
  }

  @Operation(
      summary = "Supervisor KPIs for a period",
      description = "Roll rates between days-past-due buckets, cure and self-cure, right-party contact, promise-to-pay"
          + " and promise-kept rates, liquidation and recovery per currency, deferred and blocked contacts by rule,"
          + " cost to collect per channel, time in stage and SLA breaches, for the period [from, to) of UTC calendar"
          + " days (to is the first day not counted). Every rate comes with its numerator and denominator; the exact"
          + " definitions are in README.md, section KPIs.")
  @io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "200", description = "The KPIs", useReturnTypeSchema = true)
  @GetMapping("/api/analytics/kpis")
  Kpis kpis(
      @Parameter(description = "first day of the period (UTC), YYYY-MM-DD", example = "2027-03-01") @RequestParam(required = false) String from,
      @Parameter(description = "first day after the period (UTC), YYYY-MM-DD; after from", example = "2027-04-01") @RequestParam(required = false) String to,
      @Parameter(description = "only the debts of this segment (the segmentation table's code)", example = "HIGH_VALUE")
          @RequestParam(required = false) String segment,
      @Parameter(description = "only the debts of this product code", example = "CREDIT_CARD") @RequestParam(required = false) String product) {
    return kpis.compute(KpiQuery.parse(from, to, segment, product));
  }
}
