package org.dripline.infra;

import java.nio.file.Path;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * {@code dripline.data-dir} as H2 needs it in its URL: H2 refuses a path that is implicitly relative
 * ("data/x"), and the URL used to prefix "./", which turned an absolute directory into a relative
 * one. Resolved once against the working directory into {@code dripline.data-path}. Read here, before
 * the context exists, because the datasource URL needs it; bound to {@link InfraSettings} all the
 * same, so the default and the blank handling are the record's.
 */
public final class DataDirectory implements EnvironmentPostProcessor {

  static final String PROPERTY = "dripline.data-path";

  @Override
  public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
    String dir = Binder.get(environment).bindOrCreate("dripline", InfraSettings.class).dataDir();
    environment.getPropertySources().addLast(new MapPropertySource("driplineDataDirectory",
        Map.of(PROPERTY, resolve(dir))));
  }

  static String resolve(String dir) {
    return Path.of(dir).toAbsolutePath().normalize().toString();
  }
}
