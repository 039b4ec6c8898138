package org.opencollections.compliance;

import java.time.Instant;

/**
 * The governor's answer: ALLOW, DEFER until the first lawful moment, or BLOCK; always with the rule that
 * decided it and, for a DEFER, when to try again.
 */
public record ContactDecision(Verdict verdict, ContactRule rule, Instant notBefore, String explanation) {

  public enum Verdict { ALLOW, DEFER, BLOCK }

  static ContactDecision allow() {
    return new ContactDecision(Verdict.ALLOW, ContactRule.NONE, null, ContactRule.NONE.meaning());
  }

  static ContactDecision block(ContactRule rule, String detail) {
    return new ContactDecision(Verdict.BLOCK, rule, null, rule.meaning() + detail);
  }

  static ContactDecision defer(ContactRule rule, Instant until, String detail) {
    return new ContactDecision(Verdict.DEFER, rule, until, rule.meaning() + detail);
  }

  public boolean allowed() {
    return verdict == Verdict.ALLOW;
  }
}
