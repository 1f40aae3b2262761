package org.dripline.cli;

import java.util.concurrent.Callable;
import org.dripline.run.RunControl;
import org.dripline.run.RunView;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "stop", mixinStandardHelpOptions = true,
    description = {"Ask a running run to stop, in this or another process: messages in flight finish and are recorded,",
        "nothing new is claimed, and the run ends STOPPED; `restart ID` continues it."})
class StopCommand implements Callable<Integer> {

  private final RunControl control;

  @Parameters(paramLabel = "ID", description = "the run's id (see `jobs`)")
  long id;

  @Spec
  CommandLine.Model.CommandSpec spec;

  StopCommand(RunControl control) {
    this.control = control;
  }

  @Override
  public Integer call() {
    RunView run = control.stop(id);
    spec.commandLine().getOut().println("stop requested for run " + run.id() + " (" + run.campaign() + " at "
        + run.asOf() + "): " + run.status() + "; it stops after the messages in flight");
    return CliRunner.OK;
  }
}
