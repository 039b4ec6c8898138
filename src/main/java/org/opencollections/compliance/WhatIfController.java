package org.opencollections.compliance;

import jakarta.validation.Valid;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** The governor's answer to a contact that has not happened, from a history the caller gives. */
@RestController
class WhatIfController {

  private final WhatIf whatIf;

  WhatIfController(WhatIf whatIf) {
    this.whatIf = whatIf;
  }

  /** Stores nothing and contacts nobody: the same rules and table as a real attempt, on the history given. */
  @PostMapping("/api/compliance/what-if")
  WhatIf.Answer ask(@Valid @RequestBody WhatIf.Question question) {
    return whatIf.ask(question);
  }
}
