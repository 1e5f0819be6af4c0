package io.headroom.advice;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.headroom.design.ComponentSpec;
import io.headroom.design.DesignReader;
import io.headroom.design.OfferedLoad;
import io.headroom.design.ServiceSpec;
import io.headroom.design.Slo;
import io.headroom.design.SloSpec;
import io.headroom.design.pricing.InstanceType;
import io.headroom.design.pricing.PriceCatalogue;
import io.headroom.experiment.AutoWarmup;
import io.headroom.experiment.Replications;
import io.headroom.result.Figures;
import io.headroom.result.Summary;
import io.headroom.run.RunOptions;
import io.headroom.study.TreePatch;
import io.headroom.yaml.BadInputException;
import io.headroom.yaml.YamlDocument;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Right-sizing by simulation, in AWS Compute Optimizer's words. For each service with an instance type (not pods), it
 * looks for the cheapest instance type × count (for an autoscaled group: type, under the same policy) that meets the
 * design's SLOs at the profile's load, and says whether the service as written is over-provisioned, under-provisioned
 * or optimized.
 *
 * <p>The search: candidate types are the catalogue's types whose family has a speed, of half, the same and twice the
 * service's vCPUs (or those the user names), burstable types left out. Queueing theory prunes them: the peak CPU
 * utilisation {@link OfferedLoad} predicts on each type (its family's speed and hyperthreads counted) gives the count
 * that would run it at {@value #TARGET_UTILISATION}, and the {@code candidates} cheapest types by that estimate are
 * simulated. From the estimate, the count goes down while one fewer still meets the SLOs and up until one does (a few
 * steps each way). Every option listed was simulated: {@code replications} runs with the same seeds as every other
 * option (common random numbers), judged on their mean as {@code headroom capacity} judges, its
 * {@link PerformanceRisk} from their spread. Only one service changes at a time; the others stay as written.
 *
 * <p>Findings: {@code Underprovisioned} when the design misses its SLOs (or a component is unstable) and this service
 * is the busiest, with {@code CPUUnderprovisioned} when its cores bind (its CPU utilisation at least its workers') and
 * Headroom's {@code WorkersUnderprovisioned} otherwise, plus {@code QueueUnderprovisioned} when its queue turned
 * requests away; {@code Overprovisioned} when a cheaper option meets the SLOs, with {@code CPUOverprovisioned} (CPU
 * below {@value #LOW_UTILISATION} busy), {@code WorkersOverprovisioned} (workers below it) or Headroom's
 * {@code CheaperTypeMeetsSlos}; {@code Optimized} otherwise. An autoscaled group is {@code Optimized} or
 * {@code NotOptimized}.
 */
public final class Advisor {
    /** The utilisation the theory sizes a first guess for. */
    public static final double TARGET_UTILISATION = 0.7;
    /** Below this mean utilisation a resource is over-provisioned (Compute Optimizer looks at the maximum; a run's windows vary less). */
    public static final double LOW_UTILISATION = 0.4;
    private static final int STEPS = 4;
    /** The spot shares tried on the cheapest option, in percent. */
    public static final List<Integer> SPOT_SHARES = List.of(50, 100);

    /** How to search. */
    public record Settings(int replications, long seed, int threads, List<String> types, int candidates, RunOptions options,
                           List<String> components, Summaries summaries, List<Double> targets, List<Integer> mins) {
    }

    /** How runs become summaries (the report layer's, given by the caller): one replication's, and several combined. */
    public interface Summaries {
        Summary of(AutoWarmup.Outcome run);

        Summary combine(List<Summary> each);
    }

    /**
     * One design simulated: a service's type and count (null for an autoscaled group), the autoscaling target and
     * minimum tried (null: as written), and how it did.
     */
    public record Evaluated(String type, Integer count, Double target, Integer min, boolean meets, double monthlyUsd, double p99Ms, double errorsPct,
                            double cpu, double utilisation, PerformanceRisk risk, List<Summary.SloResult> slo, List<String> unstable) {
    }

    /**
     * The cheapest option with {@code sharePct} % of its instances on spot (AWS's {@code on-demand-percentage-above-base}
     * of 100 − share), simulated with every spot instance interrupted at {@code interruptionsPerHour}: about once in the
     * run, far more often than the catalogue's rate, so that meeting the SLOs means meeting them through interruptions.
     */
    public record SpotOption(int sharePct, double interruptionsPerHour, Evaluated run) {
    }

    /** What the advisor says of one service. */
    public record Finding(String component, boolean autoscaled, String finding, List<String> reasons, Evaluated current,
                          List<Evaluated> options, List<Evaluated> tried, List<SpotOption> spot) {
        /** The cheapest option that meets the SLOs, or null. */
        public Evaluated best() {
            return options.isEmpty() ? null : options.get(0);
        }
    }

    /** The advice on a design under a profile. */
    public record Advice(String design, String profile, int replications, long seed, List<String> slos, Evaluated asWritten,
                         List<Finding> findings) {
    }

    private final YamlDocument doc;
    private final DesignReader.Loaded base;
    private final DesignReader.LoadedProfile profile;
    private final Settings settings;
    private final PriceCatalogue catalogue;
    private final List<Slo> slos;
    private final Consumer<String> progress;
    private final Map<String, Evaluated> seen = new LinkedHashMap<>();

    private Advisor(DesignReader.Loaded base, DesignReader.LoadedProfile profile, Settings settings, Consumer<String> progress)
            throws BadInputException {
        this.doc = base.document();
        this.base = base;
        this.profile = profile;
        this.settings = settings;
        this.catalogue = PriceCatalogue.resolve(base.design().pricing(), base.baseDir());
        this.slos = base.design().slos().stream().map(x -> x.isExpression() ? x.slo() : null).toList();
        this.progress = progress;
    }

    /** The advice on {@code base} under {@code profile}; {@code progress} hears of each simulation. */
    public static Advice advise(DesignReader.Loaded base, DesignReader.LoadedProfile profile, Settings settings, Consumer<String> progress)
            throws Exception {
        return new Advisor(base, profile, settings, progress).advise();
    }

    /**
     * The services the advisor can size, by the names the design's file gives them: a service with an instance type, not
     * run as pods. A service in several regions is one name here (its copies {@code name@region} change together).
     */
    public static List<String> sizable(DesignReader.Loaded loaded) {
        List<String> out = new ArrayList<>();
        java.util.Iterator<String> names = loaded.document().root().path("components").fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            ServiceSpec s = spec(loaded.design(), name);
            if (s != null && s.instance() != null && !s.onCluster()) {
                out.add(name);
            }
        }
        return out;
    }

    /** The service named {@code name} in the design's file: itself, or its first regional copy; null if it is not a service. */
    static ServiceSpec spec(io.headroom.design.Design design, String name) {
        ComponentSpec c = design.components().get(name);
        if (c == null) {
            for (Map.Entry<String, ComponentSpec> e : design.components().entrySet()) {
                if (e.getKey().startsWith(name + "@")) {
                    c = e.getValue();
                    break;
                }
            }
        }
        return c instanceof ServiceSpec s ? s : null;
    }

    /** Whether station or component {@code key} is service {@code name} or one of its regional copies. */
    private static boolean isCopyOf(String key, String name) {
        return key.equals(name) || key.startsWith(name + "@");
    }

    private Advice advise() throws Exception {
        if (base.design().referenceInstance() == null) {
            Set<Double> speeds = new java.util.TreeSet<>();
            Set<String> families = new java.util.TreeSet<>();
            for (ComponentSpec c : base.design().components().values()) {
                io.headroom.design.pricing.InstanceSpec i = c instanceof ServiceSpec s ? s.instance()
                        : c instanceof io.headroom.design.ShardedStoreSpec st ? st.instance()
                        : c instanceof io.headroom.design.DatabaseSpec db ? db.instance() : null;
                if (i != null && catalogue.family(i.type()).isPresent()) {
                    speeds.add(catalogue.family(i.type()).get().speed());
                    families.add(PriceCatalogue.familyOf(i.type()));
                }
            }
            if (speeds.size() > 1) {
                throw new IllegalArgumentException("its components run on families of different speeds (" + String.join(", ", families)
                        + "): say which type the demands were measured on with reference-instance: (docs/performance.md), so that"
                        + " a service can change type while the others keep their speed");
            }
        }
        Evaluated asWritten = evaluate(base, null, null, null, null);
        List<Finding> findings = new ArrayList<>();
        List<String> names = settings.components() == null || settings.components().isEmpty() ? sizable(base) : settings.components();
        // when the design misses its SLOs, the service to resize is the busiest: the others' options would miss them too
        String bottleneck = null;
        if (!asWritten.meets()) {
            double worst = -1;
            for (String name : sizable(base)) {
                Summary.Service svc = service(asWrittenSummary, name);
                double busy = svc == null ? -1 : Math.max(svc.cpu(), svc.utilisation());
                if (busy > worst) {
                    worst = busy;
                    bottleneck = name;
                }
            }
        }
        for (String name : names) {
            findings.add(bottleneck != null && !bottleneck.equals(name) ? blocked(name, bottleneck) : finding(name, asWritten));
        }
        return new Advice(base.design().name(), profile.profile().name(), settings.replications(), settings.seed(),
                base.design().slos().stream().map(SloSpec::label).toList(), asWritten, findings);
    }

    /**
     * A service not advised on because the design misses its SLOs through {@code bottleneck}, the busiest service: every
     * option of this one would miss them too. Its finding is {@code Unknown} ({@code SloMissedElsewhere}); advise on it
     * again once {@code bottleneck} is resized.
     */
    private Finding blocked(String name, String bottleneck) throws Exception {
        ServiceSpec s = spec(base.design(), name);
        boolean autoscaled = s.autoscaling() != null;
        Evaluated current = evaluate(base, name, s.instance().type(), autoscaled ? null : s.replicas().initial(), null);
        return new Finding(name, autoscaled, "Unknown", List.of("SloMissedElsewhere:" + bottleneck), current, List.of(), List.of(),
                List.of());
    }

    private Finding finding(String name, Evaluated asWrittenOverall) throws Exception {
        ServiceSpec s = spec(base.design(), name);
        boolean autoscaled = s.autoscaling() != null;
        String type = s.instance().type();
        Integer count = autoscaled ? null : s.replicas().initial();
        Evaluated current = evaluate(base, name, type, count, null);
        List<Evaluated> tried = new ArrayList<>();
        for (String t : candidates(name, s)) {
            if (autoscaled) {
                List<Double> targets = new ArrayList<>();
                targets.add(null);
                targets.addAll(targets(name));
                List<Integer> mins = new ArrayList<>();
                mins.add(null);
                mins.addAll(mins(name));
                for (Double target : targets) {
                    for (Integer min : mins) {
                        tried.add(t.equals(type) && target == null && min == null ? current
                                : evaluate(patched(name, t, null, target, min), name, t, null, target, min, null));
                    }
                }
                continue;
            }
            tried.addAll(searchCount(name, t, estimate(name, t, count)));
        }
        List<Evaluated> options = new ArrayList<>(tried.stream().filter(Evaluated::meets).toList());
        options.sort(Comparator.comparingDouble(Evaluated::monthlyUsd).thenComparing(Evaluated::type));
        // one option per type: its cheapest count (or target)
        Set<String> types = new LinkedHashSet<>();
        options.removeIf(e -> !types.add(e.type()));
        String finding;
        List<String> reasons = new ArrayList<>();
        boolean cheaper = !options.isEmpty() && options.get(0).monthlyUsd() < current.monthlyUsd() - 1e-9;
        if (autoscaled) {
            finding = current.meets() && !cheaper ? "Optimized" : "NotOptimized";
            if (!current.meets()) {
                reasons.add(current.cpu() >= current.utilisation() ? "CPUUnderprovisioned" : "WorkersUnderprovisioned");
            } else if (cheaper) {
                reasons.add("CheaperTypeMeetsSlos");
            }
        } else if (!current.meets()) {
            finding = "Underprovisioned";
            reasons.add(current.cpu() >= current.utilisation() ? "CPUUnderprovisioned" : "WorkersUnderprovisioned");
            Summary.Service svc = service(lastSummary.get(key(name, type, count, null, null)), name);
            if (svc != null && svc.rejected() + svc.timedOut() > 0) {
                reasons.add("QueueUnderprovisioned");
            }
        } else if (cheaper) {
            finding = "Overprovisioned";
            if (current.cpu() < LOW_UTILISATION) {
                reasons.add("CPUOverprovisioned");
            }
            if (current.utilisation() < LOW_UTILISATION) {
                reasons.add("WorkersOverprovisioned");
            }
            if (reasons.isEmpty()) {
                reasons.add("CheaperTypeMeetsSlos");
            }
        } else {
            finding = "Optimized";
        }
        List<SpotOption> spot = new ArrayList<>();
        if (!autoscaled && !options.isEmpty() && !s.instance().usesSpot()) {
            Evaluated best = options.get(0);
            double rate = 3600.0 / Math.max(1, profile.profile().duration().toSeconds());
            for (int share : SPOT_SHARES) {
                spot.add(new SpotOption(share, rate, evaluateSpot(name, best, share, rate)));
            }
        }
        return new Finding(name, autoscaled, finding, reasons, current, options, tried, spot);
    }

    /**
     * The fewest instances of {@code type} that meet the SLOs, by bisection from the theory's estimate: if the estimate
     * meets them, the answer is at or below it; if not, the count doubles (at most {@value #STEPS} times) until one meets
     * them. Then bisection between the highest count known to miss (0 at first) and the lowest known to meet, taking the
     * SLOs' verdict as monotone in the count. Every count it looks at is simulated and kept.
     */
    private List<Evaluated> searchCount(String name, String type, int estimate) throws Exception {
        List<Evaluated> out = new ArrayList<>();
        int hi = Math.max(1, estimate);
        int lo = 0;
        Evaluated e = evaluate(patched(name, type, hi, null), name, type, hi, null);
        out.add(e);
        for (int k = 0; !e.meets() && k < STEPS; k++) {
            lo = hi;
            hi = hi * 2;
            e = evaluate(patched(name, type, hi, null), name, type, hi, null);
            out.add(e);
        }
        if (!e.meets()) {
            return out;
        }
        while (hi - lo > 1) {
            int mid = (lo + hi) >>> 1;
            Evaluated m = evaluate(patched(name, type, mid, null), name, type, mid, null);
            out.add(m);
            if (m.meets()) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        return out;
    }

    /** The types to try for service {@code name}: the user's, or the cheapest by the theory's estimate. */
    private List<String> candidates(String name, ServiceSpec s) throws Exception {
        String type = s.instance().type();
        List<String> pool = new ArrayList<>();
        if (settings.types() != null && !settings.types().isEmpty()) {
            pool.addAll(settings.types());
            if (!pool.contains(type)) {
                pool.add(0, type);
            }
            return pool;
        }
        int v = catalogue.type(type).vcpu();
        for (InstanceType t : catalogue.types().values()) {
            boolean size = t.vcpu() == v || t.vcpu() * 2 == v || t.vcpu() == v * 2;
            if (size && catalogue.family(t.name()).isPresent() && catalogue.burstableBaseline(t.name()).isEmpty()) {
                pool.add(t.name());
            }
        }
        if (s.autoscaling() != null) {
            pool.removeIf(t -> catalogue.type(t).vcpu() != v); // the policy's targets are per instance: keep its size
        }
        Map<String, Double> estimated = new LinkedHashMap<>();
        int count = s.replicas().initial();
        for (String t : pool) {
            estimated.put(t, estimate(name, t, count) * catalogue.type(t).onDemandUsdPerHour());
        }
        List<String> out = new ArrayList<>(estimated.keySet());
        out.sort(Comparator.comparingDouble((String t) -> estimated.get(t)).thenComparing(t -> t));
        List<String> chosen = new ArrayList<>(out.subList(0, Math.min(settings.candidates(), out.size())));
        if (!chosen.contains(type)) {
            chosen.add(0, type);
        }
        return chosen;
    }

    /** The count of {@code type} that runs service {@code name} at the target utilisation at the profile's peak. */
    private int estimate(String name, String type, Integer count) throws Exception {
        int n0 = count == null ? (spec(base.design(), name)).replicas().initial() : count;
        boolean autoscaled = (spec(base.design(), name)).autoscaling() != null;
        DesignReader.Loaded d = patched(name, type, autoscaled ? null : n0, null); // an autoscaled group keeps its replicas block
        OfferedLoad load = OfferedLoad.of(d.design(), d.baseDir(), profile.profile());
        double u = Double.NaN;
        for (OfferedLoad.Station st : load.stations()) {
            if (isCopyOf(st.component(), name) && (Double.isNaN(u) || st.utilisation() > u)) {
                u = st.utilisation(); // a service in several regions: its busiest copy
            }
        }
        return Double.isFinite(u) ? Math.max(1, (int) Math.ceil(u * n0 / TARGET_UTILISATION - 1e-9)) : n0;
    }

    /**
     * The autoscaling minimums to try for service {@code name} besides its own: the settings', else half its own (rounded
     * up) when that is at least 1 and less than its own; each below its maximum.
     */
    private List<Integer> mins(String name) {
        JsonNode replicas = doc.root().path("components").path(name).path("replicas");
        if (!replicas.path("min").isNumber()) {
            return List.of();
        }
        int own = replicas.path("min").asInt();
        int max = replicas.path("max").isNumber() ? replicas.path("max").asInt() : Integer.MAX_VALUE;
        List<Integer> wanted = settings.mins() != null && !settings.mins().isEmpty() ? settings.mins() : List.of((own + 1) / 2);
        return wanted.stream().filter(m -> m >= 1 && m != own && m <= max).distinct().toList();
    }

    /**
     * The autoscaling targets to try for service {@code name} besides its own: the settings', when its {@code autoscaling:}
     * is one policy with a {@code target} (a list of policies is tried as written only).
     */
    private List<Double> targets(String name) {
        JsonNode a = doc.root().path("components").path(name).path("autoscaling");
        String metric = a.path("metric").asText("");
        if (!a.isObject() || settings.targets() == null || !(metric.equals("cpu") || metric.equals("utilisation"))) {
            return List.of(); // a target of requests/s or a queue length is no fraction to try 0.5 or 0.7 for
        }
        JsonNode written = a.path("target");
        double own;
        if (written.isNumber()) {
            own = written.asDouble();
        } else if (written.isTextual() && written.asText().trim().endsWith("%")) {
            String p = written.asText().trim();
            try {
                own = Double.parseDouble(p.substring(0, p.length() - 1).trim()) / 100;
            } catch (NumberFormatException e) {
                return List.of();
            }
        } else {
            return List.of();
        }
        return settings.targets().stream().filter(t -> Math.abs(t - own) > 1e-9).toList();
    }

    /**
     * The design with service {@code name} on {@code count} (null: as written) instances of {@code type}, scaled to
     * {@code target} (null: as written).
     */
    private DesignReader.Loaded patched(String name, String type, Integer count, Double target) throws Exception {
        return patched(name, type, count, target, null);
    }

    /** As {@link #patched(String, String, Integer, Double)}, an autoscaled group's {@code min} set too (null: as written). */
    private DesignReader.Loaded patched(String name, String type, Integer count, Double target, Integer min) throws Exception {
        Map<String, YamlDocument.Origin> origins = new LinkedHashMap<>();
        return DesignReader.read(doc.patched(patchedTree(name, type, count, target, min, origins), origins));
    }

    /** The design's tree as {@link #patched(String, String, Integer, Double, Integer)} reads it; each change noted in {@code origins}. */
    private JsonNode patchedTree(String name, String type, Integer count, Double target, Integer min,
                                 Map<String, YamlDocument.Origin> origins) throws Exception {
        JsonNode root = doc.root().deepCopy();
        String typePath = "components." + name + ".instance.type";
        TreePatch.set(root, typePath, TextNode.valueOf(type));
        origins.put(typePath, new YamlDocument.Origin("advise", io.headroom.yaml.Mark.UNKNOWN, " (set by advise to " + type + ")"));
        String original = spec(base.design(), name).instance().type();
        JsonNode service = root.path("components").path(name);
        if (service.path("cores").isNumber() && !type.equals(original)) {
            // cores given are whole cores of the type as written: as many more or fewer as the type has vCPUs
            int cores = Math.max(1, (int) Math.round(service.path("cores").asDouble() * catalogue.type(type).vcpu()
                    / catalogue.type(original).vcpu()));
            String coresPath = "components." + name + ".cores";
            TreePatch.set(root, coresPath, IntNode.valueOf(cores));
            origins.put(coresPath, new YamlDocument.Origin("advise", io.headroom.yaml.Mark.UNKNOWN, " (set by advise to " + cores
                    + ", the cores given scaled to " + type + "'s vCPUs)"));
        }
        if (service.path("instance") instanceof com.fasterxml.jackson.databind.node.ObjectNode instance) {
            java.util.OptionalDouble baseline = catalogue.burstableBaseline(type);
            if (baseline.isEmpty()) {
                instance.remove("credits"); // CPU credits belong to burstable types only
                instance.remove("initial-credits");
            } else if (instance.path("initial-credits").isNumber()) {
                double max = 24 * 60 * baseline.getAsDouble() * catalogue.type(type).vcpu();
                instance.put("initial-credits", Math.min(max, instance.path("initial-credits").asDouble()));
            }
        }
        if (count != null) {
            String countPath = "components." + name + ".replicas";
            TreePatch.set(root, countPath, IntNode.valueOf(count));
            origins.put(countPath, new YamlDocument.Origin("advise", io.headroom.yaml.Mark.UNKNOWN, " (set by advise to " + count + ")"));
        }
        if (min != null) {
            String minPath = "components." + name + ".replicas.min";
            TreePatch.set(root, minPath, IntNode.valueOf(min));
            origins.put(minPath, new YamlDocument.Origin("advise", io.headroom.yaml.Mark.UNKNOWN, " (set by advise to " + min + ")"));
            JsonNode replicas = root.path("components").path(name).path("replicas");
            if (replicas.path("initial").isNumber() && replicas.path("initial").asInt() < min) {
                ((com.fasterxml.jackson.databind.node.ObjectNode) replicas).put("initial", min);
            }
        }
        if (target != null) {
            String targetPath = "components." + name + ".autoscaling.target";
            TreePatch.set(root, targetPath, com.fasterxml.jackson.databind.node.DoubleNode.valueOf(target));
            origins.put(targetPath, new YamlDocument.Origin("advise", io.headroom.yaml.Mark.UNKNOWN, " (set by advise to " + target + ")"));
        }
        if (base.design().referenceInstance() == null) {
            // the demands were measured on the type as written: keep them there as the type changes
            ((com.fasterxml.jackson.databind.node.ObjectNode) root).put("reference-instance", original);
            origins.put("reference-instance", new YamlDocument.Origin("advise", io.headroom.yaml.Mark.UNKNOWN,
                    " (set by advise: the demands were measured on " + original + ")"));
        }
        return root;
    }

    /** The cheapest option {@code best} with {@code share} % on spot, each spot instance interrupted at {@code rate} an hour. */
    private Evaluated evaluateSpot(String name, Evaluated best, int share, double rate) throws Exception {
        Map<String, YamlDocument.Origin> origins = new LinkedHashMap<>();
        JsonNode root = patchedTree(name, best.type(), best.count(), null, null, origins);
        com.fasterxml.jackson.databind.node.ObjectNode instance =
                (com.fasterxml.jackson.databind.node.ObjectNode) root.path("components").path(name).path("instance");
        instance.remove("market");
        instance.put("on-demand-percentage-above-base", 100 - share);
        instance.putObject("spot").put("interruptions-per-hour", rate);
        origins.put("components." + name + ".instance", new YamlDocument.Origin("advise", io.headroom.yaml.Mark.UNKNOWN,
                " (set by advise: " + share + " % spot)"));
        DesignReader.Loaded d = DesignReader.read(doc.patched(root, origins));
        return evaluate(d, name, best.type(), best.count(), null, null, share + " % spot");
    }

    private final Map<String, Summary> lastSummary = new LinkedHashMap<>();
    private List<Summary> asWrittenRuns;
    private Summary asWrittenSummary;

    private static String key(String name, String type, Integer count, Double target, Integer min) {
        return name + "|" + type + "|" + count + "|" + target + "|" + min;
    }

    /** Simulates {@code d} (service {@code name} on {@code count} × {@code type}; all null for the design as written). */
    private Evaluated evaluate(DesignReader.Loaded d, String name, String type, Integer count, Double target) throws Exception {
        return evaluate(d, name, type, count, target, null, null);
    }

    /** As {@link #evaluate}, for a variant of that option ({@code variant}, e.g. "50 % spot"; null: none). */
    private Evaluated evaluate(DesignReader.Loaded d, String name, String type, Integer count, Double target, Integer min,
                               String variant) throws Exception {
        String key = key(name, type, count, target, min) + (variant == null ? "" : "|" + variant);
        Evaluated known = seen.get(key);
        if (known != null) {
            return known;
        }
        List<Summary> each;
        boolean simulated = d != base || asWrittenRuns == null;
        if (simulated) {
            List<AutoWarmup.Outcome> runs = Replications.runWatched(d.design(), d.baseDir(), profile.profile(), profile.baseDir(),
                    settings.seed(), settings.replications(), settings.options(), settings.threads(), false, i -> Replications.discard());
            each = runs.stream().map(settings.summaries()::of).toList();
        } else {
            each = asWrittenRuns; // the design as written is simulated once, whichever service is looked at
        }
        Summary s = each.size() == 1 ? each.get(0) : settings.summaries().combine(each);
        if (d == base && asWrittenRuns == null) {
            asWrittenRuns = each;
            asWrittenSummary = s;
        }
        lastSummary.put(key, s);
        Figures f = io.headroom.experiment.SweepRow.figures(s);
        Summary.Service svc = name == null ? null : service(s, name);
        Evaluated e = new Evaluated(type, count, target, min, s.unstable().isEmpty() && s.slosMet(), f.costPerMonthUsd(), f.metric("p99_ms"),
                f.metric("errors_pct"), svc == null ? Double.NaN : svc.cpu(), svc == null ? Double.NaN : svc.utilisation(),
                PerformanceRisk.of(each, slos), s.slo(), s.unstable());
        seen.put(key, e);
        if (!simulated) {
            return e;
        }
        progress.accept(name == null ? "as written: " + describe(e) : name + " on " + (count == null ? "" : count + " × ") + type
                + (target == null ? "" : " at target " + target) + (min == null ? "" : ", min " + min) + (variant == null ? "" : ", " + variant) + ": " + describe(e));
        return e;
    }

    /** Service {@code name}'s figures in {@code s}: its own, or its busiest regional copy's. */
    private static Summary.Service service(Summary s, String name) {
        if (s == null) {
            return null;
        }
        if (s.components().get(name) instanceof Summary.Service svc) {
            return svc;
        }
        Summary.Service busiest = null;
        for (Map.Entry<String, Summary.Component> e : s.components().entrySet()) {
            if (e.getKey().startsWith(name + "@") && e.getValue() instanceof Summary.Service svc
                    && (busiest == null || Math.max(svc.cpu(), svc.utilisation()) > Math.max(busiest.cpu(), busiest.utilisation()))) {
                busiest = svc;
            }
        }
        return busiest;
    }

    private static String describe(Evaluated e) {
        return String.format(java.util.Locale.ROOT, "%s, %.2f USD/month, p99 %.1f ms, risk %s", e.meets() ? "meets the SLOs" : "misses",
                e.monthlyUsd(), e.p99Ms(), e.risk().name());
    }
}
