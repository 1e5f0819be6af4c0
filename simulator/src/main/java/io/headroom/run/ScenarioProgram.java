package io.headroom.run;

import io.headroom.dist.DistributionSpec;
import io.headroom.dist.DurationSampler;
import io.headroom.load.scenario.ScenarioStep;
import io.headroom.random.RandomStreams;
import io.headroom.yaml.BadInputException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A scenario compiled into a flat list of instructions that users step through, so a user's whole
 * state is a program counter and one counter per {@code repeat}: requests, pauses, loop heads and
 * loop ends. Nested repeats get counters of their own.
 */
final class ScenarioProgram {
    static final int REQUEST = 0;
    static final int PAUSE = 1;
    static final int REPEAT = 2;
    static final int END_REPEAT = 3;
    static final int END = 4;

    /** A REQUEST operand meaning "draw the endpoint from the mix". */
    static final int FROM_MIX = -1;

    /** Turns a scenario's (endpoint, component) into the run's endpoint number. */
    interface Resolver {
        int endpoint(String endpoint, String component);
    }

    final int[] op;
    /** REQUEST: endpoint (or FROM_MIX); PAUSE: sampler; REPEAT and END_REPEAT: counter slot. */
    final int[] a;
    /** REPEAT: times; END_REPEAT: first instruction of the body. */
    final int[] b;
    /** REQUEST: probability of sending it. */
    final double[] p;
    final DurationSampler[] pauses;
    final int counters;

    private ScenarioProgram(List<int[]> code, List<Double> probabilities, List<DurationSampler> pauses, int counters) {
        int n = code.size();
        op = new int[n];
        a = new int[n];
        b = new int[n];
        p = new double[n];
        for (int i = 0; i < n; i++) {
            op[i] = code.get(i)[0];
            a[i] = code.get(i)[1];
            b[i] = code.get(i)[2];
            p[i] = probabilities.get(i);
        }
        this.pauses = pauses.toArray(DurationSampler[]::new);
        this.counters = counters;
    }

    /** One request from the mix: the user of a profile without a scenario. */
    static ScenarioProgram oneRequest(DistributionSpec think, RandomStreams streams, Path baseDir) throws BadInputException {
        List<int[]> code = new ArrayList<>();
        List<Double> prob = new ArrayList<>();
        List<DurationSampler> pauses = new ArrayList<>();
        code.add(new int[] {REQUEST, FROM_MIX, 0});
        prob.add(1.0);
        if (think != null) {
            pauses.add(think.sampler(streams.stream("load:think"), baseDir));
            code.add(new int[] {PAUSE, 0, 0});
            prob.add(1.0);
        }
        code.add(new int[] {END, 0, 0});
        prob.add(1.0);
        return new ScenarioProgram(code, prob, pauses, 0);
    }

    static ScenarioProgram compile(List<ScenarioStep> steps, Resolver resolver, RandomStreams streams, Path baseDir)
            throws BadInputException {
        Compiler c = new Compiler(resolver, streams, baseDir);
        c.emit(steps);
        c.code.add(new int[] {END, 0, 0});
        c.prob.add(1.0);
        return new ScenarioProgram(c.code, c.prob, c.pauses, c.counters);
    }

    /** True for the plain "one request from the mix, then done": users need no state at all. */
    boolean isSingleMixRequest() {
        return op.length == 2 && op[0] == REQUEST && a[0] == FROM_MIX && p[0] == 1.0;
    }

    private static final class Compiler {
        final Resolver resolver;
        final RandomStreams streams;
        final Path baseDir;
        final List<int[]> code = new ArrayList<>();
        final List<Double> prob = new ArrayList<>();
        final List<DurationSampler> pauses = new ArrayList<>();
        int counters;

        Compiler(Resolver resolver, RandomStreams streams, Path baseDir) {
            this.resolver = resolver;
            this.streams = streams;
            this.baseDir = baseDir;
        }

        void emit(List<ScenarioStep> steps) throws BadInputException {
            for (ScenarioStep s : steps) {
                if (s instanceof ScenarioStep.Request r) {
                    code.add(new int[] {REQUEST, resolver.endpoint(r.endpoint(), r.to()), 0});
                    prob.add(r.p());
                } else if (s instanceof ScenarioStep.Pause pause) {
                    // each pause has its own stream, so editing one pause does not shift another's samples
                    pauses.add(pause.pause().sampler(streams.stream("load:scenario:pause:" + pauses.size()), baseDir));
                    code.add(new int[] {PAUSE, pauses.size() - 1, 0});
                    prob.add(1.0);
                } else if (s instanceof ScenarioStep.Repeat rep) {
                    int slot = counters++;
                    code.add(new int[] {REPEAT, slot, rep.repeat()});
                    prob.add(1.0);
                    int body = code.size();
                    emit(rep.body());
                    code.add(new int[] {END_REPEAT, slot, body});
                    prob.add(1.0);
                }
            }
        }
    }
}
