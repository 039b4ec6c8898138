package org.opencollections.process;

import java.util.Map;

/** The approval forms and the one yes/no field each of them answers. */
public final class ApprovalForms {

  private static final Map<String, String> FIELD_BY_FORM =
      Map.of(
          "settlement-approval", "settlementApproved",
          "legal-referral-approval", "legalReferralApproved",
          "write-off-approval", "writeOffApproved");

  private ApprovalForms() {}

  /** The answer field of an approval form, or null for any other form (or none). */
  public static String fieldOf(String formId) {
    return formId == null ? null : FIELD_BY_FORM.get(formId);
  }
}
