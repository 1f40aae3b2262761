package org.dripline.bounce;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.dripline.bounce.BounceReport.Kind;
import org.dripline.tracking.BounceAddresses;
import org.dripline.tracking.TestSigners;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/** Which bounce addresses a message was sent to, and the matcher trusting a signed one first. */
class VerpMatchingTests {

  final BounceAddresses addresses = TestSigners.bounceAddresses();
  final BounceParser parser = new BounceParser();
  NamedParameterJdbcTemplate jdbc;
  DeliveryMatcher matcher;

  @BeforeEach
  void ledger() {
    // only the columns the matcher reads
    JdbcDataSource dataSource = new JdbcDataSource();
    dataSource.setURL("jdbc:h2:mem:verp-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    jdbc = new NamedParameterJdbcTemplate(dataSource);
    jdbc.getJdbcTemplate().execute("create table subscribers (id bigint primary key, email varchar(320))");
    jdbc.getJdbcTemplate().execute(
        "create table deliveries (id bigint primary key, campaign_id varchar(100), subscriber_id bigint,"
            + " message_id varchar(255))");
    jdbc.getJdbcTemplate().update("insert into subscribers values (1, 'zoe@example.org'), (2, 'ada@example.org')");
    jdbc.getJdbcTemplate().update("insert into deliveries (id, subscriber_id, message_id) values (11, 1, '<11.aa@dripline.example>'),"
        + " (22, 2, '<22.bb@dripline.example>')");
    matcher = new DeliveryMatcher(jdbc, addresses);
  }

  @Test
  void theBounceAddressesAreReadFromTheMessagesOwnHeadersNotFromTheReturnedOriginal() {
    // given a bounce delivered to zoe's address (Delivered-To, in upper case, and To) that returns the
    // headers of another message, whose Return-Path is ada's bounce address
    String zoe = addresses.address(11, "bounces.dripline.example");
    String ada = addresses.address(22, "bounces.dripline.example");
    BounceReport report = parse(dsn("Delivered-To: " + zoe.toUpperCase(java.util.Locale.ROOT) + "\nTo: <" + zoe + ">\n",
        "zoe@example.org", "Return-Path: <" + ada + ">\nMessage-ID: <22.bb@dripline.example>\n"));

    // then only zoe's address is a claim, once, lower-cased
    assertThat(report.kind()).isEqualTo(Kind.HARD_BOUNCE);
    assertThat(report.bounceAddresses()).containsExactly(zoe);
    // and the signed address wins over the returned Message-ID
    assertThat(matcher.match(report).deliveryId()).isEqualTo(11L);
    assertThat(matcher.match(report).email()).isEqualTo("zoe@example.org");
  }

  @Test
  void aBounceQuotingNothingMatchesByItsAddressAlone() {
    // given a bounce with no returned headers, naming an address the ledger does not know, sent to ada's address
    String ada = addresses.address(22, "bounces.dripline.example");
    BounceReport report = parse(dsn("X-Original-To: " + ada + "\nTo: bounces@bounces.dripline.example\n",
        "ada.forwarded@example.net", null));

    // then it matches ada's delivery
    assertThat(report.originalMessageId()).isNull();
    assertThat(report.deliveryId()).isNull();
    assertThat(matcher.match(report).deliveryId()).isEqualTo(22L);
  }

  @Test
  void aForgedOrUnknownBounceAddressIsIgnoredAndTheOtherRulesDecide() {
    // given a tampered copy of zoe's address, and a valid address of a delivery the ledger does not have
    String zoe = addresses.address(11, "bounces.dripline.example");
    String tampered = zoe.replaceFirst("bounces\\+b-", "bounces+m-");
    String unknown = addresses.address(99, "bounces.dripline.example");

    // when a bounce to either returns ada's Message-ID / then the Message-ID decides
    for (String to : List.of(tampered, unknown)) {
      BounceReport report = parse(dsn("To: " + to + "\n", "ada@example.org", "Message-ID: <22.bb@dripline.example>\n"));
      assertThat(report.bounceAddresses()).as(to).containsExactly(to);
      assertThat(matcher.match(report).deliveryId()).as(to).isEqualTo(22L);
    }
    // and with nothing else to go by, it matches nothing
    assertThat(matcher.match(parse(dsn("To: " + tampered + "\n", "zoe@example.org", null)))).isNull();
    assertThat(tampered).isNotEqualTo(zoe);
  }

  @Test
  void aMessageToAnOrdinaryAddressHasNoBounceAddresses() {
    BounceReport report = parse(dsn("To: bounces@bounces.dripline.example\nDelivered-To: other+tag@example.org\n",
        "zoe@example.org", null));
    assertThat(report.bounceAddresses()).isEmpty();
  }

  BounceReport parse(String text) {
    return parser.process(new MailboxMessage(1, text.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8), null));
  }

  /** A null-sender RFC 3464 report: {@code headers} are the bounce's own, {@code returned} (or none) the original's. */
  static String dsn(String headers, String finalRecipient, String returned) {
    return "Return-Path: <>\n" + headers + """
        From: Mail Delivery System <MAILER-DAEMON@mx.example.net>
        Subject: Undelivered Mail Returned to Sender
        MIME-Version: 1.0
        Content-Type: multipart/report; report-type=delivery-status; boundary="b1"

        --b1
        Content-Type: text/plain

        Your message could not be delivered.

        --b1
        Content-Type: message/delivery-status

        Reporting-MTA: dns; mx.example.net

        Final-Recipient: rfc822; %s
        Action: failed
        Status: 5.1.1

        """.formatted(finalRecipient) + (returned == null ? "" : """
        --b1
        Content-Type: text/rfc822-headers

        %s
        """.formatted(returned)) + "--b1--\n";
  }
}
