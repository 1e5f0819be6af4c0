package io.headroom.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.headroom.design.ComponentSpec;
import io.headroom.design.DesignReader;
import io.headroom.design.LoadBalancerSpec;
import io.headroom.design.ServiceSpec;
import io.headroom.report.AtomicFiles;
import io.headroom.validation.calibrate.DemandFit;
import io.headroom.validation.gatling.ImportedRun;
import io.headroom.validation.gatling.RecordedRequest;
import io.headroom.yaml.Durations;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code headroom calibrate --gatling RUN [--design DESIGN --out FILE]}: demand fitted from a low-load run. */
@Command(name = "calibrate", mixinStandardHelpOptions = true, versionProvider = Headroom.Version.class,
        description = {"Fit demand distributions (lognormal and gamma, by maximum likelihood) to the response times of a low-load run,"
                + " where queueing is negligible, per endpoint; pick the family with the higher likelihood and show its"
                + " Kolmogorov-Smirnov distance.",
            "With --design and --out, write a copy of the design whose entry service's endpoints take the fitted distribution as"
                + " their wait (their demand removed)."})
final class CalibrateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--gatling", required = true, paramLabel = "RUN", description = "the low-load run: a Gatling results folder or a CSV of requests")
    Path run;

    @Option(names = "--design", paramLabel = "DESIGN", description = "a design to calibrate (its entry service, or --component)")
    Path design;

    @Option(names = "--component", paramLabel = "NAME", description = "the service whose endpoints are calibrated (default: the entry's)")
    String component;

    @Option(names = {"-o", "--out"}, paramLabel = "FILE", description = "where to write the calibrated design (with --design)")
    Path out;

    @Option(names = "--skip", defaultValue = "0s", paramLabel = "DURATION", description = "leave out the run's first DURATION (warm-up; default: ${DEFAULT-VALUE})")
    String skip;

    @Option(names = "--overhead", defaultValue = "0ms", paramLabel = "DURATION",
            description = "client-side time to subtract from each response time before fitting (default: ${DEFAULT-VALUE})")
    String overhead;

    @Override
    public Integer call() throws Exception {
        if ((design == null) != (out == null)) {
            throw new ParameterException(spec.commandLine(), "--design and --out go together");
        }
        if (out != null) {
            OutputPlace.file(spec.commandLine(), out);
        }
        double skipMs;
        double overheadMs;
        try {
            skipMs = Durations.parse(skip).toNanos() / 1e6;
            overheadMs = Durations.parse(overhead).toNanos() / 1e6;
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        DesignReader.Loaded loaded = design == null ? null : DesignReader.read(design);
        String target = loaded == null ? null : targetService(loaded);
        ImportedRun.Imported imported = ImportedRun.read(run);
        Map<String, List<Double>> byEndpoint = new LinkedHashMap<>();
        // whole milliseconds (a simulation.log) are dequantized first, as the accuracy report does
        for (RecordedRequest r : io.headroom.validation.compare.Dequantize.of(imported.requests(), 1)) {
            if (r.ok() && r.startMs() >= skipMs) {
                byEndpoint.computeIfAbsent(r.endpoint() == null || r.endpoint().isEmpty() ? "default" : r.endpoint(), k -> new java.util.ArrayList<>())
                        .add(r.responseMs() - overheadMs);
            }
        }
        PrintWriter w = spec.commandLine().getOut();
        w.println("calibrate: " + imported.requests().size() + " requests from " + imported.source());
        Map<String, DemandFit.Fit> best = new LinkedHashMap<>();
        for (Map.Entry<String, List<Double>> e : byEndpoint.entrySet()) {
            double[] x = e.getValue().stream().mapToDouble(Double::doubleValue).toArray();
            List<DemandFit.Fit> fits;
            try {
                fits = DemandFit.fit(x);
            } catch (IllegalArgumentException ex) {
                w.println("  " + e.getKey() + ": " + ex.getMessage());
                continue;
            }
            w.printf(Locale.ROOT, "  %s: %d samples, mean %.3f ms%n", e.getKey(), x.length, java.util.Arrays.stream(x).average().orElse(0));
            for (DemandFit.Fit f : fits) {
                w.printf(Locale.ROOT, "    %-9s log-likelihood %12.2f  KS %.4f  mean %.3f ms  cv %.3f%s%n", f.family(), f.logLikelihood(), f.ks(),
                        f.meanMs(), f.cv(), f == fits.get(0) ? "  <- best" : "");
            }
            w.println("    wait: " + fits.get(0).yaml());
            best.put(e.getKey(), fits.get(0));
        }
        if (loaded != null) {
            writeDesign(loaded, target, best, w);
        }
        w.flush();
        return Headroom.OK;
    }

    private String targetService(DesignReader.Loaded loaded) {
        String name = component != null ? component : loaded.design().entry();
        ComponentSpec c = loaded.design().components().get(name);
        if (c instanceof LoadBalancerSpec lb && component == null) {
            name = lb.target();
            c = loaded.design().components().get(name);
        }
        if (!(c instanceof ServiceSpec)) {
            throw new ParameterException(spec.commandLine(), "--component: " + name + " is not a service of " + design);
        }
        return name;
    }

    private void writeDesign(DesignReader.Loaded loaded, String target, Map<String, DemandFit.Fit> best, PrintWriter w) throws Exception {
        ServiceSpec s = (ServiceSpec) loaded.design().components().get(target);
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));
        JsonNode root = loaded.document().root().deepCopy();
        ObjectNode endpoints = (ObjectNode) root.path("components").path(target).path("endpoints");
        int done = 0;
        for (Map.Entry<String, DemandFit.Fit> e : best.entrySet()) {
            String ep = s.endpoints().containsKey(e.getKey()) ? e.getKey() : s.endpoints().size() == 1 && best.size() == 1
                    ? s.endpoints().keySet().iterator().next() : null;
            if (ep == null || !(endpoints.get(ep) instanceof ObjectNode node)) {
                w.println("  (no endpoint " + e.getKey() + " in " + target + ": not written)");
                continue;
            }
            node.remove("demand");
            node.set("wait", yaml.readTree(e.getValue().yaml()));
            done++;
        }
        String text = "# calibrated by headroom calibrate from " + run + " (" + done + " endpoint(s) of " + target + ")\n"
                + yaml.writeValueAsString(root);
        // check the result reads back as a design before committing it
        Path staged = AtomicFiles.stage(out, wr -> wr.write(text));
        try {
            DesignReader.read(staged);
        } catch (Exception ex) {
            Files.deleteIfExists(staged);
            throw ex;
        }
        AtomicFiles.commit(staged, out);
        w.println("  wrote " + out + " (" + target + ": " + done + " endpoint(s) calibrated; comments of the original are not kept)");
    }
}
