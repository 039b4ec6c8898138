package org.opencollections.demo;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code collections.demo.*}: a generated portfolio loaded at start-up and a few simulated weeks of work on it
 * (embedded mode on loopback only; {@code bin/run --demo}).
 *
 * @param enabled whether to load it
 * @param debtors how many debtors (about one in ten owes two debts)
 * @param weeks how many simulated weeks the clock is advanced, day by day, with debtors and collectors acting
 * @param seed the generator's seed: the same seed, the same portfolio and the same actions
 */
@ConfigurationProperties("collections.demo")
record DemoProperties(boolean enabled, Integer debtors, Integer weeks, Long seed) {

  DemoProperties {
    debtors = debtors == null ? 3000 : debtors;
    weeks = weeks == null ? 6 : weeks;
    seed = seed == null ? 2027L : seed;
    if (debtors < 1 || debtors > 20_000) {
      throw new IllegalStateException("collections.demo.debtors must be between 1 and 20000 (the embedded engine's scale), was " + debtors);
    }
    if (weeks < 0 || weeks > 52) {
      throw new IllegalStateException("collections.demo.weeks must be between 0 and 52, was " + weeks);
    }
  }
}
