package org.dripline.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.dripline.infra.InvalidInputException;
import org.junit.jupiter.api.Test;

/** A preview shows From and To as a mail client does, and never a sender without an address. */
class PreviewAddressesTests {

  @Test
  void anEncodedDisplayNameIsShownDecoded() {
    // given the From header as the composer encodes a non-ASCII name
    String header = "=?UTF-8?Q?Zo=C3=AB_from_Dripline?= <stories@dripline.example>";

    // then the preview reads it as a person does
    assertThat(Previews.readable("From", header, "series")).isEqualTo("\"Zoë from Dripline\" <stories@dripline.example>");
  }

  @Test
  void aPlainAddressIsShownAsItIs() {
    // then an ordinary name and address pass unchanged
    assertThat(Previews.readable("From", "Maya <stories@dripline.example>", "series"))
        .isEqualTo("Maya <stories@dripline.example>");
    assertThat(Previews.readable("To", "zoe@example.org", "series")).isEqualTo("zoe@example.org");
  }

  @Test
  void aSenderWithAnEmptyAddressIsAClearErrorNotNameAngleBrackets() {
    // when the message's From has a name and an empty address, or no From at all
    // then the preview refuses with what to fix (a 400 / exit 2), rather than showing `Maya <>`
    assertThatThrownBy(() -> Previews.readable("From", "Maya <>", "series"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("campaign 'series'").hasMessageContaining("From has no address ('Maya <>')")
        .hasMessageContaining("from.address");
    assertThatThrownBy(() -> Previews.readable("From", "", "series"))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("From has no address (empty)");
    assertThatThrownBy(() -> Previews.readable("From", "Maya", "series"))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("From has no address");
  }
}
