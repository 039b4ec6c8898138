package org.opencollections.portfolio;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.opencollections.intake.NewDebt;

/**
 * A JSON Lines portfolio: each line is one JSON object, the same as the body of POST /api/debts. A field
 * that cannot be read is reported and left out, so the rest of the row is still checked and every reason
 * is given at once.
 */
final class JsonLines implements RowSource {

  /** More unreadable fields than a debt has means the line is something else. */
  private static final int MAX_UNREADABLE = 12;

  private final Lines lines;
  private final ObjectMapper json;

  JsonLines(Lines lines, ObjectMapper json, int linesDone) throws IOException {
    this.lines = lines;
    this.json =
        json.copy()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    lines.skipThrough(linesDone);
  }

  @Override
  public Row next() throws IOException {
    Lines.Line line = lines.next();
    while (line != null && line.blank()) {
      line = lines.next();
    }
    if (line == null) {
      return null;
    }
    int n = line.number();
    if (line.tooLong()) {
      return Row.malformed(n, n, null, "the line is longer than " + Lines.MAX_LENGTH + " characters");
    }
    JsonNode tree;
    try {
      tree = json.readTree(line.text());
    } catch (JsonProcessingException e) {
      return Row.malformed(n, n, null, "the line is not valid JSON: " + e.getOriginalMessage());
    }
    if (!(tree instanceof ObjectNode object)) {
      return Row.malformed(n, n, null, "the line is not a JSON object like the body of POST /api/debts");
    }
    String externalRef = object.path("externalRef").isTextual() ? object.get("externalRef").asText() : null;
    List<String> reasons = new ArrayList<>();
    Set<String> unreadable = new LinkedHashSet<>();
    while (unreadable.size() < MAX_UNREADABLE) {
      try {
        return new Row(n, n, json.treeToValue(object, NewDebt.class), externalRef, reasons, unreadable);
      } catch (JsonMappingException e) {
        String path = path(e);
        if (path.isEmpty() || !remove(object, e)) {
          reasons.add("the line cannot be read as a debt: " + e.getOriginalMessage());
          break;
        }
        unreadable.add(path);
        reasons.add(reason(path, e));
      }
    }
    return new Row(n, n, null, externalRef, reasons, unreadable);
  }

  private static String reason(String path, JsonMappingException e) {
    return switch (e) {
      case UnrecognizedPropertyException u -> path + " is not a known field";
      case InvalidFormatException f when f.getTargetType() == LocalDate.class ->
          RowValidator.notADate(path, String.valueOf(f.getValue()));
      case InvalidFormatException f -> path + " '" + RowValidator.abbreviate(String.valueOf(f.getValue())) + "' cannot be read";
      case MismatchedInputException m -> path + " has the wrong type";
      default -> path + " cannot be read: " + e.getOriginalMessage();
    };
  }

  private static String path(JsonMappingException e) {
    return e.getPath().stream()
        .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
        .collect(Collectors.joining("."));
  }

  /** Takes the field the error is about out of the row; false if there is no such field to take out. */
  private static boolean remove(ObjectNode root, JsonMappingException e) {
    List<JsonMappingException.Reference> path = e.getPath();
    JsonNode parent = root;
    for (int i = 0; i < path.size() - 1; i++) {
      String name = path.get(i).getFieldName();
      parent = name == null ? null : parent.get(name);
      if (parent == null) {
        return false;
      }
    }
    String field = path.getLast().getFieldName();
    return field != null && parent instanceof ObjectNode o && o.remove(field) != null;
  }

  @Override
  public void close() throws IOException {
    lines.close();
  }
}
