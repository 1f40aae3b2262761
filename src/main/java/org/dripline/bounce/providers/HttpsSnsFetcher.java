package org.dripline.bounce.providers;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * The real {@link SnsFetcher}: HTTPS with the JDK's trust store (so the host is the one the URI
 * names), no redirects followed (a redirect could lead anywhere), short timeouts, and at most
 * 64 KiB read (a certificate is about 2 KiB).
 */
@Component
class HttpsSnsFetcher implements SnsFetcher {

  private static final int MAX_BYTES = 64 * 1024;
  // Built on first use: a client starts a thread, and most processes (the CLI) never fetch anything.
  private volatile HttpClient client;

  @Override
  public byte[] get(URI uri) throws IOException {
    if (!"https".equals(uri.getScheme())) {
      throw new IOException("only https is fetched: " + uri);
    }
    HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET().build();
    try {
      HttpResponse<InputStream> response = client().send(request, HttpResponse.BodyHandlers.ofInputStream());
      try (InputStream body = response.body()) {
        if (response.statusCode() != 200) {
          throw new IOException("GET " + uri + " answered " + response.statusCode());
        }
        byte[] bytes = body.readNBytes(MAX_BYTES + 1);
        if (bytes.length > MAX_BYTES) {
          throw new IOException("GET " + uri + " answered more than " + MAX_BYTES + " bytes");
        }
        return bytes;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while fetching " + uri, e);
    }
  }

  private HttpClient client() {
    HttpClient current = client;
    if (current == null) {
      synchronized (this) {
        if (client == null) {
          client = HttpClient.newBuilder()
              .followRedirects(HttpClient.Redirect.NEVER)
              .connectTimeout(Duration.ofSeconds(5))
              .build();
        }
        current = client;
      }
    }
    return current;
  }
}
