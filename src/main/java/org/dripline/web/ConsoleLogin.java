package org.dripline.web;

import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * The console's one login, from {@code dripline.console.username} / {@code dripline.console.password}.
 * The password may be encoded ({@code {bcrypt}$2a$10$...}, {@code {noop}secret}) or plain text,
 * which is taken as {@code {noop}}: an encoded value keeps the secret out of the configuration.
 */
@Component
public class ConsoleLogin {

  private static final Pattern ENCODED = Pattern.compile("^\\{[A-Za-z0-9_.-]+}.*", Pattern.DOTALL);

  private final String username;
  private final String password;

  ConsoleLogin(WebSettings settings) {
    this.username = settings.console().username();
    this.password = settings.console().password();
  }

  public boolean configured() {
    return !password.isBlank();
  }

  public String username() {
    return username;
  }

  String encodedPassword() {
    return ENCODED.matcher(password).matches() ? password : "{noop}" + password;
  }
}
