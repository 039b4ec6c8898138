package org.opencollections.targets;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.regex.Pattern;
import org.opencollections.platform.InvalidInputException;

/** A calendar month in the team's zone, from its first instant up to (not including) the next month's. */
record TargetMonth(YearMonth month, ZoneId zone) {

  private static final Pattern FORM = Pattern.compile("[0-9]{4}-(0[1-9]|1[0-2])");

  /** "2027-03"; anything else is refused with the field named. */
  static TargetMonth parse(String text, ZoneId zone) {
    if (text == null || !FORM.matcher(text).matches()) {
      throw new InvalidInputException("month", "must be a month written YYYY-MM, e.g. 2027-03");
    }
    try {
      return new TargetMonth(YearMonth.parse(text), zone);
    } catch (DateTimeException e) {
      throw new InvalidInputException("month", "must be a month written YYYY-MM, e.g. 2027-03");
    }
  }

  static TargetMonth of(Instant at, ZoneId zone) {
    return new TargetMonth(YearMonth.from(at.atZone(zone)), zone);
  }

  Instant from() {
    return month.atDay(1).atStartOfDay(zone).toInstant();
  }

  Instant until() {
    return month.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant();
  }

  @Override
  public String toString() {
    return month.toString();
  }
}
