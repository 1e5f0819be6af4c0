package io.headroom.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code headroom import ...}: models from what a running system recorded (for now, {@code traces}). */
@Command(name = "import", mixinStandardHelpOptions = true, versionProvider = Headroom.Version.class,
        description = "Build a design and a load profile from what a running system recorded.",
        subcommands = {ImportTracesCommand.class})
final class ImportCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a subcommand: traces (see headroom import --help)");
    }
}
