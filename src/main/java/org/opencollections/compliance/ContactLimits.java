package org.opencollections.compliance;

import java.time.LocalTime;

/**
 * The contact limits of one jurisdiction and channel, as dmn/contact-rules.dmn gives them.
 *
 * @param maxCallsPer7Days null where the jurisdiction sets no count
 * @param daysAfterConversation days (the conversation day counting as day one) before the next call; null for none
 */
public record ContactLimits(
    String ruleSet,
    int ruleVersion,
    LocalTime windowStart,
    LocalTime windowEnd,
    Integer maxCallsPer7Days,
    Integer daysAfterConversation) {}
