package org.opencollections.contact;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.EnumSet;
import java.util.Set;
import org.opencollections.compliance.Channel;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The SMS gateway, the print-and-mail house and the dialler, which cannot be reached from here: messages for
 * them are written to {@code channel_outbox}, once per message, where a person can inspect them. A real
 * adapter replaces this bean.
 */
@Component
class OutboxChannels implements ChannelPort {

  private static final Set<Channel> HANDLED = EnumSet.of(Channel.SMS, Channel.LETTER, Channel.CALL);

  private final JdbcTemplate jdbc;
  private final Clock clock;

  OutboxChannels(JdbcTemplate jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  @Override
  public boolean handles(Channel channel) {
    return HANDLED.contains(channel);
  }

  @Override
  public void send(OutgoingMessage m) {
    jdbc.update(
        "insert into channel_outbox (message_id, channel, recipient, body, queued_at) values (?, ?, ?, ?, ?)"
            + " on conflict (message_id) do nothing",
        m.id(), m.channel().name(), m.recipient(), m.body(), Timestamp.from(clock.instant()));
  }
}
