package io.headroom.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.headroom.design.DesignReader;
import io.headroom.experiment.CapacitySearch;
import io.headroom.experiment.Replications;
import io.headroom.experiment.SweepRow;
import io.headroom.report.AtomicFiles;
import io.headroom.report.CapacityReport;
import io.headroom.report.TransientSummary;
import io.headroom.result.Summary;
import io.headroom.result.SummaryCodec;
import io.headroom.run.RunOptions;
import io.headroom.run.WorkEstimate;
import io.headroom.design.Slo;
import io.headroom.study.StudyReader;
import io.headroom.study.TreePatch;
import io.headroom.yaml.YamlDocument;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code headroom capacity DESIGN --load PROFILE}: how much more load the design carries within its SLOs. */
@Command(name = "capacity", mixinStandardHelpOptions = true, versionProvider = Headroom.Version.class,
        description = {"Find, by bisection on the profile's scale with common random numbers, the highest load the design carries "
                + "within its SLOs, and its headroom today (capacity / today's load).",
            "With --knob PATH --values a,b,c: the cheapest value of that design path that meets the SLOs at today's load, and its capacity."})
final class CapacityCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DESIGN", description = "the design YAML")
    Path design;

    @Option(names = {"-l", "--load"}, required = true, paramLabel = "PROFILE", description = "the load profile: scale 1 is today's load")
    Path load;

    @Option(names = "--slo", paramLabel = "EXPR", description = "an SLO to hold (repeatable; default: the design's slos)")
    List<String> slos = new ArrayList<>();

    @Option(names = "--replications", defaultValue = "3", paramLabel = "N",
            description = "replications per probe, SLOs judged on their mean (default: ${DEFAULT-VALUE})")
    int replications;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "N", description = "base seed, the same at every probe (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--tolerance", defaultValue = "0.02", paramLabel = "FRACTION",
            description = "stop when the bracket is this fraction of the capacity (default: ${DEFAULT-VALUE})")
    double tolerance;

    @Option(names = "--max-scale", defaultValue = "64", paramLabel = "X", description = "search no higher than this scale (default: ${DEFAULT-VALUE})")
    double maxScale;

    @Option(names = "--knob", paramLabel = "PATH", description = "a design path to choose a value for, e.g. components.api.replicas")
    String knob;

    @Option(names = "--values", split = ",", paramLabel = "V", description = "the knob's values to try, comma-separated")
    List<String> values = new ArrayList<>();

    @Option(names = "--threads", paramLabel = "N", description = "replications in parallel (default: all cores)")
    Integer threads;

    @Option(names = {"-o", "--out"}, paramLabel = "DIR", description = "write capacity.json here")
    Path out;

    @Option(names = "--fail-on-slo", description = "exit with status 3 when the SLOs are missed at today's load (scale 1.0)")
    boolean failOnSlo;

    @picocli.CommandLine.Mixin
    WorkBudget budget = new WorkBudget();

    @Override
    public Integer call() throws Exception {
        CommandLine cl = spec.commandLine();
        if (replications < 1 || !(tolerance > 0) || !(maxScale >= 1)) {
            throw new CommandLine.ParameterException(cl, "--replications must be at least 1, --tolerance positive, --max-scale at least 1");
        }
        ReplicationCount.bounded(cl, replications);
        if (out != null) {
            OutputPlace.folder(cl, out);
        }
        if ((knob == null) != values.isEmpty()) {
            throw new CommandLine.ParameterException(cl, "--knob and --values go together");
        }
        for (String s : slos) {
            try {
                Slo.parse(s);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(cl, "--slo: " + e.getMessage());
            }
        }
        YamlDocument doc = YamlDocument.read(design);
        if (!slos.isEmpty()) {
            ObjectNode root = (ObjectNode) doc.root().deepCopy();
            ArrayNode a = root.putArray("slos");
            slos.forEach(a::add);
            doc = doc.patched(root, Map.of("slos", new YamlDocument.Origin("--slo", io.headroom.yaml.Mark.UNKNOWN, " (from --slo)")));
        }
        DesignReader.Loaded base = DesignReader.read(doc);
        DesignReader.LoadedProfile profile = DesignReader.readProfile(load);
        DesignReader.checkCompatible(base, profile);
        if (base.design().slos().isEmpty()) {
            throw new CommandLine.ParameterException(cl, design + " has no slos: give the objectives to hold with --slo, e.g. --slo \"p99 < 250ms\"");
        }
        int nThreads = ThreadCount.of(cl, threads);
        WorkEstimate oneRun = WorkEstimate.of(base.design(), profile.profile());
        double today = oneRun.requests();
        if (!(today >= 1)) {
            // scaling nothing finds nothing: the bisection would end at its lowest scale, "missed even at 0.001×"
            throw new CommandLine.ParameterException(cl, "--load: " + load + " brings no load to scale ("
                    + String.format(Locale.ROOT, "%.3g", today) + " requests expected); capacity needs a profile that sends requests");
        }
        WorkEstimate work = oneRun.times((long) replications * (values.size() + 1))
                .noting("at least: each --values value and the search's first probe at today's load; the search's later probes,"
                        + " at other scales, come on top");
        if (!budget.allows(work, nThreads, cl.getErr())) {
            return Headroom.BAD_INPUT;
        }
        PrintWriter w = cl.getOut();
        ObjectNode result = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        result.put("schema_version", 1);
        result.put("design", base.design().name());
        result.put("profile", profile.profile().name());
        ArrayNode sl = result.putArray("slos");
        base.design().slos().forEach(x -> sl.add(x.label()));
        result.put("replications", replications);
        result.put("seed", seed);
        result.put("tolerance", tolerance);

        DesignReader.Loaded chosen = base;
        JsonNode chosenValue = null;
        if (knob != null) {
            YAMLMapper yaml = new YAMLMapper();
            ObjectNode k = result.putObject("knob");
            k.put("path", knob);
            ArrayNode tried = k.putArray("values");
            List<JsonNode> knobValues = new ArrayList<>();
            List<DesignReader.Loaded> designs = new ArrayList<>();
            for (String v : values) {
                JsonNode value;
                try {
                    value = yaml.readTree(v.trim());
                } catch (JsonProcessingException e) {
                    throw new CommandLine.ParameterException(cl, "--values: '" + v + "' is not a YAML value: " + e.getOriginalMessage());
                }
                DesignReader.Loaded d;
                try {
                    d = StudyReader.withValue(doc, knob, value, "--knob " + knob);
                } catch (TreePatch.PathException e) {
                    throw new CommandLine.ParameterException(cl, "--knob: cannot set " + knob + " in " + design + ": " + e.getMessage());
                }
                DesignReader.checkCompatible(d, profile);
                knobValues.add(value);
                designs.add(d);
            }
            String cost = null;
            Double best = null;
            for (int i = 0; i < designs.size(); i++) {
                JsonNode value = knobValues.get(i);
                DesignReader.Loaded d = designs.get(i);
                Summary summary = evaluate(d, profile, 1.0, nThreads);
                Map<String, Double> m = SweepRow.metrics(summary);
                String key = m.containsKey("cost_total_usd") && !m.get("cost_total_usd").isNaN() ? "cost_total_usd" : "instance_hours";
                cost = cost == null ? key : cost;
                boolean meets = meets(summary);
                ObjectNode o = tried.addObject();
                o.set("value", value);
                o.put("meets_slos", meets);
                o.put(key, m.get(key));
                o.put("p99_ms", m.get("p99_ms"));
                w.printf(Locale.ROOT, "  %s = %-10s %-15s %s %.3f  p99 %.2f ms%n", knob, StudyReader.text(value),
                        meets ? "meets the SLOs" : "misses an SLO",
                        key, m.get(key), m.get("p99_ms"));
                if (meets && (best == null || m.get(key) < best)) {
                    best = m.get(key);
                    chosen = d;
                    chosenValue = value;
                    k.set("cheapest_meeting_slos", value);
                }
            }
            if (best == null) {
                k.putNull("cheapest_meeting_slos");
                w.println("no value of " + knob + " meets the SLOs at today's load");
                write(result, w);
                return sloExit(false, cl);
            }
            k.put("judged_by", cost);
            w.println("cheapest " + knob + " that meets the SLOs at today's load: " + StudyReader.text(chosenValue));
        }
        DesignReader.Loaded target = chosen;
        ArrayNode probes = result.putArray("probes");
        List<CapacityReport.Probe> made = new ArrayList<>();
        CapacitySearch.Result r = CapacitySearch.search(scale -> {
            Summary s = evaluate(target, profile, scale, nThreads);
            made.add(new CapacityReport.Probe(scale, meets(s), s.slo(), s.unstable(), CapacityReport.loads(s)));
            ObjectNode p = probes.addObject();
            p.put("scale", scale);
            boolean ok = meets(s);
            p.put("meets_slos", ok);
            p.set("slo", SummaryCodec.slo(s.slo()));
            ArrayNode unstable = p.putArray("unstable");
            s.unstable().forEach(unstable::add);
            return ok;
        }, tolerance, maxScale);
        result.put("capacity_scale", r.capacity());
        if (Double.isInfinite(r.failing())) {
            result.putNull("failing_scale");
        } else {
            result.put("failing_scale", r.failing());
        }
        result.put("capacity_pct_of_today", Math.round(r.capacity() * 1000) / 10.0);
        result.put("headroom_pct", Math.round((r.capacity() - 1) * 1000) / 10.0);
        result.put("meets_today", r.meetsToday());
        String within = String.join(", ", base.design().slos().stream().map(io.headroom.design.SloSpec::label).toList());
        String name = knob == null ? target.design().name()
                : target.design().name() + " with " + knob + " = " + StudyReader.text(chosenValue);
        String verdict;
        if (r.capacity() == 0) {
            verdict = String.format(Locale.ROOT, "%s under %s misses its SLOs (%s) even at %.4f× today's load", name,
                    profile.profile().name(), within, CapacitySearch.MIN_SCALE);
        } else if (Double.isInfinite(r.failing())) {
            verdict = String.format(Locale.ROOT, "%s under %s carries at least %.2f× today's load within its SLOs (%s): the search stopped at --max-scale",
                    name, profile.profile().name(), r.capacity(), within);
        } else {
            verdict = String.format(Locale.ROOT, "%s under %s carries %.3f× today's load within its SLOs (%s), and not %.3f×: %.1f %% of today, %s",
                    name, profile.profile().name(), r.capacity(), within, r.failing(), r.capacity() * 100,
                    r.meetsToday() ? String.format(Locale.ROOT, "%.1f %% headroom", (r.capacity() - 1) * 100)
                            : "it misses them today: no headroom");
        }
        w.println(verdict);
        CapacityReport.Search search = new CapacityReport.Search(name + " under " + profile.profile().name(), verdict,
                base.design().slos().stream().map(io.headroom.design.SloSpec::label).toList(), replications, seed, r.capacity(), made);
        CapacityReport.Probe at = search.atCapacity();
        if (at != null && at.busiest() != null) {
            ObjectNode bn = result.putObject("bottleneck");
            bn.put("component", at.busiest().component());
            bn.put("scale", at.scale());
            bn.put("utilisation", at.busiest().utilisation());
            bn.put("cpu", at.busiest().cpu());
        }
        List<String> warnings = CapacityReport.monotonyWarnings(made);
        ArrayNode wn = result.putArray("warnings");
        warnings.forEach(wn::add);
        StringBuilder b = new StringBuilder("  probes (scale: verdict):");
        for (CapacitySearch.Step s : r.steps()) {
            b.append(String.format(Locale.ROOT, " %.4g %s", s.scale(), s.meets() ? "met" : "MISSED")).append(',');
        }
        w.println(b.substring(0, b.length() - 1));
        w.println("  " + CapacityReport.bottleneck(search));
        for (String warning : warnings) {
            w.println("  WARNING: " + warning);
        }
        write(result, w);
        if (out != null) {
            List<Path> files = CapacityReport.write(out, search);
            w.println("  report " + files.get(1) + " and " + files.get(0));
            w.flush();
        }
        return sloExit(r.meetsToday(), cl);
    }

    private void write(ObjectNode result, PrintWriter w) throws java.io.IOException {
        if (out != null) {
            Path f = out.resolve("capacity.json");
            AtomicFiles.write(f, new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(result) + "\n");
            w.println("  wrote " + f);
        }
        w.flush();
    }

    /** The design at {@code scale} × today's load: its replications' summary. */
    private Summary evaluate(DesignReader.Loaded d, DesignReader.LoadedProfile p, double scale, int nThreads) throws Exception {
        var scaled = p.profile().withScale(p.profile().scale() * scale);
        var runs = Replications.runWatched(d.design(), d.baseDir(), scaled, p.baseDir(), seed, replications, budget.apply(RunOptions.DEFAULTS, null),
                nThreads, false, i -> Replications.discard());
        Summary summary = TransientSummary.summarize(runs);
        if (summary.checks() != null) {
            summary.checks().failures().forEach(f -> selfCheckFailures.add(d.design().name() + " at " + scale + "× load: " + f));
        }
        return summary;
    }

    /** The failed self-checks of every evaluation so far (a bug of the simulator), labelled by design and load. */
    private final List<String> selfCheckFailures = new java.util.ArrayList<>();

    private static boolean meets(Summary summary) {
        return summary.unstable().isEmpty() && summary.slosMet();
    }


    /** Status 4 when a run's self-checks failed; else 3 under {@code --fail-on-slo} when the SLOs are missed at today's load. */
    private int sloExit(boolean meetsToday, CommandLine cl) {
        if (!RunCommand.selfChecked(selfCheckFailures, cl.getErr())) {
            return Headroom.SELF_CHECK_FAILED;
        }
        if (failOnSlo && !meetsToday) {
            cl.getErr().println("headroom: the SLOs are missed at today's load (--fail-on-slo)");
            cl.getErr().flush();
            return Headroom.SLO_MISSED;
        }
        return Headroom.OK;
    }
}
