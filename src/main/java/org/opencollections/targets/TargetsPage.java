package org.opencollections.targets;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import org.opencollections.platform.InvalidInputException;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The workbench's targets board: each collector's targets, actuals and progress for a month; a supervisor sets
 * a collector's targets on the form beneath (the same rules as {@code PUT /api/targets/{month}/{collector}},
 * its refusals shown on the form). An operator sees their own row.
 */
@Controller
class TargetsPage {

  private final Targets targets;

  TargetsPage(Targets targets) {
    this.targets = targets;
  }

  @GetMapping("/workbench/targets")
  String board(@RequestParam(required = false) String month, Authentication caller, Model model) {
    String m = month == null || month.isBlank() ? targets.currentMonth() : month.trim();
    Map<String, String> form = new LinkedHashMap<>();
    form.put("month", m);
    form.put("currency", "USD");
    return page(m, caller, model, form, Map.of());
  }

  @PostMapping("/workbench/targets")
  String set(
      @RequestParam(defaultValue = "") String month, @RequestParam(defaultValue = "") String collector,
      @RequestParam(defaultValue = "") String currency, @RequestParam(defaultValue = "") String amountCollected,
      @RequestParam(defaultValue = "") String promisesKept, @RequestParam(defaultValue = "") String contactsMade,
      Authentication caller, Model model, RedirectAttributes flash) {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("month", month.trim());
    form.put("collector", collector.trim());
    form.put("currency", currency.trim().toUpperCase(java.util.Locale.ROOT));
    form.put("amountCollected", amountCollected.trim());
    form.put("promisesKept", promisesKept.trim());
    form.put("contactsMade", contactsMade.trim());
    Map<String, String> errors = new LinkedHashMap<>();
    BigDecimal amount = decimal("amountCollected", form.get("amountCollected"), errors);
    Integer kept = whole("promisesKept", form.get("promisesKept"), errors);
    Integer made = whole("contactsMade", form.get("contactsMade"), errors);
    try { // a field that is not a number reaches the service as missing, which refuses it with the others
      Targets.Saved saved =
          targets.set(form.get("month"), form.get("collector"), new Targets.Goal(form.get("currency"), amount, kept, made));
      flash.addFlashAttribute("notice", !saved.changed()
          ? "The targets of " + saved.target().collector() + " for " + saved.target().month() + " were already these; nothing changed."
          : "Targets of " + saved.target().collector() + " for " + saved.target().month() + " saved.");
      return "redirect:/workbench/targets?month=" + saved.target().month();
    } catch (InvalidInputException e) {
      Map<String, String> all = new LinkedHashMap<>(e.errors());
      all.putAll(errors); // "not a number" says more than "required"
      String shown = all.containsKey("month") ? targets.currentMonth() : form.get("month");
      model.addAttribute("problem", "The targets were not saved: see the fields marked below.");
      return page(shown, caller, model, form, all);
    }
  }

  private String page(String month, Authentication caller, Model model, Map<String, String> form, Map<String, String> errors) {
    boolean manages = TargetController.manages(caller);
    Targets.Board board;
    try {
      board = targets.board(month, caller.getName(), manages);
    } catch (InvalidInputException e) {
      board = targets.board(targets.currentMonth(), caller.getName(), manages);
      model.addAttribute("problem", "month " + e.errors().get("month"));
    }
    model.addAttribute("board", board);
    model.addAttribute("manages", manages);
    model.addAttribute("collectors", targets.collectors());
    model.addAttribute("form", form);
    model.addAttribute("errors", errors);
    return "workbench/targets";
  }

  private static BigDecimal decimal(String field, String text, Map<String, String> errors) {
    if (text.isEmpty()) {
      return null; // the service names it as required
    }
    try {
      return new BigDecimal(text.replace(",", ""));
    } catch (NumberFormatException e) {
      errors.put(field, "must be a number such as 5000.00");
      return null;
    }
  }

  private static Integer whole(String field, String text, Map<String, String> errors) {
    if (text.isEmpty()) {
      return null;
    }
    try {
      return Integer.valueOf(text);
    } catch (NumberFormatException e) {
      errors.put(field, "must be a whole number such as 10");
      return null;
    }
  }
}
