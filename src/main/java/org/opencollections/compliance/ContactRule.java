package org.opencollections.compliance;

/** The rules the governor applies, in the order it applies them; each decision names one of them. */
public enum ContactRule {
  ACTIVE_HOLD("A hold (dispute, bankruptcy, breathing space ...) stops all contact"),
  CEASE_COMMUNICATION("The debtor asked that all communication stop"),
  ATTORNEY_REPRESENTED("The debtor is represented by an attorney: contact the attorney, not the debtor"),
  CHANNEL_BLOCKED("The debtor blocked this channel"),
  NO_VALID_CONTACT_POINT("No valid contact point for this channel: the number is wrong or the address bounced"),
  WORKPLACE_CONTACT_PROHIBITED("A work phone the debtor said may not be called at work (15 U.S.C. 1692c(a)(3),"
      + " 12 CFR 1006.6(b)(1)(iii))"),
  NO_CONSENT("No consent for this use of the contact point: texts, calls to a mobile and work e-mail need the debtor's"
      + " prior consent, and a withdrawn consent stops the use (47 U.S.C. 227(b)(1)(A)(iii), 47 CFR 64.1200,"
      + " 12 CFR 1006.22(f)(3), 12 CFR 1006.14(h))"),
  NO_CONTACT_DETAILS("The debtor has no e-mail address or phone number for this channel: nothing can be sent"),
  TIME_BARRED_NO_LEGAL_THREAT("A time-barred debt: no letter may threaten legal action"),
  LOCAL_TIME_WINDOW("Outside the hours the jurisdiction allows, in the debtor's local time"),
  CALL_FREQUENCY("The number of communications about this debt allowed in 7 consecutive days is reached (calls; texts"
      + " and e-mails too where the jurisdiction counts them)"),
  DEBTOR_CALL_FREQUENCY("The number of communications allowed to this debtor, over all their debts, in 7 consecutive days"
      + " is reached"),
  CALL_AFTER_CONVERSATION("Too soon after a telephone conversation about this debt"),
  NONE("Every rule allows it");

  private final String meaning;

  ContactRule(String meaning) {
    this.meaning = meaning;
  }

  public String meaning() {
    return meaning;
  }
}
