package org.opencollections.process;

/** What the deployed models say about their elements, for the people who read tasks and timelines. */
public interface ModelCatalog {

  /** The element's label in the model, or its id if it has none. */
  String nameOf(String elementId);

  /** The id of the form linked to a user task, or null. */
  String formOf(String elementId);

  /** The keys of the fields of a deployed form (what a submission of it may carry); empty if unknown. */
  java.util.Set<String> fieldsOf(String formId);
}
