package io.headroom.cli;

import io.headroom.design.CacheSpec;
import io.headroom.design.DesignReader;
import io.headroom.design.OfferedLoad;
import io.headroom.report.LoadPreviewText;
import io.headroom.run.WorkEstimate;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code headroom check DESIGN [--load PROFILE]}: validate without running. */
@Command(name = "check", mixinStandardHelpOptions = true, versionProvider = Headroom.Version.class,
        description = "Check a design (and a load profile against it) without running anything.")
final class CheckCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DESIGN", description = "the design YAML")
    Path design;

    @Option(names = {"-l", "--load"}, paramLabel = "PROFILE", description = "a load profile YAML to check against the design")
    Path load;

    @Override
    public Integer call() throws Exception {
        var d = DesignReader.read(design);
        var w = spec.commandLine().getOut();
        w.println(design + ": ok (" + d.design().components().size() + " component(s): "
                + String.join(", ", d.design().components().keySet()) + "; entry " + d.design().entry() + ")");
        if (load != null) {
            var p = DesignReader.readProfile(load);
            DesignReader.checkCompatible(d, p);
            var profile = p.profile();
            w.println(load + ": ok (" + (profile.k6() != null ? "k6 " + profile.k6().executor() + ", "
                    + io.headroom.yaml.Durations.format(profile.duration()) + ")" : (profile.isClosed()
                    ? "closed model, " + profile.scaledClosed().steps().size() : "open model, " + profile.injection().size())
                    + " step(s), "
                    + io.headroom.yaml.Durations.format(profile.duration()) + ")"));
            WorkEstimate work = WorkEstimate.of(d.design(), profile);
            w.println(work.line(1) + (work.fits(WorkEstimate.DEFAULT_MAX_EVENTS) ? ""
                    : " (beyond the default budget of " + WorkEstimate.count(WorkEstimate.DEFAULT_MAX_EVENTS)
                    + " events: run needs --max-events " + WorkBudget.suggestion(work.totalEvents()) + ")"));
            for (String note : work.notes()) {
                w.println("  (" + note + ")");
            }
            if (profile.isClosed()) {
                w.printf(java.util.Locale.ROOT, "up to %d concurrent users%n", profile.scaledClosed().peakUsers());
                w.flush();
                return Headroom.OK;
            }
            OfferedLoad o = OfferedLoad.of(d.design(), d.baseDir(), p.profile());
            w.println(LoadPreviewText.peakLine(o.peakRatePerS()) + "; at initial sizes, at that peak:");
            for (OfferedLoad.Station s : o.stations()) {
                w.printf(Locale.ROOT, "  %-14s %s requests/s; can serve at most %s/s by its cores and %s/s by its workers:"
                        + " utilisation at the peak %.2f%n", s.component(), LoadPreviewText.rate(s.ratePerS()),
                        capacity(s.cpuCapacity()), capacity(s.workerCapacity()), s.utilisation());
            }
            if (d.design().components().values().stream().anyMatch(c -> c instanceof CacheSpec cache && cache.hitRatio() == null)) {
                w.println("  (a cache without a fixed hit-ratio counts as cold here: every lookup misses)");
            }
            OfferedLoad.Station b = o.bottleneck();
            if (b != null) {
                w.printf(Locale.ROOT, "first bottleneck: %s (by its %s), saturated from %s arrivals/s, %.2f× the peak%s%n",
                        b.component(), b.limit(), LoadPreviewText.rate(o.saturatingRatePerS()), 1 / b.utilisation(),
                        b.utilisation() >= 1 ? " (queues will grow at the peak)" : "");
            }
        }
        w.flush();
        return Headroom.OK;
    }

    private static String capacity(double perS) {
        return Double.isInfinite(perS) ? "unlimited" : LoadPreviewText.rate(perS);
    }
}
