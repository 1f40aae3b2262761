package org.dripline.cli;

import picocli.CommandLine.Command;

/**
 * {@code serve} starts the web server, which the application's main method does before any
 * command line is parsed; this entry exists so that {@code --help} lists and explains it.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
    description = {"Run the web server: tracking, unsubscribe and preference pages, the ops API and console,",
        "and the campaigns' schedules (a campaign's `schedule.run_every`). Stop with Ctrl+C or SIGTERM."})
class ServeCommand implements Runnable {

  @Override
  public void run() {
    // Reached only as `serve --help` (see DriplineApplication): picocli prints the usage.
  }
}
