package org.dripline.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A small real SMTP server for fault tests: it refuses chosen recipients at RCPT with 550 5.1.1,
 * which GreenMail cannot, and counts accepted messages by their X-Dripline-Delivery header.
 */
public final class ScriptedSmtpServer implements AutoCloseable {

  private static final Pattern DELIVERY = Pattern.compile("^X-Dripline-Delivery: (\\d+)", Pattern.CASE_INSENSITIVE);

  private final ServerSocket socket;
  private final ExecutorService workers = Executors.newCachedThreadPool();
  private final Set<String> refused;
  public final Map<String, AtomicInteger> accepted = new ConcurrentHashMap<>();

  private final long dataDelayMillis;

  public ScriptedSmtpServer(Set<String> refusedRecipients) throws IOException {
    this(refusedRecipients, 0);
  }

  /** {@code dataDelayMillis}: how long each message waits for its 250, to slow a sender down. */
  public ScriptedSmtpServer(Set<String> refusedRecipients, long dataDelayMillis) throws IOException {
    this.refused = refusedRecipients;
    this.dataDelayMillis = dataDelayMillis;
    this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    workers.submit(this::accept);
  }

  public int port() {
    return socket.getLocalPort();
  }

  private void accept() {
    while (!socket.isClosed()) {
      try {
        Socket client = socket.accept();
        workers.submit(() -> serve(client));
      } catch (IOException e) {
        return;
      }
    }
  }

  private void serve(Socket client) {
    try (client; BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8));
         OutputStream out = client.getOutputStream()) {
      reply(out, "220 scripted ESMTP");
      String line;
      while ((line = in.readLine()) != null) {
        String command = line.length() >= 4 ? line.substring(0, 4).toUpperCase(Locale.ROOT) : line.toUpperCase(Locale.ROOT);
        switch (command) {
          case "EHLO", "HELO" -> reply(out, "250 scripted");
          case "MAIL", "RSET", "NOOP" -> reply(out, "250 2.0.0 OK");
          case "RCPT" -> {
            String address = line.substring(line.indexOf('<') + 1, line.indexOf('>')).toLowerCase(Locale.ROOT);
            reply(out, refused.contains(address) ? "550 5.1.1 <" + address + ">: user unknown" : "250 2.1.5 OK");
          }
          case "DATA" -> {
            reply(out, "354 go ahead");
            String id = null;
            String data;
            while ((data = in.readLine()) != null && !data.equals(".")) {
              Matcher matcher = DELIVERY.matcher(data);
              if (id == null && matcher.find()) {
                id = matcher.group(1);
              }
            }
            if (dataDelayMillis > 0) {
              // The server's scripted slowness (a slow 250 to pace the sender), not a test waiting
              // for something: the tests await their conditions.
              try {
                Thread.sleep(dataDelayMillis);
              } catch (InterruptedException e) {
                return;
              }
            }
            if (id != null) {
              accepted.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
            }
            reply(out, "250 2.0.0 queued");
          }
          case "QUIT" -> {
            reply(out, "221 bye");
            return;
          }
          default -> reply(out, "502 5.5.2 not implemented");
        }
      }
    } catch (IOException e) {
      // client went away
    }
  }

  private static void reply(OutputStream out, String line) throws IOException {
    out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
    out.flush();
  }

  @Override
  public void close() throws IOException {
    socket.close();
    workers.shutdownNow();
  }
}
