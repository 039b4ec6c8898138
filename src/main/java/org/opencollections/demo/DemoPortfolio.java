package org.opencollections.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.Currency;
import java.util.List;
import java.util.Random;

/**
 * A generated portfolio as the CSV that {@code POST /api/portfolio/imports} takes: fake but plausible debtors
 * (names from short lists, e-mails at example.com / example.org, phone numbers from ranges reserved for fiction),
 * the jurisdictions and zones the contact rules know, several products and currencies at their ISO scales, and
 * due dates spread over every days-past-due bucket from 0–29 to 180+. The same seed gives the same file.
 */
final class DemoPortfolio {

  /** The header of the import's CSV (README, Portfolio import). */
  static final String HEADER =
      "externalRef,debtor.externalRef,debtor.name,debtor.email,debtor.phone,debtor.timeZone,debtor.jurisdiction,"
          + "principal,currency,dueDate,product";

  /** Days-past-due buckets as supervisors read roll rates: 0–29, 30–59, 60–89, 90–119, 120–179, 180+ (up to 240). */
  static final int[][] DPD_BUCKETS = {{1, 29}, {30, 59}, {60, 89}, {90, 119}, {120, 179}, {180, 240}};

  /** Where debtors live: jurisdiction, zone, currency, how much a typical balance is in it, phone prefix (null: none). */
  record Region(String jurisdiction, String timeZone, String currency, double perUsd, String phonePrefix, int weight) {}

  static final List<Region> REGIONS = List.of(
      new Region("US-NY", "America/New_York", "USD", 1, "+1 212 555 01", 20),
      new Region("US-NY-NYC", "America/New_York", "USD", 1, "+1 718 555 01", 10),
      new Region("US-MA", "America/New_York", "USD", 1, "+1 617 555 01", 10),
      new Region("US-CA", "America/Los_Angeles", "USD", 1, "+1 415 555 01", 15),
      new Region("US-IL", "America/Chicago", "USD", 1, "+1 312 555 01", 10),
      new Region("US-CO", "America/Denver", "USD", 1, "+1 303 555 01", 5),
      new Region("IN", "Asia/Kolkata", "INR", 83, null, 10),
      new Region("GB", "Europe/London", "GBP", 0.8, "+44 7700 900", 8),
      new Region("DE", "Europe/Berlin", "EUR", 0.92, null, 6),
      new Region("JP", "Asia/Tokyo", "JPY", 150, null, 3),
      new Region("KW", "Asia/Kuwait", "KWD", 0.31, null, 3));

  static final List<String> PRODUCTS = List.of("CREDIT_CARD", "PERSONAL_LOAN", "OVERDRAFT", "AUTO_LOAN", "BUY_NOW_PAY_LATER");

  private static final List<String> FIRST = List.of(
      "Dana", "Alex", "Maria", "James", "Priya", "Wei", "Fatima", "Lukas", "Sofia", "Omar", "Emma", "Noah", "Aisha",
      "Kenji", "Chloe", "Mateo", "Ravi", "Hannah", "Diego", "Yuki", "Grace", "Samuel", "Leila", "Tom", "Nina", "Arjun",
      "Olivia", "Kwame", "Ingrid", "Marco");
  private static final List<String> LAST = List.of(
      "Smith", "Garcia", "Chen", "Patel", "Müller", "Okafor", "Rossi", "Kim", "Johnson", "Nguyen", "Schmidt", "Khan",
      "Silva", "Tanaka", "Brown", "O'Neill", "Kowalski", "Haddad", "Larsen", "Moreau", "Sharma", "Williams", "Ivanova",
      "Mensah", "Lopez", "Fischer", "Sato", "Ahmed", "Taylor", "Novak");

  private DemoPortfolio() {}

  /**
   * Writes {@code debtors} debtors to {@code out}, about one in ten with a second debt.
   *
   * @param today the simulated date the due dates are counted back from
   * @return the number of debts (rows) written
   */
  static int write(Writer out, int debtors, long seed, LocalDate today) {
    Random random = new Random(seed);
    int totalWeight = REGIONS.stream().mapToInt(Region::weight).sum();
    int rows = 0;
    try {
      out.write(HEADER);
      out.write('\n');
      for (int d = 1; d <= debtors; d++) {
        Region region = pick(random, totalWeight);
        String first = FIRST.get(random.nextInt(FIRST.size()));
        String last = LAST.get(random.nextInt(LAST.size()));
        String name = first + " " + last;
        String email = random.nextInt(10) == 0 ? "" // some debtors left no e-mail
            : ascii(first + "." + last) + "." + d + "@" + (random.nextBoolean() ? "example.com" : "example.org");
        String phone = region.phonePrefix() == null || random.nextInt(8) == 0 ? ""
            : region.phonePrefix() + (region.phonePrefix().startsWith("+44") ? "%03d" : "%02d").formatted(
                random.nextInt(region.phonePrefix().startsWith("+44") ? 1000 : 100));
        int debts = random.nextInt(10) == 0 ? 2 : 1;
        for (int k = 0; k < debts; k++) {
          rows++;
          int[] bucket = DPD_BUCKETS[random.nextInt(DPD_BUCKETS.length)];
          int dpd = bucket[0] + random.nextInt(bucket[1] - bucket[0] + 1);
          out.write(String.join(",",
              "DEMO-%06d".formatted(rows), "DEMO-CUST-%05d".formatted(d), csv(name), email, phone, region.timeZone(),
              region.jurisdiction(), principal(random, region).toPlainString(), region.currency(),
              today.minusDays(dpd).toString(), PRODUCTS.get(random.nextInt(PRODUCTS.size()))));
          out.write('\n');
        }
      }
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return rows;
  }

  private static Region pick(Random random, int totalWeight) {
    int n = random.nextInt(totalWeight);
    for (Region r : REGIONS) {
      n -= r.weight();
      if (n < 0) {
        return r;
      }
    }
    return REGIONS.getLast();
  }

  /** A balance between about 40 and 25,000 USD-worth (log-uniform: many small ones, a few large), at the currency's scale. */
  private static BigDecimal principal(Random random, Region region) {
    double usd = Math.exp(Math.log(40) + random.nextDouble() * (Math.log(25_000) - Math.log(40)));
    int scale = Currency.getInstance(region.currency()).getDefaultFractionDigits();
    return BigDecimal.valueOf(usd * region.perUsd()).setScale(scale, RoundingMode.HALF_UP);
  }

  private static String ascii(String s) {
    return java.text.Normalizer.normalize(s, java.text.Normalizer.Form.NFD)
        .replaceAll("[^A-Za-z.]", "").toLowerCase(java.util.Locale.ROOT);
  }

  private static String csv(String field) {
    return field.contains(",") || field.contains("\"") ? "\"" + field.replace("\"", "\"\"") + "\"" : field;
  }
}
