package org.opencollections.legal;

/** What counsel can report: the names are the values the process's "Legal outcome?" gateway reads. */
public enum LegalOutcome {
  JUDGMENT,
  SETTLED,
  UNCOLLECTIBLE
}
