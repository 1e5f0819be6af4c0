package io.headroom.cli;

import io.headroom.design.DesignReader;
import io.headroom.load.LoadProfile;
import io.headroom.report.AtomicFiles;
import io.headroom.report.LoadPreview;
import io.headroom.report.LoadPreviewChart;
import io.headroom.report.LoadPreviewCsv;
import io.headroom.report.LoadPreviewText;
import io.headroom.yaml.Durations;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code headroom load preview PROFILE [--out DIR] [--seed N] [--window DURATION]}: a profile's arrivals over
 * time, before running it. Arrivals are drawn as a run with the same seed draws them and counted per window as
 * they stream (a day of load is never held in memory).
 */
@Command(name = "preview", mixinStandardHelpOptions = true, versionProvider = Headroom.Version.class,
        description = {"Show a load profile over time before running it: its arrivals per window (an open profile)"
                + " or its target number of concurrent users (a closed one).",
            "With --out, also write preview.csv and preview.png (a chart) into DIR."})
final class LoadPreviewCommand implements Callable<Integer> {
    static final String CSV = "preview.csv";
    static final String PNG = "preview.png";

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "PROFILE", description = "the load profile YAML")
    Path profile;

    @Option(names = {"-o", "--out"}, paramLabel = "DIR",
            description = "write " + CSV + " and " + PNG + " into DIR (created only when the preview succeeds)")
    Path out;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "N", description = "random seed (default: ${DEFAULT-VALUE}); a run with the same seed draws the same arrivals")
    long seed;

    @Option(names = "--window", paramLabel = "DURATION",
            description = "window over which arrivals are counted (default: the profile's length / 200, rounded up to"
                    + " 1, 2, 5, 10, 15, 20 or 30 s, 1, 2, 5, 10, 15, 20 or 30 min, 1, 2, 3, 6 or 12 h, or whole days; at least 1s)")
    String window;

    @Override
    public Integer call() throws Exception {
        LoadProfile p = DesignReader.readProfile(profile).profile();
        Duration w = window(p);
        Path csvFile = null;
        Path pngFile = null;
        if (out != null) {
            csvFile = out.resolve(CSV);
            pngFile = out.resolve(PNG);
            checkWritable(csvFile, pngFile);
        }
        LoadPreview preview = LoadPreview.of(p, seed, w);
        if (out != null) {
            Path stagedCsv = LoadPreviewCsv.stage(csvFile, preview);
            Path stagedPng;
            try {
                stagedPng = LoadPreviewChart.stage(pngFile, preview);
            } catch (java.io.IOException | RuntimeException e) {
                Files.deleteIfExists(stagedCsv);
                throw e;
            }
            AtomicFiles.commit(stagedCsv, csvFile);
            AtomicFiles.commit(stagedPng, pngFile);
        }
        var o = spec.commandLine().getOut();
        o.print(LoadPreviewText.render(preview));
        if (out != null) {
            o.println("  wrote " + csvFile + " and " + pngFile);
        }
        o.flush();
        return Headroom.OK;
    }

    private Duration window(LoadProfile p) {
        if (window == null) {
            return LoadPreview.defaultWindow(p.duration());
        }
        Duration w;
        try {
            w = Durations.parse(window);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--window: " + e.getMessage());
        }
        if (w.isZero()) {
            throw new ParameterException(spec.commandLine(), "--window: must be longer than 0s");
        }
        long n = LoadPreview.windowCount(p.duration(), w);
        if (n > LoadPreview.MAX_WINDOWS) {
            throw new ParameterException(spec.commandLine(), String.format(java.util.Locale.ROOT,
                    "--window: %s makes %,d windows over the profile's %s; the most is %,d (the default would be %s)",
                    window.trim(), n, Durations.format(p.duration()), LoadPreview.MAX_WINDOWS,
                    Durations.format(LoadPreview.defaultWindow(p.duration()))));
        }
        return w;
    }

    /** Refuses, before any work, an output place that cannot take the files. */
    private void checkWritable(Path... files) {
        OutputPlace.folder(spec.commandLine(), out);
        for (Path f : files) {
            if (Files.isDirectory(f)) {
                throw new ParameterException(spec.commandLine(), "--out: " + f + " is a folder; it would be overwritten by a file");
            }
        }
    }
}
