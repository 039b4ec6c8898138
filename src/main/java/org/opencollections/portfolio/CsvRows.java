package org.opencollections.portfolio;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.opencollections.intake.NewDebt;
import org.opencollections.intake.NewDebt.NewDebtor;

/**
 * A CSV portfolio (RFC 4180, comma-separated, UTF-8): a header naming the columns, then one debt a row.
 * Columns may come in any order; the optional ones may be left out. A quoted field may span lines; a row
 * that cannot be read is rejected on its own and reading goes on with the next line.
 */
final class CsvRows implements RowSource {

  /** The documented header, in the order of POST /api/debts. */
  static final List<String> COLUMNS =
      List.of(
          "externalRef", "debtor.externalRef", "debtor.name", "debtor.email", "debtor.phone", "debtor.timeZone",
          "debtor.jurisdiction", "principal", "currency", "dueDate", "product");

  /**
   * An optional column beyond the documented header: further phones and e-mail addresses as the JSON array of
   * POST /api/debts (a CSV field in quotes, its quotes doubled).
   */
  static final String CONTACT_POINTS = "debtor.contactPoints";

  static final Set<String> OPTIONAL = Set.of("debtor.externalRef", "debtor.email", "debtor.phone");

  private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
      new com.fasterxml.jackson.databind.ObjectMapper().findAndRegisterModules()
          .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
  private static final com.fasterxml.jackson.core.type.TypeReference<List<org.opencollections.intake.NewContactPoint>> POINTS =
      new com.fasterxml.jackson.core.type.TypeReference<>() {};

  /** A field spanning more lines than this is taken for an unclosed quote. */
  private static final int MAX_LINES_PER_ROW = 20;

  private static final CSVFormat FORMAT =
      CSVFormat.RFC4180.builder().setIgnoreSurroundingSpaces(true).setTrim(true).get();

  private static final String UNCLOSED =
      "the line is not valid CSV: a quoted field is not closed (a quote inside a field must be doubled)";
  private static final String BAD_QUOTE =
      "the line is not valid CSV: a quoted field must be followed by a comma or the end of the line"
          + " (a quote inside a field must be doubled)";

  private final Lines lines;
  private final Map<String, Integer> columns;

  private CsvRows(Lines lines, Map<String, Integer> columns) {
    this.lines = lines;
    this.columns = columns;
  }

  /**
   * Reads and checks the header, then skips the lines through {@code linesDone} (stored before a restart).
   *
   * @throws InvalidImportException if the header is missing or names unknown or too few columns
   */
  static CsvRows open(Lines lines, int linesDone) throws IOException {
    Lines.Line header = lines.next();
    while (header != null && header.blank()) {
      header = lines.next();
    }
    if (header == null) {
      throw new InvalidImportException("The file is empty: the first line must be the header " + String.join(",", COLUMNS));
    }
    List<String> names;
    try {
      names = parse(header.text());
    } catch (IOException | UncheckedIOException | IllegalStateException e) {
      names = List.of();
    }
    Map<String, Integer> columns = new HashMap<>();
    List<String> problems = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      String name = names.get(i);
      if (!COLUMNS.contains(name) && !name.equals(CONTACT_POINTS)) {
        problems.add("unknown column '" + name + "'");
      } else if (columns.putIfAbsent(name, i) != null) {
        problems.add("column '" + name + "' appears twice");
      }
    }
    Set<String> missing = new LinkedHashSet<>(COLUMNS);
    missing.removeAll(OPTIONAL);
    missing.removeAll(columns.keySet());
    if (!missing.isEmpty()) {
      problems.add("missing column" + (missing.size() > 1 ? "s " : " ") + String.join(", ", missing));
    }
    if (!problems.isEmpty()) {
      throw new InvalidImportException(
          "The header on line " + header.number() + " does not fit: " + String.join("; ", problems)
              + ". Expected: " + String.join(",", COLUMNS)
              + " (debtor.externalRef, debtor.email and debtor.phone may be left out; " + CONTACT_POINTS + " may be added)");
    }
    lines.skipThrough(linesDone);
    return new CsvRows(lines, columns);
  }

  @Override
  public Row next() throws IOException {
    Lines.Line first = lines.next();
    while (first != null && first.blank()) {
      first = lines.next();
    }
    if (first == null) {
      return null;
    }
    if (first.tooLong()) {
      return Row.malformed(first.number(), first.number(), null, "the line is longer than " + Lines.MAX_LENGTH + " characters");
    }
    List<Lines.Line> taken = new ArrayList<>(List.of(first));
    StringBuilder text = new StringBuilder(first.text());
    while (oddQuotes(text) && taken.size() < MAX_LINES_PER_ROW) {
      Lines.Line more = lines.next();
      if (more == null) {
        break;
      }
      taken.add(more);
      text.append('\n').append(more.text());
    }
    List<String> values;
    String problem = null;
    try {
      values = parse(text.toString());
    } catch (IOException | UncheckedIOException | IllegalStateException e) {
      values = null;
      problem = oddQuotes(text) ? UNCLOSED : BAD_QUOTE;
    }
    if (values != null && values.size() != expectedFields()) {
      problem = "the line has " + values.size() + " field" + (values.size() == 1 ? "" : "s")
          + " where the header has " + expectedFields() + " (a comma inside a field needs quotes)";
    }
    if (problem != null) {
      if (taken.size() > 1) {
        // the quote that seemed to open a multi-line field was a stray one: only the first line is bad
        lines.pushBack(taken.subList(1, taken.size()));
        problem = UNCLOSED;
        values = null;
      }
      return Row.malformed(first.number(), first.number(), externalRefOf(values, first.text()), problem);
    }
    return row(first.number(), taken.getLast().number(), values);
  }

  private int expectedFields() {
    return columns.size();
  }

  private Row row(int line, int lastLine, List<String> values) {
    List<String> reasons = new ArrayList<>();
    Set<String> unreadable = new LinkedHashSet<>();
    LocalDate dueDate = null;
    String due = value(values, "dueDate");
    if (due != null) {
      try {
        dueDate = LocalDate.parse(due);
      } catch (DateTimeParseException e) {
        reasons.add(RowValidator.notADate("dueDate", due));
        unreadable.add("dueDate");
      }
    }
    List<org.opencollections.intake.NewContactPoint> points = null;
    String pointsCell = value(values, CONTACT_POINTS);
    if (pointsCell != null) {
      try {
        points = JSON.readValue(pointsCell, POINTS);
      } catch (IOException e) {
        reasons.add(CONTACT_POINTS + " is not a JSON array of contact points like those of POST /api/debts: "
            + RowValidator.abbreviate(e instanceof com.fasterxml.jackson.core.JsonProcessingException j ? j.getOriginalMessage() : e.getMessage()));
        unreadable.add(CONTACT_POINTS);
      }
    }
    NewDebt debt =
        new NewDebt(
            value(values, "externalRef"),
            new NewDebtor(
                value(values, "debtor.externalRef"),
                value(values, "debtor.name"),
                value(values, "debtor.email"),
                value(values, "debtor.phone"),
                value(values, "debtor.timeZone"),
                value(values, "debtor.jurisdiction"),
                points),
            value(values, "principal"),
            value(values, "currency"),
            dueDate,
            value(values, "product"));
    return new Row(line, lastLine, debt, debt.externalRef(), reasons, unreadable);
  }

  private String value(List<String> values, String column) {
    Integer index = columns.get(column);
    if (index == null) {
      return null;
    }
    String value = values.get(index);
    return value.isEmpty() ? null : value;
  }

  /** The reference of a row that cannot be read, if it can be told at all. */
  private String externalRefOf(List<String> values, String line) {
    int index = columns.get("externalRef");
    if (values != null && values.size() > index) {
      return values.get(index).isEmpty() ? null : values.get(index);
    }
    String[] naive = line.split(",", -1);
    return naive.length > index && !naive[index].isBlank() && naive[index].indexOf('"') < 0 ? naive[index].trim() : null;
  }

  private static boolean oddQuotes(CharSequence text) {
    int quotes = 0;
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) == '"') {
        quotes++;
      }
    }
    return quotes % 2 == 1;
  }

  /** The fields of one record; fails if the text is not exactly one well-formed record. */
  private static List<String> parse(String text) throws IOException {
    if (text.indexOf('"') < 0 && text.indexOf('\n') < 0 && text.indexOf('\r') < 0) {
      // without quotes a record is its commas: what the parser returns, at a fraction of the cost of one per line
      List<String> fields = new ArrayList<>(COLUMNS.size());
      int from = 0;
      for (int comma; (comma = text.indexOf(',', from)) >= 0; from = comma + 1) {
        fields.add(text.substring(from, comma).trim());
      }
      fields.add(text.substring(from).trim());
      return fields;
    }
    try (CSVParser parser = CSVParser.parse(text, FORMAT)) {
      List<CSVRecord> records = parser.getRecords();
      if (records.size() != 1) {
        throw new IllegalStateException("expected one record, found " + records.size());
      }
      return records.getFirst().toList();
    }
  }

  @Override
  public void close() throws IOException {
    lines.close();
  }
}
