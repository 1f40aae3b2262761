package org.dripline.devinbox;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import org.dripline.infra.InfraSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The embedded dev inbox: a real SMTP + IMAP server (GreenMail) in the process, used whenever
 * {@code spring.mail.host} is not set, so the demo and local runs need nothing installed. Its ports
 * are {@link InfraSettings#devInbox()}: sending reads them too, and nothing may depend on this module.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${spring.mail.host:}'.isBlank()")
class DevInboxConfiguration {

  private static final Logger log = LoggerFactory.getLogger(DevInboxConfiguration.class);

  @Bean(destroyMethod = "stop")
  GreenMail devInbox(InfraSettings settings) {
    int smtpPort = settings.devInbox().smtpPort();
    int imapPort = settings.devInbox().imapPort();
    GreenMail greenMail = new GreenMail(new ServerSetup[] {
        new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
        new ServerSetup(imapPort, "127.0.0.1", ServerSetup.PROTOCOL_IMAP)});
    if (inUse(smtpPort) || inUse(imapPort)) {
      // Usually another Dripline (the demo or `serve`) already runs the dev inbox: mail goes there.
      log.info("Dev inbox ports {}/{} are taken, probably by a running Dripline; its inbox receives the mail",
          smtpPort, imapPort);
      return greenMail;
    }
    greenMail.start();
    log.info("Dev inbox: SMTP 127.0.0.1:{}, IMAP 127.0.0.1:{}", smtpPort, imapPort);
    return greenMail;
  }

  private static boolean inUse(int port) {
    try (java.net.ServerSocket socket = new java.net.ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new java.net.InetSocketAddress("127.0.0.1", port));
      return false;
    } catch (java.io.IOException e) {
      return true;
    }
  }
}
