package org.opencollections.contact;

import jakarta.mail.internet.MimeMessage;
import org.opencollections.compliance.Channel;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/** E-mail over real SMTP (spring.mail.*; in embedded mode the application's own SMTP server). */
@Component
class SmtpEmail implements ChannelPort {

  private final org.springframework.beans.factory.ObjectProvider<JavaMailSender> senders;
  private final String from;

  SmtpEmail(
      org.springframework.beans.factory.ObjectProvider<JavaMailSender> senders,
      @Value("${collections.mail.from:collections@localhost}") String from) {
    this.senders = senders;
    this.from = from;
  }

  @Override
  public boolean handles(Channel channel) {
    return channel == Channel.EMAIL;
  }

  @Override
  public void send(OutgoingMessage message) {
    JavaMailSender mail = senders.getIfAvailable();
    if (mail == null) {
      throw new IllegalStateException("No SMTP server is configured: set spring.mail.host (and port, username, password)");
    }
    try {
      MimeMessage mime = mail.createMimeMessage();
      MimeMessageHelper helper = new MimeMessageHelper(mime, "UTF-8");
      helper.setFrom(from);
      helper.setTo(message.recipient());
      helper.setSubject(message.subject());
      helper.setText(message.body());
      // lets a mail system drop a second copy if a retry sends it again
      mime.setHeader("Message-ID", "<" + message.id() + "@opencollections>");
      mail.send(mime);
    } catch (jakarta.mail.MessagingException e) {
      throw new IllegalStateException("Could not build the e-mail " + message.id() + ": " + e.getMessage(), e);
    }
  }
}
