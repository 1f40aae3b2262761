package org.dripline.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * The jar's arguments split as Spring Boot reads them: a {@code --key.name=value} whose key has a
 * dot is configuration (as in any Spring Boot application: {@code --server.port=0},
 * {@code --management.endpoints.web.exposure.include=health}, {@code --dripline.send.threads=4}),
 * the rest is the command. No command option has a dot in its name, so the split is unambiguous.
 *
 * @param configuration the dotted {@code --key=value} arguments, in order
 * @param command the command and its options, in order
 */
public record CommandArguments(List<String> configuration, List<String> command) {

  public CommandArguments {
    configuration = List.copyOf(configuration);
    command = List.copyOf(command);
  }

  public static CommandArguments of(String... args) {
    List<String> configuration = new ArrayList<>();
    List<String> command = new ArrayList<>();
    for (String arg : args) {
      (isConfiguration(arg) ? configuration : command).add(arg);
    }
    return new CommandArguments(configuration, command);
  }

  static boolean isConfiguration(String arg) {
    return arg.startsWith("--") && key(arg).contains(".");
  }

  /** {@code server.port} for {@code --server.port=0}; a bare {@code --flag.name} is a key too (Boot reads it as empty). */
  static String key(String arg) {
    int equals = arg.indexOf('=');
    return arg.substring(2, equals < 0 ? arg.length() : equals);
  }

  /** The command's first word ({@code run}, {@code --help}), or {@code null} for none (the server). */
  public String first() {
    return command.isEmpty() ? null : command.get(0);
  }

  /** Usage or version was asked for anywhere in the command ({@code run --help} too). */
  public boolean helpRequested() {
    return command.stream().anyMatch(a -> a.equals("--help") || a.equals("-h") || a.equals("--version")
        || a.equals("-V")) || "help".equals(first());
  }

  public String[] commandArray() {
    return command.toArray(String[]::new);
  }

  public List<String> configurationKeys() {
    return configuration.stream().map(CommandArguments::key).toList();
  }
}
