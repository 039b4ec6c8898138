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
}
