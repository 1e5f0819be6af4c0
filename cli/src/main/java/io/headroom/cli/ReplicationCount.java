package io.headroom.cli;

import io.headroom.yaml.Limits;
import picocli.CommandLine;

/** The {@code --replications} of every command, bounded as a study's {@code replications:} key is ({@link Limits#REPLICATIONS}). */
final class ReplicationCount {
    private ReplicationCount() {
    }

    /** Refuses more replications than a run keeps results for. */
    static int bounded(CommandLine cl, int n) {
        String tooMany = io.headroom.experiment.Replications.tooMany(n);
        if (tooMany != null) {
            throw new CommandLine.ParameterException(cl, tooMany);
        }
        return n;
    }
}
