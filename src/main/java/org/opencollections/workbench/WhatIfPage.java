package org.opencollections.workbench;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.opencollections.compliance.Channel;
import org.opencollections.compliance.Medium;
import org.opencollections.compliance.WhatIf;
import org.opencollections.platform.InvalidInputException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The compliance console: "would this contact be lawful then, and if not, when and why?" from a history
 * written one event a line, answered by the same what-if as POST /api/compliance/what-if (the live
 * governor's limits and rules), optionally against a candidate contact-rules table. Stores nothing.
 */
@Controller
class WhatIfPage {

  static final String EXAMPLE_HISTORY = """
      2027-03-01T09:00:00-05:00 CALL_ATTEMPT A
      2027-03-04T09:00:00-05:00 SMS A""";
  static final String EXAMPLE_PROPOSED = "2027-03-07T12:00:00-05:00 SMS A";

  private final WhatIf whatIf;

  WhatIfPage(WhatIf whatIf) {
    this.whatIf = whatIf;
  }

  @GetMapping("/workbench/what-if")
  String form(Model model) {
    model.addAttribute("jurisdiction", "US-MA");
    model.addAttribute("timeZone", "America/New_York");
    model.addAttribute("history", EXAMPLE_HISTORY);
    model.addAttribute("proposed", EXAMPLE_PROPOSED);
    return "workbench/what-if";
  }

  @PostMapping("/workbench/what-if")
  String ask(
      @RequestParam String jurisdiction, @RequestParam String timeZone, @RequestParam(defaultValue = "") String history,
      @RequestParam String proposed, @RequestParam(defaultValue = "") String candidateRules, Model model) {
    model.addAttribute("jurisdiction", jurisdiction);
    model.addAttribute("timeZone", timeZone);
    model.addAttribute("history", history);
    model.addAttribute("proposed", proposed);
    model.addAttribute("candidateRules", candidateRules);
    Map<String, String> problems = new LinkedHashMap<>();
    List<WhatIf.Event> events = new ArrayList<>();
    String[] lines = history.split("\\R");
    for (int i = 0; i < lines.length; i++) {
      if (!lines[i].isBlank()) {
        WhatIf.Event e = event(lines[i], "History line " + (i + 1), problems);
        if (e != null) {
          events.add(e);
        }
      }
    }
    WhatIf.Event asked = event(proposed, "Proposed contact", problems);
    if (!problems.isEmpty() || asked == null) {
      model.addAttribute("problems", problems);
      return "workbench/what-if";
    }
    try {
      model.addAttribute("answer", whatIf.ask(new WhatIf.Question(
          jurisdiction.trim(), timeZone.trim(), events, asked, candidateRules.isBlank() ? null : candidateRules)));
    } catch (InvalidInputException e) {
      model.addAttribute("problems", e.errors());
    } catch (java.time.DateTimeException | IllegalArgumentException e) {
      model.addAttribute("problems", Map.of("Question", e.getMessage()));
    }
    return "workbench/what-if";
  }

  /** "2027-03-01T09:00:00-05:00 CALL_ATTEMPT A [CHANNEL | MEDIUM] [template]" */
  private static WhatIf.Event event(String line, String where, Map<String, String> problems) {
    String[] t = line.trim().split("\\s+");
    if (t.length < 3) {
      problems.put(where, "needs a time, a kind and a debt: e.g. " + EXAMPLE_PROPOSED);
      return null;
    }
    OffsetDateTime at;
    try {
      at = OffsetDateTime.parse(t[0]);
    } catch (DateTimeParseException e) {
      problems.put(where, "'" + t[0] + "' is not an RFC 3339 time such as 2027-03-01T09:00:00-05:00");
      return null;
    }
    WhatIf.Kind kind;
    try {
      kind = WhatIf.Kind.valueOf(t[1]);
    } catch (IllegalArgumentException e) {
      problems.put(where, "'" + t[1] + "' is none of " + java.util.Arrays.toString(WhatIf.Kind.values()));
      return null;
    }
    Channel channel = null;
    Medium medium = null;
    String template = null;
    for (int i = 3; i < t.length; i++) {
      String word = t[i];
      if (java.util.Arrays.stream(Channel.values()).anyMatch(c -> c.name().equals(word))) {
        channel = Channel.valueOf(word);
      } else if (java.util.Arrays.stream(Medium.values()).anyMatch(m -> m.name().equals(word))) {
        medium = Medium.valueOf(word);
      } else {
        template = word;
      }
    }
    return new WhatIf.Event(at, kind, t[2], channel, medium, template, null);
  }
}
