package org.opencollections.contact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.connector.api.document.Document;
import io.camunda.connector.api.document.DocumentCreationRequest;
import io.camunda.connector.api.outbound.JobContext;
import io.camunda.connector.api.outbound.OutboundConnectorContext;
import jakarta.mail.internet.MimeMessage;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opencollections.platform.EmbeddedSmtpInitializer;
import org.opencollections.support.Api;
import org.opencollections.support.CollectionsTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The "Contact debtor" connector as the process uses it: e-mail goes over SMTP to the embedded server and is
 * read back; letters and SMS land in the outbox; a job that runs twice sends once.
 */
@CollectionsTest
class ContactDebtorConnectorTest {

  @Autowired TestRestTemplate http;
  @Autowired JdbcTemplate jdbc;
  @Autowired EmbeddedSmtpInitializer.Handle smtp;
  @Autowired ContactDebtorConnector connector;

  Api api;

  @BeforeEach
  void setUp() {
    api = new Api(http);
  }

  List<MimeMessage> mailFor(String externalRef) throws Exception {
    return Arrays.stream(smtp.server().getReceivedMessages())
        .filter(m -> {
          try {
            return m.getSubject().contains(externalRef);
          } catch (Exception e) {
            return false;
          }
        })
        .toList();
  }

  @Test
  void theFirstReminderIsAnEmailWithTheValidationNoticeAndAnOptOut() throws Exception {
    // a standard debt: e-mail reminders (debt-segmentation.dmn)
    Map<String, Object> request = Api.debtRequest("1500.00", api.dateInDays(-20), "PERSONAL_LOAN");
    String debt = api.createDebt(request);
    String ref = (String) request.get("externalRef");
    api.awaitTimeline(debt, Api.type("CONTACT"));

    List<MimeMessage> mail = await().until(() -> mailFor(ref), m -> !m.isEmpty());
    assertThat(mail).hasSize(1);
    MimeMessage reminder = mail.getFirst();
    assertThat(reminder.getAllRecipients()[0].toString()).isEqualTo("dana@example.org");
    String body = reminder.getContent().toString();
    assertThat(body).contains("Dear Dana Debtor").contains("1500.00 USD").contains(ref);
    assertThat(body).contains("This is a communication from a debt collector").contains("to dispute all or part of the debt");
    assertThat(body).contains("reply with STOP");
    assertThat(jdbc.queryForObject("select status from contact_message where debt_id = ?", String.class, UUID.fromString(debt)))
        .isEqualTo("SENT");
  }

  @Test
  void smsAndLettersGoToTheOutboxForTheirGateways() {
    // a small debt: SMS reminders
    String debt = api.createDebt("80.00", api.dateInDays(-20), "PERSONAL_LOAN");
    api.awaitTimeline(debt, Api.type("CONTACT"));
    Map<String, Object> sms =
        await().until(
            () -> jdbc.queryForList(
                "select o.channel, o.recipient, o.body from channel_outbox o join contact_message m on m.id = o.message_id"
                    + " where m.debt_id = ?", UUID.fromString(debt)),
            rows -> !rows.isEmpty()).getFirst();
    assertThat(sms.get("channel")).isEqualTo("SMS");
    assertThat(sms.get("recipient")).isEqualTo("+1 212 555 0100");
    assertThat((String) sms.get("body")).contains("80.00 USD").endsWith("Reply STOP to opt out.");
    // the operator can read what was sent
    JsonNode messages = api.get("/api/debts/" + debt + "/messages").getBody();
    assertThat(messages).hasSize(1);
    assertThat(messages.get(0).get("channel").asText()).isEqualTo("SMS");
  }

  @Test
  void aJobThatRunsTwiceSendsOnce() throws Exception {
    Map<String, Object> request = Api.debtRequest("2500.00", api.dateInDays(-20), "PERSONAL_LOAN");
    String debt = api.createDebt(request);
    api.awaitTimeline(debt, Api.type("CONTACT"));
    String ref = (String) request.get("externalRef");
    await().until(() -> mailFor(ref), m -> m.size() == 1);

    // the same job (same element instance) delivered again, e.g. after a timeout
    Map<String, Object> variables =
        Map.of("debtId", debt, "channel", "EMAIL", "template", "final-notice", "tone", "FIRM");
    Object first = connector.execute(context(variables, 4711L));
    Object second = connector.execute(context(variables, 4711L));

    assertThat(second).isEqualTo(first);
    await().until(() -> mailFor(ref), m -> m.size() == 2);
    Thread.sleep(500);
    assertThat(mailFor(ref)).hasSize(2); // the reminder and one final notice
    assertThat(jdbc.queryForObject(
            "select count(*) from contact_message where debt_id = ? and template = 'final-notice'", Integer.class,
            UUID.fromString(debt)))
        .isEqualTo(1);
  }

  private static OutboundConnectorContext context(Map<String, Object> variables, long elementInstanceKey) {
    ObjectMapper json = new ObjectMapper();
    return new OutboundConnectorContext() {
      @Override
      public JobContext getJobContext() {
        return new JobContext() {
          @Override public Map<String, String> getCustomHeaders() { return Map.of(); }
          @Override public String getVariables() {
            try {
              return json.writeValueAsString(variables);
            } catch (Exception e) {
              throw new IllegalStateException(e);
            }
          }
          @Override public String getType() { return ContactDebtorConnector.TYPE; }
          @Override public long getProcessInstanceKey() { return 1L; }
          @Override public String getBpmnProcessId() { return "debt-collection"; }
          @Override public int getProcessDefinitionVersion() { return 1; }
          @Override public long getProcessDefinitionKey() { return 1L; }
          @Override public String getElementId() { return "Task_SendFinalNotice"; }
          @Override public long getElementInstanceKey() { return elementInstanceKey; }
          @Override public String getTenantId() { return "<default>"; }
        };
      }

      @Override
      public <T> T bindVariables(Class<T> cls) {
        return json.convertValue(variables, cls);
      }

      @Override
      public Document create(DocumentCreationRequest request) {
        throw new UnsupportedOperationException();
      }

      @Override
      public Document resolve(io.camunda.connector.api.document.DocumentReference reference) {
        throw new UnsupportedOperationException();
      }
    };
  }
}
