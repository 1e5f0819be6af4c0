package io.headroom.cli;

import io.headroom.report.RunReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code headroom report DIR}: renders report.html, report.md and the charts again from a results folder. */
@Command(name = "report", mixinStandardHelpOptions = true, versionProvider = Headroom.Version.class,
        description = "Render report.html, report.md and the chart PNGs of a run from its results folder "
                + "(summary.json and timeseries.csv), into the same folder.")
final class ReportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "a results folder of headroom run (its --out)")
    Path dir;

    @Override
    public Integer call() throws Exception {
        var err = spec.commandLine().getErr();
        if (!Files.isDirectory(dir)) {
            err.println("headroom report: " + dir + ": no such folder (name the --out folder of a headroom run)");
            err.flush();
            return Headroom.BAD_INPUT;
        }
        for (String f : new String[] {RunReport.SUMMARY, RunReport.TIMESERIES}) {
            if (!Files.isRegularFile(dir.resolve(f))) {
                err.println("headroom report: " + dir + " lacks " + f + " (a results folder holds the summary.json and "
                        + "timeseries.csv that headroom run writes)");
                err.flush();
                return Headroom.BAD_INPUT;
            }
        }
        io.headroom.report.AtomicFiles.sweep(dir);
        try {
            RunReport.write(dir);
        } catch (RunReport.BadResults e) {
            err.println("headroom report: " + e.getMessage());
            err.flush();
            return Headroom.BAD_INPUT;
        }
        var out = spec.commandLine().getOut();
        out.println("wrote " + dir.resolve(RunReport.HTML) + ", " + dir.resolve(RunReport.MARKDOWN) + " and "
                + String.join(", ", RunReport.CHARTS));
        out.flush();
        return Headroom.OK;
    }
}
