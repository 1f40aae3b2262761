package org.dripline.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.dripline.testing.ChildJvm;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14's "done when", with real processes on the embedded default and nothing configured but
 * the database (an H2 file in a temporary data directory): the unsubscribe link in mail sent by
 * {@code run} works in a later {@code serve}, the DKIM signature of that mail verifies with the
 * record a third process prints ({@code dkim-record}), and the same data with a real SMTP host is
 * refused in one line. The children run from the main classes only: the test class path's
 * {@code config/application.properties} configures keys, which is exactly what this test must not have.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class KeysAcrossProcessesIntegrationTests {

  static final Pattern UNSUBSCRIBE = Pattern.compile("<http://localhost:8080(/u/([^>]+))>");

  @TempDir
  Path data;
  int smtpPort;
  int imapPort;
  GreenMail inbox;
  final List<Process> children = new ArrayList<>();

  @BeforeEach
  void aDevInboxOnFreePorts() throws IOException {
    // The children find the dev inbox ports taken (as when a serve runs) and send here.
    smtpPort = freePort();
    imapPort = freePort();
    inbox = new GreenMail(new ServerSetup[] {new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
        new ServerSetup(imapPort, "127.0.0.1", ServerSetup.PROTOCOL_IMAP)});
    inbox.start();
  }

  @AfterEach
  void stop() throws InterruptedException {
    for (Process child : children) {
      child.destroy();
      if (!child.waitFor(60, TimeUnit.SECONDS)) {
        child.destroyForcibly();
      }
    }
    inbox.stop();
  }

  @Test
  void anUnsubscribeLinkMailedByRunWorksInALaterServe() throws Exception {
    // given a subscriber imported and a run that mailed them, each in its own process, no keys configured
    Path csv = data.resolve("subscribers.csv");
    Files.writeString(csv, "email,first_name,tags\nreader@example.org,Reader,working-mom\n");
    assertThat(finish(child("import", "--file", csv.toString()))).isZero();
    assertThat(finish(child("run", "--campaign", "working-mom-guilt", "--as-of", "2026-12-01T14:00:00Z"))).isZero();
    await("the welcome mail").atMost(Duration.ofMinutes(1)).until(() -> inbox.getReceivedMessages().length == 1);
    MimeMessage mail = inbox.getReceivedMessages()[0];
    Matcher link = UNSUBSCRIBE.matcher(mail.getHeader("List-Unsubscribe")[0]);
    assertThat(link.find()).as(mail.getHeader("List-Unsubscribe")[0]).isTrue();
    assertThat(link.group(2)).as("signed with the generated key").startsWith("gen.");

    // when serve starts in another process, and another prints the DKIM record
    int httpPort = freePort();
    Process serve = child("serve", "--server.port=" + httpPort, "--dripline.schedule.enabled=false");
    Process record = child("dkim-record");
    HttpClient http = HttpClient.newHttpClient();
    URI unsubscribe = URI.create("http://127.0.0.1:" + httpPort + link.group(1));
    await("serve answering").atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(250))
        .ignoreExceptionsInstanceOf(IOException.class).until(() -> {
          // a serve that died says why at once, instead of the wait running out
          if (!serve.isAlive()) {
            throw new AssertionError("serve exited: " + log(serve));
          }
          return http.send(HttpRequest.newBuilder(unsubscribe).GET().build(),
              HttpResponse.BodyHandlers.discarding()) != null;
        });

    // then serve verifies the link: the page, then the one-click POST that unsubscribes
    HttpResponse<String> page = http.send(HttpRequest.newBuilder(unsubscribe).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(page.statusCode()).isEqualTo(200);
    HttpResponse<String> oneClick = http.send(HttpRequest.newBuilder(unsubscribe)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("List-Unsubscribe=One-Click")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(oneClick.statusCode()).isEqualTo(200);
    assertThat(query("select status from subscribers where email = 'reader@example.org'")).containsExactly("UNSUBSCRIBED");
    assertThat(query("select name from generated_keys order by name")).containsExactly("dkim", "tracking");

    // and the mail's DKIM signature verifies with the record printed by a later process
    assertThat(finish(record)).isZero();
    String printed = Files.readString(output(record)).strip();
    Matcher txt = Pattern.compile("^dripline\\._domainkey TXT \"(v=DKIM1; k=rsa; p=[A-Za-z0-9+/=]+)\"$",
        Pattern.MULTILINE).matcher(printed);
    assertThat(txt.find()).as(printed).isTrue();
    DkimVerifier.Result verified = DkimVerifier.verify(mail, txt.group(1));
    assertThat(verified.verified()).as(verified.output()).isTrue();
  }

  @Test
  void aRealSmtpHostWithoutConfiguredKeysIsRefusedInOneLine() throws Exception {
    // given the embedded database with a subscriber, and a real SMTP host configured, but no keys
    Path csv = data.resolve("subscribers.csv");
    Files.writeString(csv, "email,first_name,tags\nreader@example.org,Reader,working-mom\n");
    assertThat(finish(child("import", "--file", csv.toString()))).isZero();

    // when a run starts
    Process run = child("run", "--campaign", "working-mom-guilt", "--as-of", "2026-12-01T14:00:00Z",
        "--spring.mail.host=127.0.0.1", "--spring.mail.port=" + smtpPort);

    // then it exits 2 with one line naming the properties to set, and sends nothing
    assertThat(finish(run)).isEqualTo(2);
    List<String> stderr = Files.readAllLines(errors(run)).stream().filter(l -> !l.isBlank()).toList();
    assertThat(stderr).hasSize(1);
    assertThat(stderr.get(0)).startsWith("error: refusing to send through 127.0.0.1:" + smtpPort + ": ")
        .contains("dripline.tracking.keys.<id>", "dripline.dkim.private-key", "dripline.base-url http://localhost:8080",
            "dripline.allow-insecure-links=true");
    assertThat(Files.readString(output(run))).doesNotContain("Exception").doesNotContain("\tat ");
    assertThat(inbox.getReceivedMessages()).isEmpty();
    assertThat(query("select count(*) from deliveries")).containsExactly("0");
  }

  /** A Dripline JVM on this test's data directory, with the main classes only (no test configuration). */
  Process child(String... command) throws IOException {
    String classPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
        .filter(entry -> !entry.endsWith("test-classes") && !entry.endsWith("test-classes" + File.separator))
        .collect(Collectors.joining(File.pathSeparator));
    List<String> args = ChildJvm.driplineJava(classPath);
    args.addAll(List.of(command));
    args.addAll(List.of("--dripline.data-dir=" + data, "--dripline.dev-inbox.smtp-port=" + smtpPort,
        "--dripline.dev-inbox.imap-port=" + imapPort));
    String name = command[0] + "-" + children.size();
    Process process = new ProcessBuilder(args).redirectOutput(data.resolve(name + ".out").toFile())
        .redirectError(data.resolve(name + ".err").toFile()).start();
    children.add(process);
    outputs.add(name);
    return process;
  }

  private final List<String> outputs = new ArrayList<>();

  Path output(Process process) {
    return data.resolve(outputs.get(children.indexOf(process)) + ".out");
  }

  Path errors(Process process) {
    return data.resolve(outputs.get(children.indexOf(process)) + ".err");
  }

  String log(Process process) throws IOException {
    return Files.readString(output(process)) + Files.readString(errors(process));
  }

  int finish(Process process) throws Exception {
    assertThat(process.waitFor(3, TimeUnit.MINUTES)).as("finished").isTrue();
    if (process.exitValue() != 0) {
      System.out.println(log(process));
    }
    return process.exitValue();
  }

  /** Reads the children's H2 file as one more process on it (AUTO_SERVER). */
  List<String> query(String sql) throws Exception {
    List<String> rows = new ArrayList<>();
    try (Connection connection = DriverManager.getConnection("jdbc:h2:file:" + data.resolve("dripline")
        + ";AUTO_SERVER=TRUE", "sa", ""); ResultSet rs = connection.createStatement().executeQuery(sql)) {
      while (rs.next()) {
        rows.add(rs.getString(1));
      }
    }
    return rows;
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
