package io.headroom.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code headroom load ...}: commands about load profiles on their own (for now, {@code preview}). */
@Command(name = "load", mixinStandardHelpOptions = true, versionProvider = Headroom.Version.class,
        description = "Work with a load profile on its own.",
        subcommands = {LoadPreviewCommand.class})
final class LoadCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a subcommand: preview (see headroom load --help)");
    }
}
