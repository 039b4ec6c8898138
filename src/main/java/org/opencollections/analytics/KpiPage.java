package org.opencollections.analytics;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.opencollections.analytics.Kpis.Rate;
import org.opencollections.platform.InvalidInputException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The workbench's KPI page: the API's figures for a period and filter, as bar charts drawn on the server in
 * inline SVG (no script). Every figure carries {@code data-kpi} with its JSON Pointer into the API's answer
 * and shows exactly the string the API answers (an empty text where the API says null).
 */
@Controller
class KpiPage {

  private final KpiQueries kpis;
  private final Clock clock;

  KpiPage(KpiQueries kpis, Clock clock) {
    this.kpis = kpis;
    this.clock = clock;
  }

  /** One bar: its label, the figure it draws (pointer and value), its length, and for a rate what it is of. */
  record Bar(String label, String kpi, String value, int width, String numeratorKpi, Long numerator,
      String denominatorKpi, Long denominator, String note) {}

  record Chart(String title, List<Bar> bars) {
    static final int ROW = 26;
    static final int LENGTH = 300;

    public int height() {
      return Math.max(1, bars.size()) * ROW + 4;
    }
  }

  @GetMapping("/workbench/kpis")
  String page(
      @RequestParam(required = false) String from, @RequestParam(required = false) String to,
      @RequestParam(required = false) String segment, @RequestParam(required = false) String product, Model model) {
    // by default this month so far: from its first day to tomorrow (UTC)
    LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
    String f = from == null ? today.withDayOfMonth(1).toString() : from;
    String t = to == null ? today.plusDays(1).toString() : to;
    model.addAttribute("from", f);
    model.addAttribute("to", t);
    model.addAttribute("segment", segment == null ? "" : segment);
    model.addAttribute("product", product == null ? "" : product);
    try {
      Kpis k = kpis.compute(KpiQuery.parse(f, t, segment, product));
      model.addAttribute("k", k);
      model.addAttribute("charts", charts(k));
    } catch (InvalidInputException e) {
      model.addAttribute("problem", "Not computed: " + e.errors().entrySet().stream()
          .map(x -> x.getKey() + " " + x.getValue()).reduce((a, b) -> a + "; " + b).orElse("invalid input"));
    }
    return "workbench/kpis";
  }

  static List<Chart> charts(Kpis k) {
    List<Chart> charts = new ArrayList<>();
    List<Bar> roll = new ArrayList<>();
    k.rollRates().rows().forEach((bucket, row) -> roll.add(rate(bucket + " days", "/rollRates/rows/" + bucket + "/forwardRoll", row.forwardRoll())));
    charts.add(new Chart("Forward roll: share of each bucket's debts in a later bucket at the end", roll));
    List<Bar> cured = new ArrayList<>();
    k.rollRates().rows().forEach((bucket, row) -> cured.add(rate(bucket + " days", "/rollRates/rows/" + bucket + "/cured", row.cured())));
    charts.add(new Chart("Cured during the period, by bucket at the start", cured));
    charts.add(new Chart("Rates", List.of(
        rate("Cure", "/cures/cureRate", k.cures().cureRate()),
        rate("Self-cure", "/cures/selfCureRate", k.cures().selfCureRate()),
        rate("Right-party contact", "/contactRates/rightPartyContactRate", k.contactRates().rightPartyContactRate()),
        rate("Promise to pay", "/contactRates/ptpRate", k.contactRates().ptpRate()),
        rate("Promise kept", "/contactRates/ptpKeptRate", k.contactRates().ptpKeptRate()),
        rate("Contacts deferred", "/contactDecisions/deferredRate", k.contactDecisions().deferredRate()),
        rate("Contacts blocked", "/contactDecisions/blockedRate", k.contactDecisions().blockedRate()))));
    List<Bar> rules = new ArrayList<>();
    k.contactDecisions().deferredByRule().forEach((rule, r) -> rules.add(rate("Deferred: " + rule, "/contactDecisions/deferredByRule/" + rule, r)));
    k.contactDecisions().blockedByRule().forEach((rule, r) -> rules.add(rate("Blocked: " + rule, "/contactDecisions/blockedByRule/" + rule, r)));
    charts.add(new Chart("Deferred and blocked contacts by rule, of all attempts", rules));
    BigDecimal most = k.costToCollect().channels().values().stream()
        .map(c -> new BigDecimal(c.cost())).reduce(BigDecimal.ZERO, BigDecimal::max);
    List<Bar> cost = new ArrayList<>();
    for (Map.Entry<String, Kpis.ChannelCost> c : k.costToCollect().channels().entrySet()) {
      BigDecimal value = new BigDecimal(c.getValue().cost());
      int width = most.signum() == 0 ? 0 : value.multiply(BigDecimal.valueOf(Chart.LENGTH)).divide(most, 0, java.math.RoundingMode.HALF_UP).intValue();
      String at = "/costToCollect/channels/" + c.getKey();
      cost.add(new Bar(c.getKey(), at + "/cost", c.getValue().cost(), width, at + "/contacts", c.getValue().contacts(),
          null, null, "contacts × " + c.getValue().unitCost() + " " + k.costToCollect().currency()));
    }
    charts.add(new Chart("Cost to collect per channel (" + k.costToCollect().currency() + ")", cost));
    return charts;
  }

  /** A rate's bar, on a scale of 0 to 1 (a rate above 1, such as more promises than conversations, fills it). */
  private static Bar rate(String label, String at, Rate r) {
    double value = r.rate() == null ? 0 : Math.min(1, Double.parseDouble(r.rate()));
    return new Bar(label, at + "/rate", r.rate() == null ? "" : r.rate(), (int) Math.round(value * Chart.LENGTH),
        at + "/numerator", r.numerator(), at + "/denominator", r.denominator(), null);
  }
}
