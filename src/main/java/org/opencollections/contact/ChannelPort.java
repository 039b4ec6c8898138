package org.opencollections.contact;

import org.opencollections.compliance.Channel;

/**
 * Where a message leaves the system: real SMTP for e-mail; the SMS gateway, the letter house and the dialler
 * are third parties, reached through adapters of this port. Sending the same message id twice must be harmless.
 */
public interface ChannelPort {

  boolean handles(Channel channel);

  void send(OutgoingMessage message);
}
