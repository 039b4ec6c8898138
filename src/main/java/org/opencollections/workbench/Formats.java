package org.opencollections.workbench;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Currency;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * How the workbench writes money and time for people: an amount with exactly its currency's decimals
 * (12,000.00 USD, 5,000 JPY, 1.235 KWD), a moment in the debtor's own zone with the zone named.
 */
@Component("fmt")
public class Formats {

  private static final DateTimeFormatter MOMENT = DateTimeFormatter.ofPattern("EEE d MMM yyyy, HH:mm", Locale.ENGLISH);
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d MMM yyyy", Locale.ENGLISH);

  public String money(BigDecimal amount, String currency) {
    if (amount == null) {
      return "";
    }
    int decimals = currency == null ? amount.scale() : Math.max(0, Currency.getInstance(currency).getDefaultFractionDigits());
    DecimalFormat format = new DecimalFormat("#,##0", DecimalFormatSymbols.getInstance(Locale.ENGLISH));
    format.setMinimumFractionDigits(decimals);
    format.setMaximumFractionDigits(decimals);
    format.setRoundingMode(RoundingMode.UNNECESSARY); // amounts are stored at their currency's scale: never rounded
    return format.format(amount) + (currency == null ? "" : " " + currency);
  }

  /** A moment in the zone, e.g. "Mon 1 Mar 2027, 10:00 (America/New_York)". */
  public String time(Instant at, ZoneId zone) {
    return at == null ? "" : MOMENT.format(at.atZone(zone)) + " (" + zone.getId() + ")";
  }

  public String time(OffsetDateTime at, String zone) {
    return at == null ? "" : time(at.toInstant(), ZoneId.of(zone));
  }

  /** The same, without the zone's name (for tables whose heading names it). */
  public String localTime(Instant at, ZoneId zone) {
    return at == null ? "" : MOMENT.format(at.atZone(zone));
  }

  /** A moment the engine wrote as text (a task's due date), in the zone; as it is if it is not one. */
  public String moment(String at, String zone) {
    if (at == null || at.isBlank()) {
      return "";
    }
    try {
      return time(java.time.ZonedDateTime.parse(at).toInstant(), ZoneId.of(zone));
    } catch (java.time.format.DateTimeParseException e) {
      return at;
    }
  }

  public String day(java.time.LocalDate date) {
    return date == null ? "" : DAY.format(date);
  }

  /** An ISO-8601 duration for people: "P3DT4H" as "3 d 4 h", "PT25M" as "25 min"; empty for none. */
  public String duration(String iso) {
    if (iso == null || iso.isBlank()) {
      return "";
    }
    java.time.Duration d = java.time.Duration.parse(iso);
    long days = d.toDays();
    int hours = d.toHoursPart();
    if (days > 0) {
      return hours > 0 ? days + " d " + hours + " h" : days + " d";
    }
    if (hours > 0) {
      return hours + " h " + (d.toMinutesPart() > 0 ? d.toMinutesPart() + " min" : "").trim();
    }
    return Math.max(0, d.toMinutesPart()) + " min";
  }

  /** An enum's name as words: PROMISE_TO_PAY becomes "Promise to pay". */
  public String words(Object value) {
    if (value == null) {
      return "";
    }
    String s = value.toString().replace('_', ' ').toLowerCase(Locale.ROOT);
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }
}
