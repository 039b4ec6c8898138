package org.opencollections.analytics;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * What one contact made costs, per channel ({@code collections.analytics.unit-cost.CALL=1.50}), in one
 * currency ({@code collections.analytics.currency}): the cost-to-collect KPI multiplies the contacts made by it.
 */
@ConfigurationProperties("collections.analytics")
record UnitCosts(Currency currency, Map<String, BigDecimal> unitCost) {

  UnitCosts {
    currency = currency == null ? Currency.getInstance("USD") : currency;
    unitCost = unitCost == null ? Map.of() : new TreeMap<>(unitCost);
    unitCost.forEach((channel, cost) -> {
      if (cost == null || cost.signum() < 0) {
        throw new IllegalStateException("collections.analytics.unit-cost." + channel + " must be zero or more");
      }
    });
  }

  /** The unit cost of a channel; a channel without one costs nothing (and the README says to configure it). */
  BigDecimal of(String channel) {
    return unitCost.getOrDefault(channel, BigDecimal.ZERO);
  }
}
