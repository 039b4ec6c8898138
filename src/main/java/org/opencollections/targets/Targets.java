package org.opencollections.targets;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.opencollections.access.Role;
import org.opencollections.access.UserDirectory;
import org.opencollections.platform.Actor;
import org.opencollections.platform.InvalidInputException;
import org.opencollections.platform.Money;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A supervisor's monthly targets per collector, and the board: each collector's target, what they did in the
 * month ({@link Performance} says how it is counted) and how far that is. A month is the calendar month in the
 * team's zone ({@code collections.targets.zone}, UTC unless set), the same for every debtor. Setting a target
 * again with the same figures changes nothing; every change is kept with who made it, before and after.
 */
@Service
public class Targets {

  static final int MAX_COUNT = 1_000_000;
  private static final int RATIO_SCALE = 4;
  private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");
  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

  /** The three targets as a supervisor gives them. */
  public record Goal(String currency, BigDecimal amountCollected, Integer promisesKept, Integer contactsMade) {}

  public record Target(
      String collector, String month, String currency, BigDecimal amountCollected, int promisesKept, int contactsMade,
      String setBy, OffsetDateTime setAt) {}

  /** @param created the first target of this collector and month; @param changed false: the same figures again */
  public record Saved(Target target, boolean created, boolean changed) {}

  /** What a collector did in the month; amounts by currency. */
  public record Actual(Map<String, BigDecimal> amountCollected, int promisesKept, int contactsMade) {
    /** The amount collected in this currency (zero at its scale when none). */
    public BigDecimal in(String currency) {
      return amountCollected.getOrDefault(currency, Money.atScale(BigDecimal.ZERO, Currency.getInstance(currency)));
    }
  }

  /** Actual ÷ target, at four decimals (rounded down); null where there is no target or it is zero. */
  public record Progress(BigDecimal amountCollected, BigDecimal promisesKept, BigDecimal contactsMade) {}

  public record Row(String collector, Target target, Actual actual, Progress progress) {}

  /** @param unattributed payments credited to nobody (no commitment, no assignee), by currency; managers only */
  public record Board(
      String month, String zone, OffsetDateTime from, OffsetDateTime until, List<Row> collectors,
      Map<String, BigDecimal> unattributed) {}

  public record Change(String changedBy, OffsetDateTime changedAt, Map<String, Object> before, Map<String, Object> after) {}

  public record History(Target target, List<Change> changes) {}

  private final JdbcTemplate jdbc;
  private final Performance performance;
  private final UserDirectory users;
  private final Clock clock;
  private final ObjectMapper json;
  private final ZoneId zone;

  Targets(
      JdbcTemplate jdbc, Performance performance, UserDirectory users, Clock clock, ObjectMapper json,
      @Value("${collections.targets.zone:UTC}") ZoneId zone) {
    this.jdbc = jdbc;
    this.performance = performance;
    this.users = users;
    this.clock = clock;
    this.json = json;
    this.zone = zone;
  }

  /** The month it is now in the team's zone, written YYYY-MM. */
  public String currentMonth() {
    return TargetMonth.of(clock.instant(), zone).toString();
  }

  /** The users whose targets may be set: every known user with the operator role. */
  public List<String> collectors() {
    return users.withRole(Role.OPERATOR);
  }

  /** Sets (or confirms) a collector's targets for a month; every problem is named by its field. */
  @Transactional
  public Saved set(String month, String collector, Goal goal) {
    Map<String, String> errors = new LinkedHashMap<>();
    TargetMonth m = null;
    try {
      m = TargetMonth.parse(month, zone);
    } catch (InvalidInputException e) {
      errors.putAll(e.errors());
    }
    if (collector == null || !users.has(collector, Role.OPERATOR)) {
      errors.put("collector", "must be a known user with the operator role");
    }
    Goal g = goal == null ? new Goal(null, null, null, null) : goal;
    Currency currency = currency(g.currency(), errors);
    if (g.amountCollected() == null) {
      errors.put("amountCollected", "is required (zero or more)");
    } else if (g.amountCollected().signum() < 0) {
      errors.put("amountCollected", "must be zero or more");
    } else if (g.amountCollected().compareTo(Money.LIMIT) >= 0) {
      errors.put("amountCollected", "must be less than " + Money.LIMIT.toPlainString());
    } else if (currency != null && g.amountCollected().stripTrailingZeros().scale() > Money.digits(currency)) {
      errors.put("amountCollected",
          "has more decimals than " + currency.getCurrencyCode() + " allows (" + Money.digits(currency) + ")");
    }
    count("promisesKept", g.promisesKept(), errors);
    count("contactsMade", g.contactsMade(), errors);
    if (!errors.isEmpty()) {
      throw new InvalidInputException(errors);
    }
    BigDecimal amount = Money.atScale(g.amountCollected(), currency);
    String by = Actor.current();
    Timestamp now = Timestamp.from(clock.instant());
    String monthText = m.toString();
    boolean created =
        jdbc.update(
                "insert into collector_target (collector, month, currency, amount_collected, promises_kept,"
                    + " contacts_made, set_by, set_at) values (?, ?, ?, ?, ?, ?, ?, ?)"
                    + " on conflict (collector, month) do nothing",
                collector, monthText, currency.getCurrencyCode(), amount, g.promisesKept(), g.contactsMade(), by, now)
            == 1;
    if (created) {
      Target target = find(collector, monthText, true).orElseThrow();
      recordChange(target, null, by, now);
      return new Saved(target, true, true);
    }
    Target before = find(collector, monthText, true).orElseThrow(); // locked: a concurrent change waits here
    if (before.currency().equals(currency.getCurrencyCode()) && before.amountCollected().compareTo(amount) == 0
        && before.promisesKept() == g.promisesKept() && before.contactsMade() == g.contactsMade()) {
      return new Saved(before, false, false);
    }
    jdbc.update(
        "update collector_target set currency = ?, amount_collected = ?, promises_kept = ?, contacts_made = ?,"
            + " set_by = ?, set_at = ? where collector = ? and month = ?",
        currency.getCurrencyCode(), amount, g.promisesKept(), g.contactsMade(), by, now, collector, monthText);
    Target after = find(collector, monthText, false).orElseThrow();
    recordChange(after, before, by, now);
    return new Saved(after, false, true);
  }

  /**
   * The month's board: one row per collector (every known operator, and anyone with a target that month),
   * or only the viewer's own row when {@code everyone} is false.
   */
  @Transactional(readOnly = true)
  public Board board(String month, String viewer, boolean everyone) {
    TargetMonth m = TargetMonth.parse(month, zone);
    Map<String, Target> targets = new LinkedHashMap<>();
    jdbc.query(SELECT + " where month = ? order by collector", rs -> {
      Target t = target(rs);
      targets.put(t.collector(), t);
    }, m.toString());
    Performance.Figures figures = performance.between(m);
    TreeSet<String> names = new TreeSet<>(collectors());
    names.addAll(targets.keySet());
    List<Row> rows = new ArrayList<>();
    for (String name : names) {
      if (everyone || name.equals(viewer)) {
        Performance.Actual a = figures.of(name);
        Actual actual = new Actual(a.collected(), a.promisesKept(), a.contactsMade());
        Target target = targets.get(name);
        rows.add(new Row(name, target, actual, progress(target, actual)));
      }
    }
    return new Board(
        m.toString(), zone.getId(), m.from().atZone(zone).toOffsetDateTime(), m.until().atZone(zone).toOffsetDateTime(),
        rows, everyone ? figures.unattributed() : Map.of());
  }

  /** One collector's target for a month (if set) and every change of it, oldest first. */
  @Transactional(readOnly = true)
  public History history(String month, String collector) {
    TargetMonth m = TargetMonth.parse(month, zone);
    List<Change> changes =
        jdbc.query(
            "select changed_by, changed_at, before::text, after::text from collector_target_change"
                + " where collector = ? and month = ? order by id",
            (rs, i) -> new Change(
                rs.getString(1), rs.getTimestamp(2).toInstant().atZone(zone).toOffsetDateTime(),
                read(rs.getString(3)), read(rs.getString(4))),
            collector, m.toString());
    return new History(find(collector, m.toString(), false).orElse(null), changes);
  }

  static Progress progress(Target target, Actual actual) {
    if (target == null) {
      return new Progress(null, null, null);
    }
    return new Progress(
        ratio(actual.amountCollected().getOrDefault(target.currency(), BigDecimal.ZERO), target.amountCollected()),
        ratio(BigDecimal.valueOf(actual.promisesKept()), BigDecimal.valueOf(target.promisesKept())),
        ratio(BigDecimal.valueOf(actual.contactsMade()), BigDecimal.valueOf(target.contactsMade())));
  }

  private static BigDecimal ratio(BigDecimal actual, BigDecimal target) {
    return target.signum() == 0 ? null : actual.divide(target, RATIO_SCALE, RoundingMode.DOWN);
  }

  private static final String SELECT =
      "select collector, month, currency, amount_collected, promises_kept, contacts_made, set_by, set_at"
          + " from collector_target";

  private Optional<Target> find(String collector, String month, boolean lock) {
    return jdbc.query(SELECT + " where collector = ? and month = ?" + (lock ? " for update" : ""),
            (rs, i) -> target(rs), collector, month)
        .stream().findFirst();
  }

  private Target target(java.sql.ResultSet rs) throws java.sql.SQLException {
    Currency currency = Currency.getInstance(rs.getString(3));
    return new Target(
        rs.getString(1), rs.getString(2).trim(), currency.getCurrencyCode(),
        Money.atScale(rs.getBigDecimal(4), currency), rs.getInt(5), rs.getInt(6), rs.getString(7),
        rs.getTimestamp(8).toInstant().atZone(zone).toOffsetDateTime());
  }

  private void recordChange(Target after, Target before, String by, Timestamp at) {
    jdbc.update(
        "insert into collector_target_change (collector, month, changed_by, changed_at, before, after)"
            + " values (?, ?, ?, ?, cast(? as jsonb), cast(? as jsonb))",
        after.collector(), after.month(), by, at, before == null ? null : write(figures(before)), write(figures(after)));
  }

  private static Map<String, Object> figures(Target t) {
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("currency", t.currency());
    f.put("amountCollected", t.amountCollected().toPlainString());
    f.put("promisesKept", t.promisesKept());
    f.put("contactsMade", t.contactsMade());
    return f;
  }

  private String write(Map<String, Object> value) {
    try {
      return json.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private Map<String, Object> read(String text) {
    if (text == null) {
      return null;
    }
    try {
      return json.readValue(text, MAP);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("A stored target change is not JSON", e);
    }
  }

  private static Currency currency(String code, Map<String, String> errors) {
    if (code == null || code.isBlank()) {
      errors.put("currency", "is required: an ISO 4217 currency code, e.g. USD");
      return null;
    }
    if (CURRENCY.matcher(code).matches()) {
      try {
        return Currency.getInstance(code);
      } catch (IllegalArgumentException e) {
        // falls through to the message
      }
    }
    errors.put("currency", "must be an ISO 4217 currency code, e.g. USD");
    return null;
  }

  private static void count(String field, Integer value, Map<String, String> errors) {
    if (value == null) {
      errors.put(field, "is required (zero or more)");
    } else if (value < 0 || value > MAX_COUNT) {
      errors.put(field, "must be between 0 and " + MAX_COUNT);
    }
  }
}
