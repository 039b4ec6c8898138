package org.opencollections.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class ValidationPeriodTest {

  static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

  static Instant at(String localDateTime) {
    return LocalDateTime.parse(localDateTime).atZone(NEW_YORK).toInstant();
  }

  @Test
  void receiptIsAssumedFiveWorkingDaysAfterSending() {
    // sent on a Friday: Mon, Tue, Wed, Thu, Fri → received the next Friday
    assertThat(ValidationPeriod.assumedReceipt(at("2027-03-05T10:00:00"), NEW_YORK)).isEqualTo(LocalDate.of(2027, 3, 12));
    // sent on a Monday: received the next Monday
    assertThat(ValidationPeriod.assumedReceipt(at("2027-03-01T10:00:00"), NEW_YORK)).isEqualTo(LocalDate.of(2027, 3, 8));
    // sent on a Saturday: the weekend does not count
    assertThat(ValidationPeriod.assumedReceipt(at("2027-03-06T10:00:00"), NEW_YORK)).isEqualTo(LocalDate.of(2027, 3, 12));
  }

  @Test
  void aDisputeCountsUntilThirtyDaysAfterReceipt() {
    Instant sent = at("2027-03-05T10:00:00");
    assertThat(ValidationPeriod.lastDay(sent, NEW_YORK)).isEqualTo(LocalDate.of(2027, 4, 11));
    assertThat(ValidationPeriod.within(sent, at("2027-04-11T23:59:00"), NEW_YORK)).isTrue();
    assertThat(ValidationPeriod.within(sent, at("2027-04-12T00:01:00"), NEW_YORK)).isFalse();
  }

  @Test
  void theDayIsTheDebtorsDay() {
    // 02:00 UTC on 6 March is still 5 March (a Friday) in New York
    Instant sent = Instant.parse("2027-03-06T02:00:00Z");
    assertThat(ValidationPeriod.assumedReceipt(sent, NEW_YORK)).isEqualTo(LocalDate.of(2027, 3, 12));
  }

  @Test
  void legalPublicHolidaysDoNotCountAsDaysToReceipt() {
    // sent Wednesday 24 Nov 2027: Thanksgiving (Thu 25) does not count → Fri 26, Mon 29, Tue 30, Wed 1, Thu 2 Dec
    assertThat(ValidationPeriod.assumedReceipt(at("2027-11-24T10:00:00"), NEW_YORK)).isEqualTo(LocalDate.of(2027, 12, 2));
    // sent Friday 31 Dec 2027 ... 1 Jan 2028 is a Saturday; Mon 3 Jan is a working day, MLK day is 17 Jan
    assertThat(ValidationPeriod.assumedReceipt(at("2027-12-31T10:00:00"), NEW_YORK)).isEqualTo(LocalDate.of(2028, 1, 7));
    // Independence Day 2027 is a Sunday, observed Monday 5 July: sent Friday 2 July → Tue 6 ... Mon 12 July
    assertThat(ValidationPeriod.assumedReceipt(at("2027-07-02T10:00:00"), NEW_YORK)).isEqualTo(LocalDate.of(2027, 7, 12));
  }

  @Test
  void knowsTheHolidaysOfFiveUscSixOneOhThree() {
    assertThat(UsLegalPublicHolidays.of(2027))
        .contains(
            LocalDate.of(2027, 1, 1), LocalDate.of(2027, 1, 18), LocalDate.of(2027, 2, 15), LocalDate.of(2027, 5, 31),
            LocalDate.of(2027, 6, 18), LocalDate.of(2027, 6, 19), LocalDate.of(2027, 7, 4), LocalDate.of(2027, 7, 5),
            LocalDate.of(2027, 9, 6), LocalDate.of(2027, 10, 11), LocalDate.of(2027, 11, 11), LocalDate.of(2027, 11, 25),
            LocalDate.of(2027, 12, 24), LocalDate.of(2027, 12, 25))
        .hasSize(14);
    // 1 January 2028 is a Saturday: observed on Friday 31 December 2027
    assertThat(UsLegalPublicHolidays.isHoliday(LocalDate.of(2027, 12, 31))).isTrue();
  }
}
