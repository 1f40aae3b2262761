package org.dripline.lists;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the list definitions are.
 *
 * @param dir directory of the list files, one {@code <id>.yaml} each, relative to the working directory or
 *            absolute (next to {@code campaigns/}, kept in git and reviewed like campaigns)
 */
@ConfigurationProperties("dripline.lists")
public record ListsSettings(@DefaultValue("lists") Path dir) {
}
