package io.headroom.design;

import io.headroom.dist.DistributionSpec;
import io.headroom.load.LoadProfile;
import io.headroom.load.scenario.ScenarioStep;
import io.headroom.yaml.BadInputException;
import io.headroom.yaml.InputError;
import io.headroom.yaml.YamlDocument;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads a design (and optionally a load profile against it) and checks what a single record cannot
 * see: that names refer to components that exist, that sample files are readable, that a profile's
 * mix names the entry's endpoints. Every problem is reported at its file, line, column and path.
 */
public final class DesignReader {
    private DesignReader() {
    }

    /** A design read from a file, with the document it came from (for locating later errors). */
    public record Loaded(Design design, YamlDocument document) {
        public Path baseDir() {
            return document.baseDir();
        }
    }

    /** A profile read from a file, with its document. */
    public record LoadedProfile(LoadProfile profile, YamlDocument document) {
        public Path baseDir() {
            return document.baseDir();
        }
    }

    public static Loaded read(Path file) throws BadInputException {
        YamlDocument doc = YamlDocument.read(file);
        Design design = doc.bind(Design.class);
        List<InputError> errors = new ArrayList<>();
        if (!design.components().containsKey(design.entry())) {
            errors.add(doc.error("entry", "'" + design.entry() + "' is not a component of this design (components: "
                    + String.join(", ", design.components().keySet()) + ")"));
        } else if (!(design.components().get(design.entry()) instanceof ServiceSpec)) {
            errors.add(doc.error("entry", "the entry must be a service"));
        }
        for (Map.Entry<String, ComponentSpec> c : design.components().entrySet()) {
            if (c.getValue() instanceof ServiceSpec s) {
                for (Map.Entry<String, EndpointSpec> e : s.endpoints().entrySet()) {
                    String base = "components." + c.getKey() + ".endpoints." + e.getKey();
                    checkFile(doc, base + ".demand", e.getValue().demand(), errors);
                    checkFile(doc, base + ".wait", e.getValue().offCpu(), errors);
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new BadInputException(errors);
        }
        return new Loaded(design, doc);
    }

    private static void checkFile(YamlDocument doc, String path, DistributionSpec d, List<InputError> errors) {
        if (d instanceof DistributionSpec.Empirical e) {
            try {
                e.validate(doc.baseDir());
            } catch (BadInputException ex) {
                for (InputError inner : ex.errors()) {
                    errors.add(doc.error(path + ".file", "sample file " + inner.file() + ": " + inner.message()));
                }
            }
        }
    }

    public static LoadedProfile readProfile(Path file) throws BadInputException {
        YamlDocument doc = YamlDocument.read(file);
        return new LoadedProfile(LoadProfile.read(doc), doc);
    }

    /** Checks that a profile can drive a design: its mix names endpoints of the entry service. */
    public static void checkCompatible(Loaded design, LoadedProfile profile) throws BadInputException {
        ServiceSpec entry = (ServiceSpec) design.design().components().get(design.design().entry());
        YamlDocument doc = profile.document();
        List<InputError> errors = new ArrayList<>();
        Map<String, Double> mix = profile.profile().mix();
        if (profile.profile().scenario() != null) {
            checkScenario(design, doc, "scenario", profile.profile().scenario(), errors);
        }
        if (mix.isEmpty()) {
            if (entry.endpoints().size() > 1 && profile.profile().scenario() == null) {
                errors.add(doc.error("mix", "no 'mix' given, but the entry '" + design.design().entry() + "' has several endpoints ("
                        + String.join(", ", entry.endpoints().keySet()) + "): say how requests split, e.g. mix: {"
                        + entry.endpoints().keySet().iterator().next() + ": 1.0}"));
            }
        } else {
            for (String endpoint : mix.keySet()) {
                if (!entry.endpoints().containsKey(endpoint)) {
                    errors.add(doc.keyError("mix." + endpoint, "'" + endpoint + "' is not an endpoint of the entry '"
                            + design.design().entry() + "' in " + design.document().displayName() + " (endpoints: "
                            + String.join(", ", entry.endpoints().keySet()) + ")"));
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new BadInputException(errors);
        }
    }

    /** Every request of a scenario names a service of the design ({@code to}, default the entry) and one of its endpoints. */
    private static void checkScenario(Loaded design, YamlDocument doc, String path, List<ScenarioStep> steps, List<InputError> errors) {
        for (int i = 0; i < steps.size(); i++) {
            String at = path + "[" + i + "]";
            if (steps.get(i) instanceof ScenarioStep.Request r) {
                String target = r.to() == null ? design.design().entry() : r.to();
                ComponentSpec c = design.design().components().get(target);
                if (!(c instanceof ServiceSpec s)) {
                    errors.add(doc.error(at + ".to", "'" + target + "' is not a service of " + design.document().displayName()
                            + " (components: " + String.join(", ", design.design().components().keySet()) + ")"));
                } else if (!s.endpoints().containsKey(r.endpoint())) {
                    errors.add(doc.error(at + ".request", "'" + r.endpoint() + "' is not an endpoint of '" + target + "' in "
                            + design.document().displayName() + " (endpoints: " + String.join(", ", s.endpoints().keySet()) + ")"));
                }
            } else if (steps.get(i) instanceof ScenarioStep.Repeat rep) {
                checkScenario(design, doc, at + ".do", rep.body(), errors);
            }
        }
    }
}
