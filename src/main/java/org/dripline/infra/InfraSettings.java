package org.dripline.infra;

import java.net.URI;
import java.net.URISyntaxException;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The keys more than one feature reads, directly under {@code dripline.}: the public address that
 * tracking links and sign-up confirmation links start with, the embedded database's directory,
 * and the dev inbox's ports (the dev inbox listens on them, sending falls back to its SMTP port
 * when no SMTP server is configured). They live here, not in one feature's settings, so that no
 * feature depends on another just to read them.
 *
 * @param baseUrl  public address of this server (scheme, host, optional port and path): links in mail and
 *                 sign-up confirmation links start with it
 * @param dataDir  directory of the embedded H2 database when no spring.datasource.url is set, relative to the
 *                 working directory or absolute
 * @param devInbox the embedded dev inbox, used when spring.mail.host is not set
 */
@ConfigurationProperties("dripline")
public record InfraSettings(
    @DefaultValue("http://localhost:8080") String baseUrl,
    @DefaultValue(InfraSettings.DEFAULT_DATA_DIR) String dataDir,
    @DefaultValue DevInbox devInbox) {

  static final String DEFAULT_DATA_DIR = "data";

  public InfraSettings {
    baseUrl = withoutTrailingSlash(checkedBaseUrl(baseUrl));
    dataDir = dataDir == null || dataDir.isBlank() ? DEFAULT_DATA_DIR : dataDir.strip();
  }

  private static String checkedBaseUrl(String baseUrl) {
    String url = baseUrl == null ? "" : baseUrl.strip();
    try {
      URI uri = new URI(url);
      if (("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
          && uri.getHost() != null) {
        return url;
      }
    } catch (URISyntaxException e) {
      // reported below, with the value
    }
    throw new IllegalArgumentException("dripline.base-url must be an absolute http(s) URL such as"
        + " https://mail.example.org, was '" + url + "'");
  }

  // Links are built as baseUrl + "/u/..." : a configured trailing slash would double it.
  private static String withoutTrailingSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  /**
   * @param smtpPort SMTP port of the embedded dev inbox, on 127.0.0.1
   * @param imapPort IMAP port of the embedded dev inbox, on 127.0.0.1 (user and password are a recipient's address)
   */
  public record DevInbox(@DefaultValue("3025") int smtpPort, @DefaultValue("3143") int imapPort) {

    public DevInbox {
      checkPort("dripline.dev-inbox.smtp-port", smtpPort);
      checkPort("dripline.dev-inbox.imap-port", imapPort);
    }

    private static void checkPort(String key, int port) {
      if (port < 1 || port > 65_535) {
        throw new IllegalArgumentException(key + " must be between 1 and 65535, was " + port);
      }
    }
  }
}
