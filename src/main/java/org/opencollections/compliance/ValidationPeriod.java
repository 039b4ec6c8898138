package org.opencollections.compliance;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * The validation period: 30 days after the debtor is assumed to have received the validation notice, which
 * is 5 days after it was sent, not counting Saturdays, Sundays and the legal public holidays (12 CFR
 * 1006.34(b)(5)). It ends at the end of that day, the debtor's time.
 */
public final class ValidationPeriod {

  static final int WORKING_DAYS_TO_RECEIPT = 5;
  static final int DAYS_TO_DISPUTE = 30;

  private ValidationPeriod() {}

  public static LocalDate assumedReceipt(Instant sent, ZoneId zone) {
    LocalDate day = sent.atZone(zone).toLocalDate();
    int added = 0;
    while (added < WORKING_DAYS_TO_RECEIPT) {
      day = day.plusDays(1);
      if (day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY
          && !UsLegalPublicHolidays.isHoliday(day)) {
        added++;
      }
    }
    return day;
  }

  /** The last day a dispute counts as made within the period. */
  public static LocalDate lastDay(Instant sent, ZoneId zone) {
    return assumedReceipt(sent, zone).plusDays(DAYS_TO_DISPUTE);
  }

  public static boolean within(Instant sent, Instant at, ZoneId zone) {
    return !at.atZone(zone).toLocalDate().isAfter(lastDay(sent, zone));
  }
}
