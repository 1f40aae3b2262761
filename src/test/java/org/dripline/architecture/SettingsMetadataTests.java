package org.dripline.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.AnnotatedBeanDefinition;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.util.ClassUtils;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every key of every settings record is in the metadata Spring Boot's configuration processor
 * writes at compile time, with the description taken from the record's {@code @param} line: that is
 * what IDEs complete and explain in {@code application.properties}.
 */
class SettingsMetadataTests {

  static final Path METADATA = Path.of("target", "classes", "META-INF", "spring-configuration-metadata.json");

  @Test
  void everyKeyOfEverySettingsRecordIsDescribedInTheMetadata() throws Exception {
    // given the keys the settings records bind
    List<String> keys = new ArrayList<>();
    for (Class<?> settings : settingsRecords()) {
      String prefix = settings.getAnnotation(ConfigurationProperties.class).value();
      keys.addAll(keys(prefix, settings, settings));
    }
    assertThat(keys).contains("dripline.enrollment.range", "dripline.render.timeout", "dripline.console.password");

    // when the generated metadata is read
    Map<String, String> described = descriptions();

    // then each key is there with a description
    assertThat(described).containsKeys(keys.toArray(String[]::new));
    keys.forEach(key -> assertThat(described.get(key)).as(key).isNotBlank());
  }

  @Test
  void everyDriplineKeyInTheMetadataHasADescription() throws Exception {
    // given the metadata, including the hand-written part for keys no record binds
    Map<String, String> described = descriptions();

    // then none of Dripline's keys lacks a description
    assertThat(described).containsKeys("dripline.schedule.tick", "dripline.schedule.enabled");
    described.forEach((key, description) -> assertThat(description).as(key).isNotBlank());
  }

  @Test
  void settingsAreRecordsNamedSettings() throws Exception {
    // given every class bound with @ConfigurationProperties / then each is a record called <Feature>Settings
    for (Class<?> settings : settingsRecords()) {
      assertThat(settings.isRecord()).as(settings.getName()).isTrue();
      assertThat(settings.getSimpleName()).as(settings.getName()).endsWith("Settings");
    }
  }

  /** What {@code @ConfigurationPropertiesScan} on the application finds. */
  static List<Class<?>> settingsRecords() throws ClassNotFoundException {
    ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false) {
      @Override
      protected boolean isCandidateComponent(AnnotatedBeanDefinition definition) {
        return true;
      }
    };
    scanner.addIncludeFilter(new AnnotationTypeFilter(ConfigurationProperties.class));
    List<Class<?>> found = new ArrayList<>();
    for (var definition : scanner.findCandidateComponents("org.dripline")) {
      found.add(ClassUtils.forName(definition.getBeanClassName(), SettingsMetadataTests.class.getClassLoader()));
    }
    assertThat(found).isNotEmpty();
    return found;
  }

  /** The keys a record binds, descending into its nested records as the binder and the processor do. */
  static List<String> keys(String prefix, Class<?> type, Class<?> settings) throws NoSuchFieldException {
    List<String> keys = new ArrayList<>();
    for (RecordComponent component : type.getRecordComponents()) {
      String key = prefix + "." + component.getName().replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase();
      Class<?> componentType = component.getType();
      boolean nested = componentType.isRecord() && (componentType.getEnclosingClass() == settings
          || type.getDeclaredField(component.getName()).isAnnotationPresent(NestedConfigurationProperty.class)
          || component.isAnnotationPresent(NestedConfigurationProperty.class));
      keys.addAll(nested ? keys(key, componentType, settings) : List.of(key));
    }
    return keys;
  }

  static Map<String, String> descriptions() throws IOException {
    assertThat(METADATA).as("compile first: mvn -o -q compile").exists();
    JsonNode metadata = JsonMapper.builder().build().readTree(METADATA.toFile());
    Map<String, String> described = new HashMap<>();
    for (JsonNode property : metadata.get("properties")) {
      String name = property.get("name").asString();
      if (name.startsWith("dripline.")) {
        described.put(name, property.has("description") ? property.get("description").asString() : "");
      }
    }
    return described;
  }
}
