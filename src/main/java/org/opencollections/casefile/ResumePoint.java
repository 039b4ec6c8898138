package org.opencollections.casefile;

import java.util.Map;
import org.opencollections.intake.Stage;

/**
 * Where a case re-enters its process after the instance was lost, and the facts the process needs there.
 *
 * @param awaitingCounsel in the legal stage: the referral was handed off, so wait for counsel's outcome
 */
public record ResumePoint(Stage stage, boolean awaitingCounsel, Map<String, Object> variables) {}
