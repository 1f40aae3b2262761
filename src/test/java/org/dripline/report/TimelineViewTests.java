package org.dripline.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A timeline entry prints on one line whatever the SMTP server replied. */
class TimelineViewTests {

  @Test
  void anSmtpReplyWithLineBreaksPrintsOnOneLine() {
    // given a SENT entry whose stored reply is a multi-line 250 ending in CRLF
    TimelineView.Entry entry = new TimelineView.Entry("welcome", null, "Tue 2026-12-01 09:00 Europe/Berlin", "SENT",
        "sent Tue 2026-12-01 09:00 (250-mx.example.org\r\n250 2.0.0 Ok: queued as 4F2A\r\n)\r\n");

    // when it is shown on one line
    String line = entry.detailOnOneLine();

    // then no line break is left: inner ones are escaped, the trailing one is gone
    assertThat(line).doesNotContain("\r", "\n")
        .isEqualTo("sent Tue 2026-12-01 09:00 (250-mx.example.org\\r\\n250 2.0.0 Ok: queued as 4F2A\\r\\n)");
  }

  @Test
  void aDetailWithoutBreaksIsUnchangedAndNoneStaysNone() {
    // then plain text passes through, and a missing detail stays missing
    assertThat(TimelineView.oneLine("condition not met at planning")).isEqualTo("condition not met at planning");
    assertThat(TimelineView.oneLine(null)).isNull();
  }
}
