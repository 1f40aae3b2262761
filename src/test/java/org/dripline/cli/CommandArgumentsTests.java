package org.dripline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CommandArgumentsTests {

  @Test
  void dottedKeysAreConfigurationAndEverythingElseIsTheCommand() {
    // given a command with Boot properties before and between its options
    CommandArguments arguments = CommandArguments.of("--server.port=0", "run", "--campaign", "welcome",
        "--management.endpoints.web.exposure.include=health", "--as-of=2026-12-01T08:00:00Z", "--spring.main.lazy-initialization");

    // then the dotted keys are configuration, in order, and the command keeps its own options
    assertThat(arguments.configuration()).containsExactly("--server.port=0",
        "--management.endpoints.web.exposure.include=health", "--spring.main.lazy-initialization");
    assertThat(arguments.command()).containsExactly("run", "--campaign", "welcome", "--as-of=2026-12-01T08:00:00Z");
    assertThat(arguments.configurationKeys()).containsExactly("server.port", "management.endpoints.web.exposure.include",
        "spring.main.lazy-initialization");
    assertThat(arguments.first()).isEqualTo("run");
  }

  @Test
  void aValueWithADotIsNotConfigurationWhenTheKeyHasNone() {
    // given an option whose value has dots
    CommandArguments arguments = CommandArguments.of("import", "--file=people.v2.csv");

    // then it stays the command's
    assertThat(arguments.configuration()).isEmpty();
    assertThat(arguments.command()).containsExactly("import", "--file=people.v2.csv");
  }

  @Test
  void helpIsRequestedByTheOptionAnywhereOrByTheHelpCommand() {
    assertThat(CommandArguments.of("run", "--campaign", "x", "--help").helpRequested()).isTrue();
    assertThat(CommandArguments.of("help", "run").helpRequested()).isTrue();
    assertThat(CommandArguments.of("-V").helpRequested()).isTrue();
    assertThat(CommandArguments.of("run", "--campaign", "help").helpRequested()).isFalse();
    assertThat(CommandArguments.of("--server.port=0").first()).isNull();
  }
}
