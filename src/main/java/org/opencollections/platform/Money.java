package org.opencollections.platform;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;

/** Amounts at their currency's ISO 4217 scale: 2 for USD, 3 for KWD, BHD, JOD, OMR, TND, 0 for JPY. */
public final class Money {

  private Money() {}

  /** Amounts stay below this (a quadrillion): the columns refuse more, so every input is checked against it. */
  public static final BigDecimal LIMIT = new BigDecimal("1000000000000000");

  /**
   * What is wrong with an amount to be booked in the currency, if anything: not above zero, more decimals than
   * the currency has (trailing zeros do not count), or not below {@link #LIMIT}.
   */
  public static java.util.Optional<String> problem(BigDecimal amount, Currency currency) {
    return problem(amount, digits(currency), currency.getCurrencyCode() + " allows (" + digits(currency) + ")");
  }

  /** The same rules for an amount whose currency is known only by its number of decimals. */
  public static java.util.Optional<String> problem(BigDecimal amount, int digits) {
    return problem(amount, digits, "its currency allows (" + digits + ")");
  }

  private static java.util.Optional<String> problem(BigDecimal amount, int digits, String allowed) {
    if (amount.signum() <= 0) {
      return java.util.Optional.of("must be greater than zero");
    }
    if (amount.stripTrailingZeros().scale() > digits) {
      return java.util.Optional.of("has more decimals than " + allowed);
    }
    if (amount.compareTo(LIMIT) >= 0) {
      return java.util.Optional.of("must be less than " + LIMIT.toPlainString());
    }
    return java.util.Optional.empty();
  }

  /** The currency's number of decimals (0 for a currency that has none defined). */
  public static int digits(Currency currency) {
    return Math.max(currency.getDefaultFractionDigits(), 0);
  }

  /**
   * The amount written with exactly its currency's decimals: {@code 5} becomes {@code 5.00} in USD and
   * {@code 5.000} in KWD. An amount with more decimals than its currency has is refused, never rounded: it is
   * a bug to get here with one (every input is checked before).
   */
  public static BigDecimal atScale(BigDecimal amount, Currency currency) {
    try {
      return amount.setScale(digits(currency), RoundingMode.UNNECESSARY);
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException(
          amount.toPlainString() + " has more decimals than " + currency.getCurrencyCode() + " allows", e);
    }
  }
}
