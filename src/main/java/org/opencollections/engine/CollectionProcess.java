package org.opencollections.engine;

/** Ids from bpmn/debt-collection.bpmn that the application refers to. */
public final class CollectionProcess {

  public static final String PROCESS_ID = "debt-collection";

  public static final String MSG_DEBT_PAID_IN_FULL = "DebtPaidInFull";
  public static final String MSG_PARTIAL_PAYMENT = "PartialPaymentReceived";
  public static final String MSG_LEGAL_OUTCOME = "LegalOutcomeReceived";
  public static final String MSG_HOLD_STARTED = "HoldStarted";
  public static final String MSG_HOLD_RELEASED = "HoldReleased";

  public static final String SEGMENT_DEBT = "Task_SegmentDebt";
  public static final String SOFT_REMINDERS = "SubProcess_SoftReminders";
  public static final String NEGOTIATE_WITH_DEBTOR = "Task_NegotiateWithDebtor";
  public static final String MONITOR_COMMITMENT = "SubProcess_MonitorCommitment";
  public static final String DECIDE_ESCALATION = "Task_DecideEscalation";
  public static final String APPROVE_LEGAL_REFERRAL = "Task_ApproveLegalReferral";
  public static final String LEGAL_OUTCOME_RECEIVED = "Event_LegalOutcomeReceived";
  public static final String DECIDE_WRITE_OFF = "Task_DecideWriteOff";
  public static final String HOLD_RELEASED = "Event_HoldReleased";

  private CollectionProcess() {}
}
