package org.dripline.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The configuration keys Spring Boot and Dripline document: every jar's configuration metadata (the
 * file IDEs read for completion). A key found nowhere is most likely a typo, so the command line
 * warns about it; it still reaches the environment, as Spring Boot would pass it on, because a
 * library may read keys it does not document.
 */
final class KnownProperties {

  private static final List<String> METADATA = List.of("META-INF/spring-configuration-metadata.json",
      "META-INF/additional-spring-configuration-metadata.json");

  private final Set<String> names;
  /** Map-typed properties ({@code logging.level}, {@code dripline.tracking.keys}): any key below them is theirs. */
  private final List<String> mapPrefixes;

  private KnownProperties(Set<String> names, List<String> mapPrefixes) {
    this.names = names;
    this.mapPrefixes = mapPrefixes;
  }

  static KnownProperties fromClasspath(ClassLoader loader) {
    Set<String> names = new HashSet<>();
    List<String> mapPrefixes = new ArrayList<>();
    JsonMapper json = JsonMapper.builder().build();
    try {
      for (String resource : METADATA) {
        for (URL url : Collections.list(loader.getResources(resource))) {
          try (InputStream in = url.openStream()) {
            for (JsonNode property : json.readTree(in).path("properties")) {
              String name = canonical(property.path("name").asString(""));
              names.add(name);
              if (property.path("type").asString("").startsWith("java.util.Map")) {
                mapPrefixes.add(name + ".");
              }
            }
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new KnownProperties(names, mapPrefixes);
  }

  boolean knows(String key) {
    String canonical = canonical(key);
    return names.contains(canonical) || mapPrefixes.stream().anyMatch(canonical::startsWith);
  }

  /**
   * Spring's relaxed binding: {@code spring.datasource.maximumPoolSize},
   * {@code spring.datasource.maximum-pool-size} and {@code spring.datasource.maximum_pool_size} are
   * one key; list indexes ({@code [0]}) do not change which property it is.
   */
  static String canonical(String key) {
    return key.replaceAll("\\[[^]]*]", "").replace("-", "").replace("_", "").toLowerCase(Locale.ROOT);
  }
}
