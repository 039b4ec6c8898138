package org.opencollections.analytics;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.opencollections.platform.InvalidInputException;

/**
 * What the KPIs are asked for: the period [from, to) of calendar days in UTC (from inclusive, to exclusive:
 * March is from=2027-03-01&amp;to=2027-04-01), and optionally only the debts of one segment or one product.
 */
record KpiQuery(LocalDate from, LocalDate to, String segment, String product) {

  /** Segment and product codes as the application writes them (the segmentation table's, the debt's product). */
  private static final Pattern CODE = Pattern.compile("[A-Z][A-Z0-9_]{0,39}");
  static final int MAX_DAYS = 3660;

  /** Parses the request's parameters; every bad one is named in the 400 answer. */
  static KpiQuery parse(String from, String to, String segment, String product) {
    Map<String, String> errors = new LinkedHashMap<>();
    LocalDate f = date("from", from, errors);
    LocalDate t = date("to", to, errors);
    if (f != null && t != null) {
      if (!t.isAfter(f)) {
        errors.put("to", "must be after from (the period is [from, to): to is the first day not counted)");
      } else if (ChronoUnit.DAYS.between(f, t) > MAX_DAYS) {
        errors.put("to", "must be at most " + MAX_DAYS + " days after from");
      }
    }
    String s = code("segment", segment, errors);
    String p = code("product", product, errors);
    if (!errors.isEmpty()) {
      throw new InvalidInputException(errors);
    }
    return new KpiQuery(f, t, s, p);
  }

  private static LocalDate date(String field, String value, Map<String, String> errors) {
    if (value == null || value.isBlank()) {
      errors.put(field, "is required: a date YYYY-MM-DD");
      return null;
    }
    try {
      return LocalDate.parse(value.trim());
    } catch (DateTimeParseException e) {
      errors.put(field, "must be a date YYYY-MM-DD, not '" + abbreviate(value) + "'");
      return null;
    }
  }

  private static String code(String field, String value, Map<String, String> errors) {
    if (value == null || value.isBlank()) {
      return null;
    }
    if (!CODE.matcher(value.trim()).matches()) {
      errors.put(field, "must be an upper-case code such as " + ("segment".equals(field) ? "HIGH_VALUE" : "CREDIT_CARD")
          + " (letters, digits, _; at most 40)");
      return null;
    }
    return value.trim();
  }

  private static String abbreviate(String value) {
    return value.length() > 20 ? value.substring(0, 20) + "…" : value;
  }

  Instant start() {
    return from.atStartOfDay(ZoneOffset.UTC).toInstant();
  }

  Instant end() {
    return to.atStartOfDay(ZoneOffset.UTC).toInstant();
  }
}
