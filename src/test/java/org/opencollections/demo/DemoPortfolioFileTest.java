package org.opencollections.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Currency;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

/** The generated portfolio: the same seed gives the same file, and the file is plausible, fake and varied. */
class DemoPortfolioFileTest {

  static final LocalDate TODAY = LocalDate.of(2027, 3, 1);

  static String file(int debtors, long seed) {
    StringWriter out = new StringWriter();
    DemoPortfolio.write(out, debtors, seed, TODAY);
    return out.toString();
  }

  static List<CSVRecord> rows(String csv) throws Exception {
    return CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(new java.io.StringReader(csv))
        .getRecords();
  }

  @Test
  void theSameSeedGivesTheSameFileAndAnotherSeedAnother() {
    assertThat(file(300, 7)).isEqualTo(file(300, 7)).isNotEqualTo(file(300, 8));
  }

  @Test
  void headerIsTheImportsAndSomeDebtorsOweTwoDebts() throws Exception {
    String csv = file(500, 2027);
    assertThat(csv.lines().findFirst()).hasValue(DemoPortfolio.HEADER);
    List<CSVRecord> rows = rows(csv);
    long debtors = rows.stream().map(r -> r.get("debtor.externalRef")).distinct().count();
    assertThat(debtors).isEqualTo(500);
    assertThat(rows.size()).isGreaterThan(500).isLessThan(600);
    assertThat(rows.stream().map(r -> r.get("externalRef")).distinct().count()).isEqualTo(rows.size());
  }

  @Test
  void contactDetailsAreFakeOnes() throws Exception {
    for (CSVRecord r : rows(file(1000, 2027))) {
      String email = r.get("debtor.email");
      String phone = r.get("debtor.phone");
      if (!email.isEmpty()) {
        assertThat(email).matches("[a-z.]+\\.\\d+@example\\.(com|org)");
      }
      if (!phone.isEmpty()) {
        // North America's 555-0100–0199 and Ofcom's drama range 07700 900000–900999
        assertThat(phone).matches("\\+1 \\d{3} 555 01\\d{2}|\\+44 7700 900\\d{3}");
      }
    }
  }

  @Test
  void everyDaysPastDueBucketJurisdictionAndCurrencyAtItsScaleIsThere() throws Exception {
    List<CSVRecord> rows = rows(file(1000, 2027));
    Set<Integer> buckets = rows.stream()
        .map(r -> ChronoUnit.DAYS.between(LocalDate.parse(r.get("dueDate")), TODAY))
        .map(dpd -> dpd < 30 ? 0 : dpd < 60 ? 1 : dpd < 90 ? 2 : dpd < 120 ? 3 : dpd < 180 ? 4 : 5)
        .collect(Collectors.toSet());
    assertThat(buckets).containsExactlyInAnyOrder(0, 1, 2, 3, 4, 5);
    assertThat(rows.stream().map(r -> r.get("debtor.jurisdiction")).collect(Collectors.toSet()))
        .contains("US-NY", "US-NY-NYC", "US-MA", "US-CA", "IN");
    assertThat(rows.stream().map(r -> r.get("currency")).collect(Collectors.toSet()))
        .contains("USD", "INR", "GBP", "EUR", "JPY", "KWD");
    assertThat(rows.stream().map(r -> r.get("product")).collect(Collectors.toSet()))
        .containsExactlyInAnyOrderElementsOf(DemoPortfolio.PRODUCTS);
    for (CSVRecord r : rows) {
      BigDecimal principal = new BigDecimal(r.get("principal"));
      assertThat(principal.scale()).isEqualTo(Currency.getInstance(r.get("currency")).getDefaultFractionDigits());
      assertThat(principal.signum()).isPositive();
      assertThat(ZoneId.of(r.get("debtor.timeZone"))).isNotNull();
    }
  }

  @Test
  void aShareOfABalanceKeepsTheCurrencysScaleAndNeverExceedsIt() {
    assertThat(DemoActors.share(new BigDecimal("100.00"), "USD", 0.333)).isEqualByComparingTo("33.30").hasScaleOf(2);
    assertThat(DemoActors.share(new BigDecimal("5000"), "JPY", 0.25)).isEqualTo(new BigDecimal("1250"));
    assertThat(DemoActors.share(new BigDecimal("1.235"), "KWD", 0.5)).isEqualTo(new BigDecimal("0.617"));
    assertThat(DemoActors.share(new BigDecimal("0.01"), "USD", 0.1)).isEqualTo(new BigDecimal("0.01"));
  }

}
