package org.opencollections.compliance;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Month;
import java.time.temporal.TemporalAdjusters;
import java.util.HashSet;
import java.util.Set;

/**
 * The legal public holidays of 5 U.S.C. 6103(a), which Regulation F leaves out of the days to assumed receipt
 * of a validation notice (12 CFR 1006.34(b)(5)). A holiday that falls on a weekend is also counted on the
 * weekday it is observed (Friday or Monday): counting one day more only lengthens the debtor's period, the
 * safe side of the rule.
 */
public final class UsLegalPublicHolidays {

  private UsLegalPublicHolidays() {}

  public static boolean isHoliday(LocalDate day) {
    return of(day.getYear()).contains(day) || of(day.getYear() + 1).contains(day); // 1 Jan observed on 31 Dec
  }

  static Set<LocalDate> of(int year) {
    Set<LocalDate> days = new HashSet<>();
    fixed(days, LocalDate.of(year, Month.JANUARY, 1));
    days.add(nth(year, Month.JANUARY, DayOfWeek.MONDAY, 3)); // Birthday of Martin Luther King, Jr.
    days.add(nth(year, Month.FEBRUARY, DayOfWeek.MONDAY, 3)); // Washington's Birthday
    days.add(LocalDate.of(year, Month.MAY, 1).with(TemporalAdjusters.lastInMonth(DayOfWeek.MONDAY))); // Memorial Day
    if (year >= 2021) {
      fixed(days, LocalDate.of(year, Month.JUNE, 19)); // Juneteenth National Independence Day
    }
    fixed(days, LocalDate.of(year, Month.JULY, 4));
    days.add(nth(year, Month.SEPTEMBER, DayOfWeek.MONDAY, 1)); // Labor Day
    days.add(nth(year, Month.OCTOBER, DayOfWeek.MONDAY, 2)); // Columbus Day
    fixed(days, LocalDate.of(year, Month.NOVEMBER, 11)); // Veterans Day
    days.add(nth(year, Month.NOVEMBER, DayOfWeek.THURSDAY, 4)); // Thanksgiving Day
    fixed(days, LocalDate.of(year, Month.DECEMBER, 25));
    return days;
  }

  private static void fixed(Set<LocalDate> days, LocalDate day) {
    days.add(day);
    switch (day.getDayOfWeek()) {
      case SATURDAY -> days.add(day.minusDays(1));
      case SUNDAY -> days.add(day.plusDays(1));
      default -> {}
    }
  }

  private static LocalDate nth(int year, Month month, DayOfWeek weekday, int n) {
    return LocalDate.of(year, month, 1).with(TemporalAdjusters.dayOfWeekInMonth(n, weekday));
  }
}
