package io.headroom.cli;

import io.headroom.design.DesignReader;
import java.nio.file.Path;
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
            w.println(load + ": ok (" + (profile.isClosed() ? "closed model, " + profile.scaledClosed().steps().size()
                    : "open model, " + profile.injection().size()) + " step(s), "
                    + io.headroom.yaml.Durations.format(profile.duration()) + ")");
            if (profile.isClosed()) {
                w.printf(java.util.Locale.ROOT, "up to %d concurrent users%n", profile.scaledClosed().peakUsers());
                w.flush();
                return Headroom.OK;
            }
            var o = io.headroom.design.OfferedLoad.of(d.design(), d.baseDir(), p.profile());
            w.printf(java.util.Locale.ROOT, "peak offered load %.1f requests/s; %s can serve at most %.1f/s by its cores and %.1f/s"
                    + " by its workers: utilisation at the peak %.2f%s%n", o.peakRatePerS(), o.component(), o.cpuCapacity(),
                    o.workerCapacity(), o.peakUtilisation(), o.peakUtilisation() >= 1 ? " (queues will grow at the peak)" : "");
        }
        w.flush();
        return Headroom.OK;
    }
}
