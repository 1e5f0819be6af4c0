package io.headroom.experiment;

import io.headroom.design.Design;
import io.headroom.design.DesignReader;
import io.headroom.load.LoadProfile;
import io.headroom.yaml.BadInputException;
import io.headroom.yaml.YamlDocument;
import java.nio.file.Path;
import java.util.Locale;

/** M/M/c designs and Poisson profiles written as YAML, as users write them. */
final class Mm1Fixture {
    private Mm1Fixture() {
    }

    static Design mmc(int workers, String meanService) {
        String yaml = String.join("\n", "name: mm" + workers, "entry: s", "components:", "  s:", "    type: service",
                "    concurrency: " + workers, "    endpoints: {default: {demand: {dist: exponential, mean: " + meanService + "}}}", "");
        try {
            return DesignReader.read(YamlDocument.parse(Path.of("mm.yaml"), "mm.yaml", yaml)).design();
        } catch (BadInputException e) {
            throw new AssertionError(e);
        }
    }

    /**
     * A Poisson process at {@code rate}: a piecewise shape, whose count is random, rather than Gatling's
     * {@code randomized} steps, which fix their count and so are a Poisson process conditioned on it —
     * less bursty, which over a short run at high load shows as a queue a few percent shorter than
     * M/M/1 theory (at utilisation 0.8 over 1,000 service times, about 2 % fewer requests in the system).
     */
    static LoadProfile poisson(double rate, String during, String warmup) {
        String yaml = String.join("\n", "name: poisson", "warmup: " + warmup, "injection:",
                String.format(Locale.ROOT, "  - piecewise: [[0s, %s], [%s, %s]]", rate, during, rate), "");
        try {
            return LoadProfile.read(YamlDocument.parse(Path.of("p.yaml"), "p.yaml", yaml));
        } catch (BadInputException e) {
            throw new AssertionError(e);
        }
    }
}
