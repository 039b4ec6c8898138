package org.opencollections.portfolio;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.junit.jupiter.api.Test;
import org.opencollections.intake.NewDebt;

/** Rows without quotes are split on commas, the others by Commons CSV: both must read the same values. */
class CsvRowsTest {

  static final String HEADER = String.join(",", CsvRows.COLUMNS);

  @Test
  void aLineWithoutQuotesReadsAsTheCsvParserReadsIt() throws Exception {
    List<String> lines =
        List.of(
            "A-1,C-1,Dana Debtor,dana@example.org,+1 212 555 0100,America/New_York,US-NY,1250.00,USD,2027-01-15,CREDIT_CARD",
            "  A-2 ,\tC-2\t, Sam  Smith ,,, Europe/Berlin ,DE, 99.90 ,EUR,2027-01-31 , OVERDRAFT ",
            "A-3,,Jo,,,UTC,GB,1,GBP,2027-02-01,",
            ",,,,,,,,,,");
    List<List<String>> expected = new ArrayList<>();
    CSVFormat format = CSVFormat.RFC4180.builder().setIgnoreSurroundingSpaces(true).setTrim(true).get();
    for (String line : lines) {
      try (CSVParser parser = CSVParser.parse(line, format)) {
        expected.add(parser.getRecords().getFirst().toList().stream().map(v -> v.isEmpty() ? null : v).toList());
      }
    }
    // the same rows, quoted field by field: these go through the parser
    List<String> quoted = lines.stream().map(CsvRowsTest::quoteEveryField).toList();

    assertThat(read(lines)).isEqualTo(expected);
    assertThat(read(quoted)).isEqualTo(expected);
    assertThat(expected.get(1)).containsExactly(
        "A-2", "C-2", "Sam  Smith", null, null, "Europe/Berlin", "DE", "99.90", "EUR", "2027-01-31", "OVERDRAFT");
  }

  @Test
  void aLineWithTheWrongNumberOfFieldsIsRejectedEitherWay() throws Exception {
    List<Row> rows = rows(List.of("A-1,Dana,1250.00", "\"A-2\",\"Dana\",\"1250.00\""));
    assertThat(rows).extracting(r -> r.reasons().getFirst())
        .containsOnly("the line has 3 fields where the header has 11 (a comma inside a field needs quotes)");
    assertThat(rows).extracting(Row::externalRef).containsExactly("A-1", "A-2");
  }

  private static List<List<String>> read(List<String> lines) throws Exception {
    List<List<String>> values = new ArrayList<>();
    for (Row row : rows(lines)) {
      assertThat(row.reasons()).as("line %d", row.line()).isEmpty();
      NewDebt d = row.debt();
      NewDebt.NewDebtor p = d.debtor();
      List<String> v = new ArrayList<>();
      v.add(d.externalRef());
      v.add(p.externalRef());
      v.add(p.name());
      v.add(p.email());
      v.add(p.phone());
      v.add(p.timeZone());
      v.add(p.jurisdiction());
      v.add(d.principal());
      v.add(d.currency());
      v.add(d.dueDate() == null ? null : d.dueDate().toString());
      v.add(d.product());
      values.add(v);
    }
    return values;
  }

  private static List<Row> rows(List<String> lines) throws Exception {
    String file = HEADER + "\n" + String.join("\n", lines) + "\n";
    List<Row> rows = new ArrayList<>();
    try (CsvRows csv = CsvRows.open(new Lines(new StringReader(file)), 0)) {
      for (Row row; (row = csv.next()) != null; ) {
        rows.add(row);
      }
    }
    return rows;
  }

  private static String quoteEveryField(String line) {
    List<String> fields = new ArrayList<>();
    for (String field : line.split(",", -1)) {
      fields.add(" \"" + field.trim() + "\" ");
    }
    return String.join(",", fields);
  }
}
