package org.opencollections.models;

/** What a deployed model is: a process (bpmn/), a decision (dmn/) or a form (beside the BPMN). */
public enum ModelKind {
  BPMN("application/xml"),
  DMN("application/xml"),
  FORM("application/json");

  private final String mediaType;

  ModelKind(String mediaType) {
    this.mediaType = mediaType;
  }

  public String mediaType() {
    return mediaType;
  }
}
