package org.opencollections.workbench;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;
import org.opencollections.compliance.Channel;
import org.opencollections.compliance.ContactAttempt;
import org.opencollections.compliance.ContactGovernor;
import org.opencollections.compliance.HoldKind;
import org.opencollections.compliance.Holds;
import org.opencollections.intake.CaseStatus;
import org.opencollections.intake.DebtIntake;
import org.opencollections.intake.Stage;
import org.opencollections.intake.WorkQueue;
import org.opencollections.ledger.NewPayment;
import org.opencollections.ledger.Payments;
import org.opencollections.platform.ConflictException;
import org.opencollections.platform.InvalidInputException;
import org.opencollections.platform.NotFoundException;
import org.opencollections.tasks.UserTasks;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The workbench's pages: the queue, the case file, the task form, and the case file's actions (a contact
 * attempt, a payment, a hold, an assignment), each through the same domain service as its API endpoint.
 * Every action form carries a request id made when the page was rendered, so a double submit records once.
 */
@Controller
class WorkbenchPages {

  static final int PAGE_SIZE = 25;

  private final WorkQueue queue;
  private final CaseFiles caseFiles;
  private final UserTasks tasks;
  private final ContactGovernor governor;
  private final Payments payments;
  private final Holds holds;
  private final DebtIntake intake;
  private final JdbcTemplate jdbc;
  private final Formats fmt;
  private final org.opencollections.intake.DebtQueries debts;

  WorkbenchPages(
      WorkQueue queue, CaseFiles caseFiles, UserTasks tasks, ContactGovernor governor, Payments payments, Holds holds,
      DebtIntake intake, JdbcTemplate jdbc, Formats fmt, org.opencollections.intake.DebtQueries debts) {
    this.queue = queue;
    this.caseFiles = caseFiles;
    this.tasks = tasks;
    this.governor = governor;
    this.payments = payments;
    this.holds = holds;
    this.intake = intake;
    this.jdbc = jdbc;
    this.fmt = fmt;
    this.debts = debts;
  }

  @GetMapping({"/", "/workbench"})
  String home() {
    return "redirect:/workbench/queue";
  }

  @GetMapping("/login")
  String login() {
    return "workbench/login";
  }

  @org.springframework.web.bind.annotation.RequestMapping("/workbench/denied") // forwarded to from any refused request
  @ResponseStatus(HttpStatus.FORBIDDEN)
  String denied() {
    return "workbench/denied";
  }

  /** The queue in priority order; open cases only unless the status filter says otherwise. */
  @GetMapping("/workbench/queue")
  String queue(
      @RequestParam(required = false) String stage, @RequestParam(required = false) String segment,
      @RequestParam(defaultValue = "OPEN") String status, @RequestParam(defaultValue = "false") boolean mine,
      @RequestParam(defaultValue = "0") int page, Authentication caller, Model model) {
    Stage stageFilter = blank(stage) ? null : Stage.valueOf(stage);
    CaseStatus statusFilter = "ALL".equals(status) ? null : CaseStatus.valueOf(status);
    String segmentFilter = blank(segment) ? null : segment;
    int p = Math.max(0, page);
    WorkQueue.Page result =
        queue.find(
            new WorkQueue.Filter(stageFilter, segmentFilter, statusFilter, null, null, mine ? caller.getName() : null, null, null),
            p, PAGE_SIZE);
    model.addAttribute("page", result);
    model.addAttribute("stage", stage == null ? "" : stage);
    model.addAttribute("segment", segmentFilter == null ? "" : segmentFilter);
    model.addAttribute("status", status);
    model.addAttribute("mine", mine);
    model.addAttribute("stages", Stage.values());
    model.addAttribute("statuses", CaseStatus.values());
    model.addAttribute("segments", jdbc.queryForList("select distinct segment from debt where segment is not null order by 1", String.class));
    model.addAttribute("pages", Math.max(1, (result.total() + PAGE_SIZE - 1) / PAGE_SIZE));
    return "workbench/queue";
  }

  @GetMapping("/workbench/cases/{id}")
  String caseFile(@PathVariable UUID id, Authentication caller, Model model) {
    model.addAttribute("file", caseFiles.of(id, WorkbenchTasks.authorities(caller)));
    model.addAttribute("requestId", UUID.randomUUID().toString());
    model.addAttribute("channels", Channel.values());
    model.addAttribute("holdKinds", HoldKind.values());
    return "workbench/case";
  }

  @GetMapping("/workbench/tasks/{id}")
  String task(@PathVariable long id, Authentication caller, Model model) {
    UserTasks.Task task = tasks.find(id, WorkbenchTasks.authorities(caller));
    model.addAttribute("task", task);
    model.addAttribute("debt", debts.view(task.debtId()));
    return "workbench/task";
  }

  /** An operator's contact: the governor decides first; its answer is shown as it is. */
  @PostMapping("/workbench/cases/{id}/contact-attempts")
  String contact(
      @PathVariable UUID id, @RequestParam Channel channel, @RequestParam ContactAttempt.Direction direction,
      @RequestParam String outcome, @RequestParam String requestId, RedirectAttributes flash) {
    if (!List.of("CONVERSATION", "NO_ANSWER", "VOICEMAIL", "WRONG_PARTY", "SENT").contains(outcome)) {
      throw new InvalidInputException("outcome", "must be one of CONVERSATION, NO_ANSWER, VOICEMAIL, WRONG_PARTY, SENT");
    }
    // the API's key for the same request id: a double submit answers the first attempt
    ContactAttempt a =
        governor.attempt(id, channel, direction, "operator-" + channel.name().toLowerCase(), outcome,
            "operator:" + id + ":" + requestId(requestId));
    var zone = debts.zoneOf(id);
    String answer =
        switch (a.status()) {
          case MADE -> "Contact recorded as made: " + fmt.words(channel) + ", " + fmt.words(direction) + ", " + fmt.words(outcome) + ".";
          case DEFERRED -> "Not now: deferred until " + fmt.time(a.notBefore(), zone) + ". Rule " + a.rule().name()
              + ": " + a.rule().meaning() + ".";
          case BLOCKED -> "Blocked by rule " + a.rule().name() + ": " + a.rule().meaning() + ".";
        };
    flash.addFlashAttribute(a.status() == ContactAttempt.Status.MADE ? "notice" : "warning", answer);
    return "redirect:/workbench/cases/" + id + "#contacts";
  }

  /** A payment, once per bank reference (the reference is the payment's own key). */
  @PostMapping("/workbench/cases/{id}/payments")
  String pay(
      @PathVariable UUID id, @RequestParam String reference, @RequestParam String amount, @RequestParam String currency,
      RedirectAttributes flash) {
    if (blank(reference) || reference.trim().length() > 120) {
      throw new InvalidInputException("reference", "is required: the bank's reference of the payment (at most 120 characters)");
    }
    BigDecimal value;
    try {
      value = new BigDecimal(amount.trim().replace(",", ""));
    } catch (NumberFormatException e) {
      throw new InvalidInputException("amount", "must be a number such as 250.00");
    }
    Payments.Result result = payments.post(id, new NewPayment(reference.trim(), value, currency));
    flash.addFlashAttribute("notice", result.created()
        ? "Payment " + reference.trim() + " of " + fmt.money(result.payment().amount(), currency) + " recorded."
        : "Payment " + reference.trim() + " was recorded before; nothing was posted again.");
    return "redirect:/workbench/cases/" + id + "#ledger";
  }

  @PostMapping("/workbench/cases/{id}/holds")
  String hold(
      @PathVariable UUID id, @RequestParam HoldKind kind, @RequestParam(required = false) String reason,
      @RequestParam String requestId, @RequestParam(required = false) org.opencollections.compliance.Medium medium,
      @RequestParam(required = false) String receivedAt, RedirectAttributes flash) {
    if (reason != null && reason.length() > 500) {
      throw new InvalidInputException("reason", "may have at most 500 characters");
    }
    java.time.Instant received = null;
    if (!blank(receivedAt)) {
      try { // the debtor's local time, as the form shows times
        received = java.time.LocalDateTime.parse(receivedAt).atZone(debts.zoneOf(id)).toInstant();
      } catch (java.time.format.DateTimeParseException e) {
        throw new InvalidInputException("receivedAt", "must be a date and time such as 2027-03-01T09:30");
      }
    }
    Holds.Started started =
        holds.start(id, kind, blank(reason) ? null : reason.trim(), requestId(requestId), medium, received);
    flash.addFlashAttribute("notice", !started.created()
        ? "This hold was started before; nothing was started again."
        : started.hold().pausesCollection()
            ? fmt.words(kind) + " hold started: collection and contact stop as the hold treatment says."
            : "Dispute noted: the law requires no verification of it and collection goes on (hold treatment).");
    return "redirect:/workbench/cases/" + id + "#holds";
  }

  @PostMapping("/workbench/cases/{id}/assignee")
  String assign(@PathVariable UUID id, @RequestParam(required = false) String assignee, RedirectAttributes flash) {
    String who = blank(assignee) ? null : assignee.trim();
    if (who != null && who.length() > 100) {
      throw new InvalidInputException("assignee", "may have at most 100 characters");
    }
    intake.assign(id, who);
    flash.addFlashAttribute("notice", who == null ? "The case is in nobody's queue now." : "The case is in " + who + "'s queue now.");
    return "redirect:/workbench/cases/" + id;
  }

  @PostMapping("/workbench/cases/{id}/claim")
  String claim(@PathVariable UUID id, RedirectAttributes flash) {
    intake.claim(id);
    flash.addFlashAttribute("notice", "The case is in your queue: its tasks are yours to work.");
    return "redirect:/workbench/cases/" + id;
  }

  @PostMapping("/workbench/cases/{id}/release")
  String release(@PathVariable UUID id, RedirectAttributes flash) {
    intake.release(id);
    flash.addFlashAttribute("notice", "The case is back in the shared queue.");
    return "redirect:/workbench/cases/" + id;
  }

  private static String requestId(String requestId) {
    if (blank(requestId) || requestId.length() > 100) {
      throw new InvalidInputException("requestId", "is missing: reload the page and try again");
    }
    return requestId.trim();
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }

  /** A refused action: back to the case file with what was wrong, as the form's own message. */
  @ExceptionHandler({InvalidInputException.class, ConflictException.class})
  String refused(RuntimeException e, jakarta.servlet.http.HttpServletRequest request, RedirectAttributes flash) {
    String message =
        e instanceof InvalidInputException invalid
            ? invalid.errors().entrySet().stream().map(x -> x.getKey() + " " + x.getValue()).sorted()
                .reduce((a, b) -> a + "; " + b).orElse("invalid input")
            : e.getMessage();
    flash.addFlashAttribute("problem", message);
    Object vars = request.getAttribute(org.springframework.web.servlet.HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
    Object id = vars instanceof java.util.Map<?, ?> m ? m.get("id") : null;
    return id == null ? "redirect:/workbench/queue" : "redirect:/workbench/cases/" + id;
  }

  @ExceptionHandler(NotFoundException.class)
  @ResponseStatus(HttpStatus.NOT_FOUND)
  String notFound(NotFoundException e, Model model) {
    model.addAttribute("message", e.getMessage());
    return "workbench/not-found";
  }

  @ExceptionHandler(AccessDeniedException.class)
  @ResponseStatus(HttpStatus.FORBIDDEN)
  String forbidden(AccessDeniedException e, Model model) {
    model.addAttribute("message", e.getMessage());
    return "workbench/denied";
  }

  @ExceptionHandler({IllegalArgumentException.class, org.springframework.web.method.annotation.MethodArgumentTypeMismatchException.class,
      org.springframework.web.bind.MissingServletRequestParameterException.class})
  @ResponseStatus(HttpStatus.BAD_REQUEST)
  String badRequest(Exception e, Model model) {
    model.addAttribute("message", "That request could not be understood: " + e.getMessage());
    return "workbench/not-found";
  }

}
