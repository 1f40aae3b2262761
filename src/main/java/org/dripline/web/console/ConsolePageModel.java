package org.dripline.web.console;

import org.dripline.delivery.MailServers;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** What every console page's frame needs: the CSRF token for its forms and whether the dev inbox runs. */
@ControllerAdvice(basePackageClasses = ConsolePageModel.class)
class ConsolePageModel {

  private final boolean devInbox;

  ConsolePageModel(MailServers mailServers) {
    this.devInbox = mailServers.devInboxRuns();
  }

  @ModelAttribute("csrf")
  CsrfToken csrf(CsrfToken token) {
    return token;
  }

  @ModelAttribute("devInbox")
  boolean devInbox() {
    return devInbox;
  }
}
