package org.opencollections.targets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.opencollections.platform.InvalidInputException;

/** The month rule and the progress ratio, without the application. */
class TargetMonthTest {

  @Test
  void aMonthRunsFromItsFirstInstantInTheTeamsZoneToTheNextMonths() {
    TargetMonth utc = TargetMonth.parse("2027-02", ZoneOffset.UTC);
    assertThat(utc.from()).isEqualTo(Instant.parse("2027-02-01T00:00:00Z"));
    assertThat(utc.until()).isEqualTo(Instant.parse("2027-03-01T00:00:00Z"));
    // a team in New York: March starts in winter time and ends in summer time
    TargetMonth newYork = TargetMonth.parse("2027-03", ZoneId.of("America/New_York"));
    assertThat(newYork.from()).isEqualTo(Instant.parse("2027-03-01T05:00:00Z"));
    assertThat(newYork.until()).isEqualTo(Instant.parse("2027-04-01T04:00:00Z"));
    assertThat(TargetMonth.of(Instant.parse("2027-04-01T03:59:59Z"), ZoneId.of("America/New_York")).toString())
        .isEqualTo("2027-03");
  }

  @ParameterizedTest
  @ValueSource(strings = {"2027-3", "2027-00", "2027-13", "27-03", "2027-03-01", "March", ""})
  void anythingButYyyyMmIsRefusedNamingTheMonth(String text) {
    assertThatThrownBy(() -> TargetMonth.parse(text, ZoneOffset.UTC))
        .isInstanceOf(InvalidInputException.class)
        .satisfies(e -> assertThat(((InvalidInputException) e).errors()).containsKey("month"));
  }

  @Test
  void progressIsActualOverTargetRoundedDownAndNothingForAZeroTarget() {
    Targets.Target target =
        new Targets.Target("ana", "2027-03", "USD", new BigDecimal("900.00"), 0, 3, "supervisor", OffsetDateTime.now());
    Targets.Progress p =
        Targets.progress(target, new Targets.Actual(Map.of("USD", new BigDecimal("300.00"), "EUR", new BigDecimal("5000.00")), 2, 4));
    assertThat(p.amountCollected()).isEqualByComparingTo("0.3333").hasScaleOf(4); // EUR does not count towards USD
    assertThat(p.promisesKept()).isNull();
    assertThat(p.contactsMade()).isEqualByComparingTo("1.3333"); // beyond the target
    assertThat(Targets.progress(null, new Targets.Actual(Map.of(), 1, 1)).contactsMade()).isNull();
  }
}
