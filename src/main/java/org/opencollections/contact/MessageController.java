package org.opencollections.contact;

import java.util.List;
import java.util.UUID;
import org.opencollections.intake.DebtQueries;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** What was actually sent to the debtor, word for word, on every channel. */
@RestController
class MessageController {

  private final ContactMessages messages;
  private final DebtQueries debts;

  MessageController(ContactMessages messages, DebtQueries debts) {
    this.messages = messages;
    this.debts = debts;
  }

  @GetMapping("/api/debts/{id}/messages")
  List<ContactMessages.Message> of(@PathVariable UUID id) {
    debts.require(id);
    return messages.ofDebt(id);
  }
}
