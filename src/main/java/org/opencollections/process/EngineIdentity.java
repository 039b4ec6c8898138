package org.opencollections.process;

/** Which engine the application works with: a case whose instance was started under another epoch has lost it. */
public interface EngineIdentity {

  /** Identifies the engine's lifetime (the embedded engine's data, or a configured cluster). */
  String epoch();
}
