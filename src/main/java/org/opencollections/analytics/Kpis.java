package org.opencollections.analytics;

import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;

/**
 * The supervisor's KPIs for one period and filter. Every rate is a decimal string with four decimals next to
 * the numerator and denominator it was computed from (null when the denominator is 0); money is per currency,
 * never summed across currencies. The exact definitions are in README.md, section "KPIs".
 */
@Schema(description = "Supervisor KPIs for the period [from, to) (UTC calendar days); definitions in README, section KPIs")
record Kpis(
    @Schema(example = "2027-03-01") String from,
    @Schema(example = "2027-04-01", description = "the first day not counted") String to,
    @Schema(nullable = true, example = "HIGH_VALUE") String segment,
    @Schema(nullable = true, example = "CREDIT_CARD") String product,
    @Schema(description = "when the figures were computed (RFC 3339, UTC)") String computedAt,
    RollRates rollRates,
    Cures cures,
    ContactRates contactRates,
    ContactDecisions contactDecisions,
    @Schema(description = "per currency") Map<String, Liquidation> liquidation,
    @Schema(description = "per currency") Map<String, Recovery> recovery,
    CostToCollect costToCollect,
    @Schema(description = "per stage, for the stage visits that ended in the period") Map<String, StageTime> timeInStage,
    SlaBreaches slaBreaches) {

  /** The buckets of days past due, in order; a debt more than 180 days past due is in 181+. */
  static final List<String> BUCKETS = List.of("0-30", "31-60", "61-90", "91-120", "121-180", "181+");
  static final String CURED = "CURED";
  static final String WRITTEN_OFF = "WRITTEN_OFF";
  static final List<String> COLUMNS = List.of("0-30", "31-60", "61-90", "91-120", "121-180", "181+", CURED, WRITTEN_OFF);

  @Schema(description = "numerator / denominator, four decimals; null when the denominator is 0")
  record Rate(@Schema(example = "0.2500", nullable = true) String rate, long numerator, long denominator) {
    static Rate of(long numerator, long denominator) {
      return new Rate(ratio(BigDecimal.valueOf(numerator), BigDecimal.valueOf(denominator), 4), numerator, denominator);
    }
  }

  static String ratio(BigDecimal numerator, BigDecimal denominator, int scale) {
    return denominator.signum() == 0 ? null : numerator.divide(denominator, scale, RoundingMode.HALF_UP).toPlainString();
  }

  @Schema(description = "Debts open with a balance at the start of the period, by their bucket then and where they stand at its end")
  record RollRates(List<String> buckets, List<String> columns, Map<String, RollRow> rows) {}

  record RollRow(
      @Schema(description = "debts in this bucket at the start") long debts,
      @Schema(description = "how many of them are in each column at the end") Map<String, Long> to,
      @Schema(description = "in a later bucket at the end") Rate forwardRoll,
      @Schema(description = "paid in full or settled during the period") Rate cured) {}

  record Cures(
      @Schema(description = "debts open with a balance at the start of the period") long debtsAtStart,
      Rate cureRate,
      @Schema(description = "cured without any conversation with the debtor or any commitment before closing") Rate selfCureRate) {}

  record ContactRates(
      @Schema(description = "made conversations / made calls and conversations") Rate rightPartyContactRate,
      @Schema(description = "promises to pay recorded / right-party contacts") Rate ptpRate,
      @Schema(description = "promises due in the period and kept / those due in the period and decided") Rate ptpKeptRate,
      @Schema(description = "promises due in the period not decided yet (still within their grace days)") long promisesDueUndecided) {}

  record ContactDecisions(
      long attempts, long made, Rate deferredRate, Rate blockedRate,
      @Schema(description = "deferred attempts per rule / all attempts") Map<String, Rate> deferredByRule,
      @Schema(description = "blocked attempts per rule / all attempts") Map<String, Rate> blockedByRule) {}

  record Liquidation(
      @Schema(example = "7000.00") String collected, @Schema(example = "44500.00") String balanceAtStart,
      @Schema(example = "0.1573", nullable = true) String rate) {}

  record Recovery(
      @Schema(example = "7500.00") String collected, @Schema(example = "45000.00") String placed,
      @Schema(example = "0.1667", nullable = true) String rate) {}

  record CostToCollect(
      String currency, Map<String, ChannelCost> channels, @Schema(example = "4.50") String total,
      @Schema(description = "collected in the period in this currency", example = "7000.00") String collected,
      @Schema(description = "total / collected, six decimals", example = "0.000643", nullable = true) String costPerCollected) {}

  record ChannelCost(long contacts, @Schema(example = "1.50") String unitCost, @Schema(example = "4.50") String cost) {}

  record StageTime(long visits, @Schema(example = "3.04") String medianDays, @Schema(example = "4.29") String p90Days) {}

  record SlaBreaches(
      @Schema(description = "open user tasks whose due date fell in the period and has passed") long overdueTasks) {}
}
