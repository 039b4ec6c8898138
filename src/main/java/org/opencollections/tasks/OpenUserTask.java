package org.opencollections.tasks;

import java.util.List;

/** A user task waiting for a person, as either engine reports it. */
public record OpenUserTask(
    long key,
    String elementId,
    long processInstanceKey,
    List<String> candidateGroups,
    String dueDate,
    int priority,
    String formId,
    /** The task's element instance: what the listeners at its end see (0 if the engine did not say). */
    long elementInstanceKey) {}
