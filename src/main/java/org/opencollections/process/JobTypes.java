package org.opencollections.process;

/** Every job type the models use; one worker class per type. */
public final class JobTypes {

  public static final String EVALUATE_DECISION = "evaluate-decision";
  public static final String RECORD_STAGE = "record-stage";
  public static final String RECORD_TASK_OPENED = "record-task-opened";
  public static final String RECORD_TASK_COMPLETED = "record-task-completed";
  public static final String RECORD_COMMITMENT = "record-commitment";
  public static final String EVALUATE_COMMITMENT = "evaluate-commitment";
  public static final String HAND_OFF_TO_LEGAL = "hand-off-to-legal";
  public static final String WRITE_OFF_DEBT = "write-off-debt";
  public static final String CLOSE_CASE = "close-case";

  private JobTypes() {}
}
