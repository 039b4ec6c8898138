package org.opencollections.workbench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.opencollections.support.Api;
import org.opencollections.support.CollectionsTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The workbench over HTTP, as a browser session sees it: the login page, the session and its CSRF protection,
 * the API untouched beside it (Basic only, problem details, no redirect to a login page), the queue and the
 * case file, and the case file's actions recording once however often they are sent.
 */
@CollectionsTest
class WorkbenchTest {

  @LocalServerPort int port;
  @Autowired TestRestTemplate rest;

  @Test
  void aBrowserIsSentToTheLoginPageAndLogsInWithTheApisUsers() {
    Session browser = new Session(port);
    HttpResponse<String> home = browser.get("/");
    assertThat(home.statusCode()).isEqualTo(302);
    assertThat(home.headers().firstValue("Location").orElseThrow()).endsWith("/login");

    HttpResponse<String> login = browser.get("/login");
    assertThat(login.statusCode()).isEqualTo(200);
    assertThat(login.body()).contains("Log in with your user name and password").contains("name=\"_csrf\"");
    assertThat(login.headers().firstValue("Content-Security-Policy").orElseThrow()).contains("script-src 'self'");

    HttpResponse<String> wrong = browser.logIn("operator", "not-the-password");
    assertThat(wrong.headers().firstValue("Location").orElseThrow()).endsWith("/login?error");
    assertThat(browser.follow(wrong).body()).contains("Wrong user name or password.");

    HttpResponse<String> in = browser.logIn("operator", "operator");
    assertThat(in.statusCode()).isEqualTo(302);
    // back to where the browser was going (/), which is the queue
    assertThat(in.headers().firstValue("Location").orElseThrow()).endsWith("/?continue");
    assertThat(in.headers().allValues("Set-Cookie")).anySatisfy(c -> assertThat(c).contains("JSESSIONID").contains("HttpOnly").contains("SameSite=Lax"));
    HttpResponse<String> queue = browser.follow(browser.follow(in));
    assertThat(queue.statusCode()).isEqualTo(200);
    assertThat(queue.body()).contains("Work queue").contains(">operator<").contains("Log out");

    // logging out ends the session
    HttpResponse<String> out = browser.submit("/workbench/queue", "/logout", Map.of());
    assertThat(out.headers().firstValue("Location").orElseThrow()).endsWith("/login?logout");
    assertThat(browser.get("/workbench/queue").statusCode()).isEqualTo(302);
  }

  @Test
  void theLoginFormCountsWrongPasswordsLikeTheApi() {
    Session browser = new Session(port);
    String user = "guess-" + java.util.UUID.randomUUID();
    for (int i = 0; i < 5; i++) {
      assertThat(browser.logIn(user, "wrong-" + i).headers().firstValue("Location").orElseThrow()).endsWith("/login?error");
    }
    HttpResponse<String> locked = browser.logIn(user, "wrong-again");
    assertThat(locked.headers().firstValue("Location").orElseThrow()).endsWith("/login?locked");
    HttpResponse<String> page = browser.follow(locked);
    assertThat(page.body()).as(page.statusCode() + " " + page.headers().map()).contains("Too many failed logins for this user name");
  }

  @Test
  void formsWithoutTheSessionsCsrfTokenAreRefused() {
    Session browser = new Session(port);
    // the login form itself
    assertThat(browser.postForm("/login", Map.of("username", "operator", "password", "operator")).statusCode()).isEqualTo(403);
    browser.logIn("operator", "operator");
    String debt = new Api(rest).createDebt("900.00", "2027-02-01", "CREDIT_CARD");
    HttpResponse<String> forged =
        browser.postForm("/workbench/cases/" + debt + "/payments", Map.of("reference", "FORGED-1", "amount", "10.00", "currency", "USD"));
    assertThat(forged.statusCode()).isEqualTo(403);
    assertThat(new Api(rest).get("/api/debts/" + debt + "/postings").getBody()).isEmpty();
    // the task completion the form-js page sends
    assertThat(browser.postJson("/workbench/tasks/1/complete", "{}", null).statusCode()).isEqualTo(403);
  }

  @Test
  void theApiKeepsBasicAndProblemDetailsBesideTheWorkbench() {
    Session browser = new Session(port);
    browser.logIn("admin", "admin");
    // the workbench's session does not open the API: it asks for Basic credentials, in a problem detail
    HttpResponse<String> api = browser.get("/api/debts", "application/json");
    assertThat(api.statusCode()).isEqualTo(401);
    assertThat(api.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
    assertThat(api.headers().firstValue("WWW-Authenticate").orElseThrow()).contains("Basic");
    // an unknown path outside the workbench is the API's: 401 problem, never the login page
    HttpResponse<String> unknown = new Session(port).get("/no-such-page");
    assertThat(unknown.statusCode()).isEqualTo(401);
    assertThat(unknown.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
    assertThat(unknown.headers().firstValue("Location")).isEmpty();
    var notFound = new Api(rest).get("/api/no-such-thing");
    assertThat(notFound.getStatusCode().value()).isEqualTo(404);
    assertThat(notFound.getHeaders().getContentType().toString()).startsWith("application/problem+json");
  }

  @Test
  void theQueueHidesClosedCasesUnlessAskedAndTheCaseFileShowsTheCase() {
    Api api = new Api(rest);
    String open = api.createDebt("12000.00", "2027-02-01", "PERSONAL_LOAN");
    String paid = api.createDebt("80.00", "2027-02-01", "CREDIT_CARD");
    String openRef = api.debt(open).get("externalRef").asText();
    String paidRef = api.debt(paid).get("externalRef").asText();
    api.awaitTimeline(paid, Api.type("DECISION"));
    api.pay(paid, "PAID-" + paid, "80.00");
    api.awaitStatus(paid, "PAID");

    Session browser = new Session(port);
    browser.logIn("operator", "operator");
    String all = browser.get("/workbench/queue?status=OPEN&page=0").body();
    String firstPages = all + browser.get("/workbench/queue?page=1").body() + browser.get("/workbench/queue?page=2").body();
    assertThat(firstPages).doesNotContain(paidRef);
    assertThat(browser.get("/workbench/queue?status=PAID").body()).contains(paidRef).contains("0.00 USD").contains("Paid");

    String caseFile = browser.get("/workbench/cases/" + open).body();
    assertThat(caseFile).contains(openRef).contains("12,000.00 USD").contains("Dana Debtor").contains("America/New_York")
        .contains("Case opened");
    api.awaitTimeline(open, Api.type("DECISION"));
    // the decision names its table, version and matched rule
    assertThat(browser.get("/workbench/cases/" + open).body()).containsPattern("Decision table [^<]+, version \\d+, matched rule \\S+");
    assertThat(browser.get("/workbench/cases/00000000-0000-0000-0000-000000000000").statusCode()).isEqualTo(404);
  }

  @Test
  void aContactAPaymentAndAHoldRecordOnceHoweverOftenTheFormIsSent() {
    Api api = new Api(rest);
    String debt = api.createDebt("3000.00", "2027-02-01", "PERSONAL_LOAN");
    Session browser = new Session(port);
    browser.logIn("operator", "operator");
    String page = "/workbench/cases/" + debt;
    String html = browser.get(page).body();
    String requestId = html.replaceAll("(?s).*name=\"requestId\" value=\"([^\"]+)\".*", "$1");
    String token = Session.csrf(html);

    Map<String, String> contact = Map.of("channel", "CALL", "direction", "OUTBOUND", "outcome", "NO_ANSWER", "requestId", requestId, "_csrf", token);
    HttpResponse<String> first = browser.postForm(page + "/contact-attempts", contact);
    assertThat(first.statusCode()).isEqualTo(302);
    String answer = browser.follow(first).body();
    java.util.List<JsonNode> attempts = operatorAttempts(api, debt);
    assertThat(attempts).hasSize(1);
    JsonNode attempt = attempts.get(0);
    // the governor's answer, as it gave it (10:00 in New York on the simulated clock: a call is lawful)
    switch (attempt.get("status").asText()) {
      case "MADE" -> assertThat(answer).contains("Contact recorded as made: Call, Outbound, No answer.");
      case "DEFERRED" -> assertThat(answer).contains("Not now: deferred until").contains(attempt.get("rule").asText());
      default -> assertThat(answer).contains("Blocked by rule " + attempt.get("rule").asText());
    }
    if (!"DEFERRED".equals(attempt.get("status").asText())) {
      assertThat(browser.follow(browser.postForm(page + "/contact-attempts", contact)).body()).contains("Contact recorded");
      assertThat(operatorAttempts(api, debt)).hasSize(1);
    }

    Map<String, String> payment = Map.of("reference", "WB-" + debt, "amount", "250.00", "currency", "USD", "_csrf", token);
    String paid = browser.follow(browser.postForm(page + "/payments", payment)).body();
    assertThat(paid).contains("Payment WB-" + debt + " of 250.00 USD recorded.").contains("2,750.00 USD");
    assertThat(browser.follow(browser.postForm(page + "/payments", payment)).body()).contains("was recorded before; nothing was posted again");
    assertThat(api.get("/api/debts/" + debt + "/postings").getBody()).hasSize(1);

    Map<String, String> bad = Map.of("reference", "WB2-" + debt, "amount", "10.001", "currency", "USD", "_csrf", token);
    assertThat(browser.follow(browser.postForm(page + "/payments", bad)).body()).contains("amount").contains("decimals");

    Map<String, String> hold = Map.of("kind", "DISPUTE", "reason", "Says the debt is not theirs", "requestId", requestId, "_csrf", token);
    assertThat(browser.follow(browser.postForm(page + "/holds", hold)).body()).contains("Dispute hold started");
    assertThat(browser.follow(browser.postForm(page + "/holds", hold)).body()).contains("was started before");
    String withHold = browser.get(page).body();
    assertThat(withHold).contains("On hold").contains("Says the debt is not theirs");
    // an oral dispute: the law asks no verification, and the delivered hold treatment lets collection go on
    Map<String, String> oral = Map.of("kind", "DISPUTE", "medium", "ORAL", "reason", "Said so on the phone",
        "requestId", requestId + "-oral", "_csrf", token);
    assertThat(browser.follow(browser.postForm(page + "/holds", oral)).body()).contains("Dispute noted")
        .contains("noted, collection goes on");
  }

  /** The compliance console answers as POST /api/compliance/what-if does, and says what is wrong with a line. */
  @Test
  void theWhatIfPageAnswersAsTheGovernorWouldAndStoresNothing() {
    Session compliance = new Session(port);
    compliance.logIn("compliance", "compliance");
    String page = compliance.get("/workbench/what-if").body();
    assertThat(page).contains("Would this contact be lawful?").contains("CALL_ATTEMPT A");

    String answered = compliance.submit("/workbench/what-if", "/workbench/what-if", Map.of(
        "jurisdiction", "US-MA", "timeZone", "America/New_York",
        "history", "2027-03-01T09:00:00-05:00 CALL_ATTEMPT A\n2027-03-04T09:00:00-05:00 SMS A",
        "proposed", "2027-03-07T12:00:00-05:00 SMS A")).body();
    assertThat(answered).contains("Not before Mon 8 Mar 2027, 08:00 (America/New_York)").contains("CALL_FREQUENCY").contains("US-MA");

    String wrong = compliance.submit("/workbench/what-if", "/workbench/what-if", Map.of(
        "jurisdiction", "US-MA", "timeZone", "America/New_York",
        "history", "yesterday CALL_ATTEMPT A", "proposed", "2027-03-07T12:00:00-05:00 SMS A")).body();
    assertThat(wrong).contains("History line 1").contains("is not an RFC 3339 time");

    Session processOwner = new Session(port);
    processOwner.logIn("owner", "owner");
    assertThat(processOwner.get("/workbench/what-if").statusCode()).isEqualTo(403);
  }

  @Test
  void theBottleneckViewIsTheSupervisorsAndCountsFromTheRecords() {
    Session operator = new Session(port);
    operator.logIn("operator", "operator");
    assertThat(operator.get("/workbench/bottlenecks").statusCode()).isEqualTo(403);
    assertThat(operator.get("/workbench/queue").body()).doesNotContain("Bottlenecks");
    Session supervisor = new Session(port);
    supervisor.logIn("supervisor", "supervisor");
    String page = supervisor.get("/workbench/bottlenecks").body();
    assertThat(page).contains("Where the open cases are").contains("Negotiate with debtor").contains("Monitor commitment");
    assertThat(supervisor.get("/workbench/bottlenecks/model", "application/xml").body()).contains("debt-collection");
    assertThat(supervisor.get("/workbench/bottlenecks/counts", "application/json").body()).contains("\"elementId\":\"Task_NegotiateWithDebtor\"");
  }

  /** The operator's attempts (the process contacts the debtor too: its soft reminders). */
  private static java.util.List<JsonNode> operatorAttempts(Api api, String debt) {
    java.util.List<JsonNode> mine = new java.util.ArrayList<>();
    api.get("/api/debts/" + debt + "/contact-attempts").getBody().forEach(a -> {
      if (a.get("template").asText().startsWith("operator-")) {
        mine.add(a);
      }
    });
    return mine;
  }

  @Test
  void eachRoleSeesAndMayDoWhatItsApiRoleMay() {
    Api api = new Api(rest);
    String debt = api.createDebt("700.00", "2027-02-01", "CREDIT_CARD");
    Session compliance = new Session(port);
    compliance.logIn("compliance", "compliance");
    String page = compliance.get("/workbench/cases/" + debt).body();
    assertThat(page).contains("Start a hold").doesNotContain("Record a payment").doesNotContain("id=\"assign-form\"");
    HttpResponse<String> refused =
        compliance.postForm("/workbench/cases/" + debt + "/payments",
            Map.of("reference", "C-" + debt, "amount", "5.00", "currency", "USD", "_csrf", Session.csrf(page)));
    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(refused.body()).contains("Your role may not do this");

    Session supervisor = new Session(port);
    supervisor.logIn("supervisor", "supervisor");
    String supervisorPage = supervisor.get("/workbench/cases/" + debt).body();
    assertThat(supervisorPage).contains("id=\"assign-form\"");
    supervisor.follow(supervisor.postForm("/workbench/cases/" + debt + "/assignee",
        Map.of("assignee", "operator", "_csrf", Session.csrf(supervisorPage))));
    Session operator = new Session(port);
    operator.logIn("operator", "operator");
    assertThat(operator.get("/workbench/queue?mine=true").body()).contains(api.debt(debt).get("externalRef").asText());
  }
}
