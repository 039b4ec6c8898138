package org.opencollections.contact;

import java.util.UUID;
import org.opencollections.compliance.Channel;

/** A rendered message on its way to a channel. */
public record OutgoingMessage(UUID id, Channel channel, String recipient, String subject, String body) {}
