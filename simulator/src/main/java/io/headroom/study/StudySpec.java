package io.headroom.study;

import com.fasterxml.jackson.databind.JsonNode;
import io.headroom.design.SloSpec;
import io.headroom.yaml.AtMost;
import io.headroom.yaml.FieldError;
import io.headroom.yaml.Limits;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A study file: which design and load profile to explore, and how. {@code vary} maps YAML paths of the
 * design ({@code components.api.concurrency}) to the values to try, and the study runs every
 * combination (a cartesian product, the last path changing fastest); {@code variants} lists named
 * points, each setting a few paths. With both, every variant is combined with every combination of
 * {@code vary}; with neither, the study is the design as written. Every point runs
 * {@code replications} seeds derived from {@code seed} — the same seeds at every point (common random
 * numbers), so differences between points are differences between designs, not luck.
 *
 * @param name         a label for results
 * @param description  free text
 * @param design       the design file, relative to the study file
 * @param profile      the load profile file, relative to the study file
 * @param seed         the seed the replications' seeds are derived from (default 1)
 * @param replications seeds run at every point, the same at every point (default 1)
 * @param warmup       {@code auto}: each point's warm-up found by MSER-5 (see {@code AutoWarmup}); absent: the profile's
 * @param slos         objectives every point is judged by (replacing the design's own when given)
 * @param vary         path → values, in the order written
 * @param variants     named points
 */
public record StudySpec(String name, String description, String design, String profile, @AtMost(value = Limits.SEED, why = Limits.SEED_WHY) Long seed, @AtMost(value = Limits.REPLICATIONS, why = Limits.REPLICATIONS_WHY) Integer replications,
                        String warmup, List<SloSpec> slos, LinkedHashMap<String, List<JsonNode>> vary, List<VariantSpec> variants) {

    public StudySpec {
        FieldError.require(name, "name");
        FieldError.require(design, "design");
        FieldError.require(profile, "profile");
        seed = seed == null ? 1L : seed;
        replications = replications == null ? 1 : replications;
        if (replications < 1) {
            throw new FieldError("replications", "must be at least 1");
        }
        if (warmup != null && !warmup.equals("auto")) {
            throw new FieldError("warmup", "'" + warmup + "': a study's warmup is 'auto' (MSER-5), or left out for the profile's own");
        }
        if (slos != null) {
            slos = List.copyOf(slos);
        }
        vary = vary == null ? new LinkedHashMap<>() : new LinkedHashMap<>(vary);
        for (Map.Entry<String, List<JsonNode>> v : vary.entrySet()) {
            if (v.getValue() == null || v.getValue().isEmpty()) {
                throw new FieldError("vary." + v.getKey(), "give a list of at least one value to try, e.g. [2, 4, 8]");
            }
            if (v.getKey().isBlank()) {
                throw new FieldError("vary", "an empty path");
            }
        }
        variants = variants == null ? List.of() : new ArrayList<>(variants);
        Set<String> names = new HashSet<>();
        for (int i = 0; i < variants.size(); i++) {
            if (variants.get(i) == null) {
                throw new FieldError("variants[" + i + "]", "an empty variant: give it a name and set:");
            }
            if (!names.add(variants.get(i).name())) {
                throw new FieldError("variants[" + i + "].name", "a second variant named '" + variants.get(i).name() + "'");
            }
        }
    }

    /** True when each point's warm-up is found by MSER-5. */
    public boolean autoWarmup() {
        return "auto".equals(warmup);
    }

    /** Points in the study: variants (or one) times the product of the vary lists. */
    public long pointCount() {
        long n = Math.max(1, variants.size());
        for (List<JsonNode> values : vary.values()) {
            n *= values.size();
        }
        return n;
    }

    /**
     * One named point of a study.
     *
     * @param name the variant's label in results
     * @param set  path of the design → the value it takes in this variant
     */
    public record VariantSpec(String name, LinkedHashMap<String, JsonNode> set) {
        public VariantSpec {
            FieldError.require(name, "name");
            if (set == null || set.isEmpty()) {
                throw new FieldError("set", "say what this variant changes, e.g. set: {components.api.concurrency: 32}");
            }
            set = new LinkedHashMap<>(set);
        }
    }
}
