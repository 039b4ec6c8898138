package org.opencollections.tasks;

import org.opencollections.process.ApprovalForms;
import org.opencollections.process.ModelCatalog;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.opencollections.negotiation.Commitments;
import org.opencollections.negotiation.NegotiationOutcome;
import org.opencollections.platform.InvalidInputException;
import org.springframework.stereotype.Component;

/**
 * Server-side checks of what a person submits for a task, the same rules the forms enforce in Tasklist:
 * a bad submission is refused before it reaches the process.
 */
@Component
class TaskForms {

  private final Commitments commitments;
  private final ObjectMapper json;
  private final ModelCatalog models;

  TaskForms(Commitments commitments, ObjectMapper json, ModelCatalog models) {
    this.commitments = commitments;
    this.json = json;
    this.models = models;
  }

  void check(String formId, UUID debtId, Map<String, Object> variables) {
    if (formId == null) {
      return;
    }
    // only the form's own fields go into the process: anything else could overwrite a process variable
    java.util.Set<String> fields = models.fieldsOf(formId);
    if (!fields.isEmpty()) {
      Map<String, String> unknown = new java.util.TreeMap<>();
      variables.keySet().stream().filter(k -> !fields.contains(k))
          .forEach(k -> unknown.put(k, "is not a field of the form " + formId + " (its fields: " + String.join(", ", fields) + ")"));
      if (!unknown.isEmpty()) {
        throw new InvalidInputException(unknown);
      }
    }
    if ("negotiation-outcome".equals(formId)) {
      NegotiationOutcome outcome;
      try {
        outcome = json.convertValue(variables, NegotiationOutcome.class);
      } catch (IllegalArgumentException e) {
        // name the form field that could not be read (fault suite F8: "promiseAmount": "NaN" was answered as a
        // problem of "variables", which names no field of the form)
        if (e.getCause() instanceof com.fasterxml.jackson.databind.JsonMappingException m && !m.getPath().isEmpty()
            && m.getPath().getFirst().getFieldName() != null) {
          throw new InvalidInputException(m.getPath().getFirst().getFieldName(), "cannot be read: " + m.getOriginalMessage());
        }
        throw new InvalidInputException("variables", "do not match the negotiation form: " + e.getMessage());
      }
      Map<String, String> problems = commitments.problems(debtId, outcome);
      if (!problems.isEmpty()) {
        throw new InvalidInputException(problems);
      }
    }
    String approval = ApprovalForms.fieldOf(formId);
    if (approval != null && !(variables.get(approval) instanceof Boolean)) {
      Map<String, String> errors = new LinkedHashMap<>();
      errors.put(approval, "is required: true to approve, false to decline");
      throw new InvalidInputException(errors);
    }
  }
}
