package org.opencollections.compliance;

import java.time.LocalTime;

/**
 * The contact limits of one jurisdiction and channel, as dmn/contact-rules.dmn gives them.
 *
 * @param ruleChecksum SHA-256 of the deployed contact-rules.dmn that gave these limits (null if not ours)
 * @param countedChannels the channels whose communications count toward the two 7-day limits (Regulation F
 *     counts calls; Massachusetts calls and texts; New York City calls, texts and e-mails)
 * @param maxCallsPer7Days communications on those channels per debt in 7 consecutive days; null where the
 *     jurisdiction sets no count
 * @param daysAfterConversation days (the conversation day counting as day one) before the next call; null for none
 * @param maxDebtorCallsPer7Days call attempts to the debtor about all of their debts together in 7 consecutive
 *     days (Massachusetts counts per debtor); null where the jurisdiction sets no such count
 */
public record ContactLimits(
    String ruleSet,
    int ruleVersion,
    String ruleChecksum,
    LocalTime windowStart,
    LocalTime windowEnd,
    java.util.Set<Channel> countedChannels,
    Integer maxCallsPer7Days,
    Integer daysAfterConversation,
    Integer maxDebtorCallsPer7Days) {}
