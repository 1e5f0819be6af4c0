package io.headroom.cli;

import picocli.CommandLine;

/** The {@code --threads} of every command that runs in parallel: all cores unless given, and at least 1. */
final class ThreadCount {
    private ThreadCount() {
    }

    /** {@code threads}, or the machine's cores when it is not given; 0 or fewer is refused. */
    static int of(CommandLine cl, Integer threads) {
        if (threads == null) {
            return Runtime.getRuntime().availableProcessors();
        }
        if (threads < 1) {
            throw new CommandLine.ParameterException(cl, "--threads must be at least 1");
        }
        return threads;
    }
}
