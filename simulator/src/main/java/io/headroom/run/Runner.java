package io.headroom.run;

import io.headroom.ahead.DrawAhead;
import io.headroom.design.Design;
import io.headroom.design.DesignReader;
import io.headroom.engine.Simulation;
import io.headroom.load.LoadProfile;
import io.headroom.metrics.SeriesSink;
import io.headroom.model.Model;
import io.headroom.model.ModelBuilder;
import io.headroom.random.RandomStreams;
import io.headroom.request.Requests;
import io.headroom.slo.ScalingProbe;
import io.headroom.slo.SloMonitor;
import io.headroom.yaml.BadInputException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One replication: builds the run-time model of a design, plays a load profile through it with a
 * given seed, and returns what it measured. A pure function of (design, profile, seed, options):
 * the same inputs give the same {@link RunResult}, bit for bit.
 *
 * <p>The pieces: {@link ModelBuilder} builds the stations and fleets, {@link Workload} the load
 * driver, {@link Replication} runs the clock and tells its observers of the boundaries —
 * {@link MeasuredPeriod} and {@link StabilityCheck} take their snapshots, {@link WindowRecorder}
 * writes the time series — and {@link ResultAssembler} sums it all up.
 */
public final class Runner {
    private final Design design;
    private final LoadProfile profile;
    private final RunOptions options;
    private final Simulation sim = new Simulation();
    private final Requests requests;
    private final Model model;
    private final Workload workload;
    private final Replication replication;
    private final ResultAssembler results;
    private final DrawAhead ahead = DrawAhead.forRun();

    private Runner(Design design, Path baseDir, LoadProfile profile, Path profileBaseDir, long seed, RunOptions options,
                   SeriesSink series) throws BadInputException {
        design = design.withProfileSlos(profile.thresholdSlos()); // k6 thresholds are judged as the design's SLOs are
        this.design = design;
        this.profile = profile;
        this.options = options;
        RandomStreams streams = new RandomStreams(seed);
        sim.limit(options.maxEvents(), options.progress());
        requests = new Requests(1024, options.maxInFlight());
        model = ModelBuilder.build(design, baseDir, profile, streams, sim, requests, ahead);
        workload = Workload.of(design, model, profile, profileBaseDir, streams, sim, requests, ahead);
        long warmupNs = profile.warmup().toNanos();
        long horizonNs = profile.duration().toNanos();
        long windowNs = options.window().toNanos();
        long windowCount = (horizonNs + windowNs - 1) / windowNs;
        series.expectRows(windowCount);
        model.ledger().expectWindows(windowCount);
        WindowRecorder windows = new WindowRecorder(workload.metrics(), model.units(), model.cacheStations(), model.cdnStations(),
                model.ledger(), horizonNs, series, model.cluster(), model.fleets(), model.regional());
        SloMonitor slos = null;
        if (SloMonitor.needed(design.slos())) {
            slos = new SloMonitor(design.slos(), workload.metrics().endpoints(), warmupNs, horizonNs, options.window().toNanos(),
                    windows.columnNames(), probes(model));
            workload.metrics().observe(slos);
            windows.judge(slos);
        }
        RolloutWatch rollouts = null;
        List<io.headroom.fleet.Fleet> deploying = new ArrayList<>();
        model.fleets().forEach((name, fleet) -> {
            if (fleet.deploys()) {
                deploying.add(fleet);
            }
        });
        if (!deploying.isEmpty()) {
            rollouts = new RolloutWatch(deploying, slos);
            workload.metrics().observe(rollouts);
        }
        MeasuredPeriod period = new MeasuredPeriod(model.stations());
        SelfChecks checks = new SelfChecks(requests, workload.driver(), model.units());
        StabilityCheck stability = new StabilityCheck(model.stations());
        // at the horizon the bill closes first, then the snapshots, and only then does injection stop
        replication = new Replication(sim, warmupNs, horizonNs, options.window().toNanos(),
                ReplicationObserver.atHorizon(model::stopBilling), period, checks, stability, windows,
                ReplicationObserver.atHorizon(workload.driver()::injectionOver));
        results = new ResultAssembler(new ResultAssembler.Run(design, profile, seed, options), model,
                new ResultAssembler.Measures(sim, requests, workload.metrics(), workload.reported(), workload.driver(), period,
                        stability, checks, slos, rollouts));
    }

    /** What each autoscaled fleet is doing, for an incident's attribution. */
    private static List<ScalingProbe> probes(Model model) {
        List<ScalingProbe> probes = new ArrayList<>();
        model.fleets().forEach((name, fleet) -> {
            if (fleet.autoscaled()) {
                probes.add(new FleetProbe(name, fleet));
            }
        });
        return probes;
    }

    /** Runs a design read by {@link DesignReader} against a profile. */
    public static RunResult run(DesignReader.Loaded design, DesignReader.LoadedProfile profile, long seed, RunOptions options,
                                SeriesSink series) throws BadInputException {
        DesignReader.checkCompatible(design, profile);
        return new Runner(design.design(), design.baseDir(), profile.profile(), profile.baseDir(), seed, options, series).execute();
    }

    /** Runs a design against a profile, each with the folder its relative file names are resolved against. */
    public static RunResult run(Design design, Path designDir, LoadProfile profile, Path profileDir, long seed, RunOptions options,
                                SeriesSink series) throws BadInputException {
        return new Runner(design, designDir, profile, profileDir, seed, options, series).execute();
    }

    /** Runs a design against a profile; {@code baseDir} resolves sample files named in the design. */
    public static RunResult run(Design design, Path baseDir, LoadProfile profile, long seed, RunOptions options,
                                SeriesSink series) throws BadInputException {
        return new Runner(design, baseDir, profile, baseDir, seed, options, series).execute();
    }

    /** Runs with a bug planted in the load driver ({@link LoadDriver#plant}): the self-checks' own tests. */
    static RunResult runWithPlantedBug(Design design, Path baseDir, LoadProfile profile, long seed, RunOptions options,
                                       SeriesSink series, int bug) throws BadInputException {
        Runner runner = new Runner(design, baseDir, profile, baseDir, seed, options, series);
        runner.workload.driver().plant(bug);
        return runner.execute();
    }

    private RunResult execute() {
        replication.scheduleBoundaries();
        model.start(design.network());
        workload.driver().start();
        long limit = profile.duration().toNanos() + options.drainLimit().toNanos();
        try {
            ahead.start();
            return results.assemble(replication.run(limit, requests));
        } finally {
            ahead.close();
        }
    }
}
