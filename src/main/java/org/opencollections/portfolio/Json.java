package org.opencollections.portfolio;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.util.List;
import java.util.Map;

/**
 * JSON text of the few shapes an import writes (strings, numbers, nested maps, lists of strings), without
 * an object mapper: an import writes it for every row, and this is where the time went.
 */
final class Json {

  private Json() {}

  static String object(Map<String, ?> map) {
    StringBuilder out = new StringBuilder(256);
    append(out, map);
    return out.toString();
  }

  static String array(List<String> values) {
    StringBuilder out = new StringBuilder(128);
    append(out, values);
    return out.toString();
  }

  private static void append(StringBuilder out, Object value) {
    switch (value) {
      case null -> out.append("null");
      case Number n -> out.append(n);
      case Boolean b -> out.append(b);
      case Map<?, ?> map -> {
        out.append('{');
        boolean first = true;
        for (Map.Entry<?, ?> e : map.entrySet()) {
          if (!first) {
            out.append(',');
          }
          first = false;
          string(out, String.valueOf(e.getKey()));
          out.append(':');
          append(out, e.getValue());
        }
        out.append('}');
      }
      case List<?> list -> {
        out.append('[');
        for (int i = 0; i < list.size(); i++) {
          if (i > 0) {
            out.append(',');
          }
          append(out, list.get(i));
        }
        out.append(']');
      }
      default -> string(out, value.toString());
    }
  }

  private static void string(StringBuilder out, String s) {
    out.append('"');
    JsonStringEncoder.getInstance().quoteAsString(s, out);
    out.append('"');
  }
}
