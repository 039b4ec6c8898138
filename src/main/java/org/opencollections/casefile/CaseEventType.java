package org.opencollections.casefile;

/** What a timeline entry records. */
public enum CaseEventType {
  CASE_OPENED,
  CASE_RESUMED,
  STAGE_CHANGED,
  DECISION,
  CONTACT,
  TASK_OPENED,
  TASK_COMPLETED,
  COMMITMENT_RECORDED,
  INSTALMENT_PAID,
  INSTALMENT_MISSED,
  PAYMENT,
  LEGAL_REFERRAL,
  LEGAL_OUTCOME,
  WRITE_OFF,
  CASE_CLOSED
}
