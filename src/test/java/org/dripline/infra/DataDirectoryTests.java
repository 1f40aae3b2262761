package org.dripline.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

class DataDirectoryTests {

  private final DataDirectory dataDirectory = new DataDirectory();

  @Test
  void keepsAnAbsoluteDirectoryAbsolute() {
    // given an absolute data directory
    StandardEnvironment environment = environment(Map.of("dripline.data-dir", "/var/lib/dripline"));

    // when the environment is prepared
    dataDirectory.postProcessEnvironment(environment, new SpringApplication());

    // then H2's path is that directory, not one below the working directory
    assertThat(environment.getProperty("dripline.data-path")).isEqualTo("/var/lib/dripline");
  }

  @Test
  void resolvesARelativeDirectoryAgainstTheWorkingDirectory() {
    // given a relative directory, which H2 would refuse without "./"
    StandardEnvironment environment = environment(Map.of("dripline.data-dir", "target/demo"));

    // when
    dataDirectory.postProcessEnvironment(environment, new SpringApplication());

    // then
    assertThat(environment.getProperty("dripline.data-path"))
        .isEqualTo(Path.of("").toAbsolutePath().resolve("target/demo").toString());
  }

  @Test
  void defaultsToDataInTheWorkingDirectory() {
    StandardEnvironment environment = environment(Map.of());

    dataDirectory.postProcessEnvironment(environment, new SpringApplication());

    assertThat(environment.getProperty("dripline.data-path")).isEqualTo(Path.of("data").toAbsolutePath().toString());
  }

  private static StandardEnvironment environment(Map<String, Object> properties) {
    StandardEnvironment environment = new StandardEnvironment();
    environment.getPropertySources().addFirst(new MapPropertySource("test", properties));
    return environment;
  }
}
