package io.headroom.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input, one test per kind of mistake: the command exits with status 2, the first line on
 * stderr is {@code FILE:LINE:COL: PATH: message} pointing at the offending key or value (lines and
 * columns are counted by hand in the YAML below, 1-based), no stack trace is printed, and {@code run}
 * writes nothing. Every case goes through both {@code run} and {@code check}.
 */
class BadInputTest {

    /** A valid design; each test changes one thing in a copy of it. */
    private static final String DESIGN = """
            name: shop
            entry: api
            components:
              api:
                type: service
                replicas: 2
                concurrency: 4
                queue: {capacity: 10, timeout: 2s}
                endpoints:
                  browse:
                    demand: {dist: exponential, mean: 5ms}
                  checkout:
                    demand: {dist: gamma, mean: 9ms, cv: 0.5}
            """;

    /** A valid profile for {@link #DESIGN}. */
    private static final String PROFILE = """
            name: short
            mix: {browse: 0.9, checkout: 0.1}
            injection:
              - rampUsersPerSec: {from: 1, to: 5, during: 2s}
              - constantUsersPerSec: {rate: 5, during: 2s, randomized: true}
            """;

    /** FILE:LINE:COL: PATH: message (the path may hold ':' only inside [..], which it never does). */
    private static final Pattern LOCATED = Pattern.compile("^(.+):(\\d+):(\\d+): ([^ :]+): (.+)$");

    @TempDir
    Path dir;

    // ---------------------------------------------------------------- unknown keys

    @Test
    void unknownKeyInDesign() throws IOException {
        Path design = design(DESIGN.replace("    concurrency: 4", "    concurency: 4"));
        // 'concurrency' is then missing too; the misspelt key is what the user must see.
        expectDesignError(design, 7, 5, "components.api.concurency", "unknown key 'concurency'", "concurrency");
    }

    @Test
    void unknownTopLevelKey() throws IOException {
        Path design = design(DESIGN.replace("components:", "componets:"));
        expectDesignError(design, 3, 1, "componets", "unknown key 'componets'", "components");
    }

    @Test
    void unknownKeyInNestedMapping() throws IOException {
        Path design = design(DESIGN.replace("queue: {capacity: 10, timeout: 2s}", "queue: {capacity: 10, size: 3}"));
        // "    queue: {capacity: 10, size: 3}": 'size' at column 27
        expectDesignError(design, 8, 27, "components.api.queue.size", "unknown key 'size'", "capacity", "timeout");
    }

    @Test
    void unknownKeyInProfileStep() throws IOException {
        Path profile = profile(PROFILE.replace("randomized: true", "randomised: true"));
        // "  - constantUsersPerSec: {rate: 5, during: 2s, randomised: true}": 'randomised' at column 48
        expectProfileError(profile, 5, 48, "injection[1].constantUsersPerSec.randomised", "unknown key 'randomised'",
                "randomized");
    }

    // ---------------------------------------------------------------- wrong types

    @Test
    void stringWhereAWholeNumberIsExpected() throws IOException {
        Path design = design(DESIGN.replace("capacity: 10", "capacity: ten"));
        // "    queue: {capacity: ten, timeout: 2s}": 'ten' at column 23
        expectDesignError(design, 8, 23, "components.api.queue.capacity", "whole number", "ten");
    }

    @Test
    void quotedNumber() throws IOException {
        Path design = design(DESIGN.replace("concurrency: 4", "concurrency: \"16\""));
        expectDesignError(design, 7, 18, "components.api.concurrency", "whole number", "\"16\"", "quotes");
    }

    @Test
    void listWhereAMappingIsExpected() throws IOException {
        Path design = design(DESIGN.replace("queue: {capacity: 10, timeout: 2s}", "queue: [10, 2s]"));
        expectDesignError(design, 8, 12, "components.api.queue", "expected a mapping", "found a list");
    }

    @Test
    void notABoolean() throws IOException {
        Path profile = profile(PROFILE.replace("randomized: true", "randomized: maybe"));
        // "  - constantUsersPerSec: {rate: 5, during: 2s, randomized: maybe}": 'maybe' at column 60
        expectProfileError(profile, 5, 60, "injection[1].constantUsersPerSec.randomized", "true or false", "maybe");
    }

    // ---------------------------------------------------------------- durations

    @Test
    void durationWithoutUnit() throws IOException {
        Path design = design(DESIGN.replace("timeout: 2s", "timeout: 5"));
        // "    queue: {capacity: 10, timeout: 5}": '5' at column 36
        expectDesignError(design, 8, 36, "components.api.queue.timeout", "no unit", "5s", "5ms");
    }

    @Test
    void durationWithUnknownUnit() throws IOException {
        Path design = design(DESIGN.replace("timeout: 2s", "timeout: 5sec"));
        expectDesignError(design, 8, 36, "components.api.queue.timeout", "'5sec' is not a duration", "ms");
    }

    @Test
    void negativeDuration() throws IOException {
        Path design = design(DESIGN.replace("timeout: 2s", "timeout: -1s"));
        expectDesignError(design, 8, 36, "components.api.queue.timeout", "negative", "-1s");
    }

    @Test
    void zeroDurationWherePositiveIsRequired() throws IOException {
        Path profile = profile(PROFILE.replace("during: 2s}", "during: 0s}"));
        // "  - rampUsersPerSec: {from: 1, to: 5, during: 0s}": '0s' at column 47
        expectProfileError(profile, 4, 47, "injection[0].rampUsersPerSec.during", "positive duration", "0s");
    }

    // ---------------------------------------------------------------- positive numbers

    @Test
    void zeroConcurrency() throws IOException {
        Path design = design(DESIGN.replace("concurrency: 4", "concurrency: 0"));
        expectDesignError(design, 7, 18, "components.api.concurrency", "must be positive", "0");
    }

    @Test
    void zeroReplicas() throws IOException {
        Path design = design(DESIGN.replace("replicas: 2", "replicas: 0"));
        expectDesignError(design, 6, 15, "components.api.replicas", "must be positive", "0");
    }

    @Test
    void negativeCores() throws IOException {
        Path design = design(DESIGN.replace("    concurrency: 4\n", "    concurrency: 4\n    cores: -1\n"));
        expectDesignError(design, 8, 12, "components.api.cores", "must be positive", "-1");
    }

    @Test
    void negativeRate() throws IOException {
        Path profile = profile(PROFILE.replace("rate: 5", "rate: -5"));
        // "  - constantUsersPerSec: {rate: -5, ...}": '-5' at column 33
        expectProfileError(profile, 5, 33, "injection[1].constantUsersPerSec.rate", "positive", "-5");
    }

    // ---------------------------------------------------------------- shapes and the rest of Gatling's steps

    private static final String SECOND_STEP = "  - constantUsersPerSec: {rate: 5, during: 2s, randomized: true}";

    @Test
    void piecewiseTimeGoingBack() throws IOException {
        Path profile = profile(PROFILE.replace(SECOND_STEP, "  - piecewise: [[0s, 5], [2s, 10], [1s, 3]]"));
        // the third point's time, '1s' at column 37
        expectProfileError(profile, 5, 37, "injection[1].piecewise[2][0]", "must not go back", "1s", "2s");
    }

    @Test
    void staircaseWhoseRateGoesNegative() throws IOException {
        Path profile = profile(PROFILE.replace(SECOND_STEP, "  - incrementUsersPerSec: {step: -2, times: 4, level: 1s, from: 5}"));
        // 5, 3, 1, then -1 users/s: '-2' at column 34
        expectProfileError(profile, 5, 34, "injection[1].incrementUsersPerSec.step", "rate goes negative", "level 4", "-1");
    }

    @Test
    void spikeBelowZero() throws IOException {
        Path profile = profile(PROFILE.replace(SECOND_STEP, "  - spikes: {base: 5, height: -6, every: 1s, width: 100ms, during: 2s}"));
        expectProfileError(profile, 5, 31, "injection[1].spikes.height", "rate goes negative", "-1");
    }

    @Test
    void diurnalWithZeroPeriod() throws IOException {
        Path profile = profile(PROFILE.replace(SECOND_STEP, "  - diurnal: {peak: 5, trough: 1, period: 0s, during: 2s}"));
        expectProfileError(profile, 5, 43, "injection[1].diurnal.period", "positive duration", "0s");
    }

    @Test
    void zeroExponentialMean() throws IOException {
        Path design = design(DESIGN.replace("mean: 5ms", "mean: 0ms"));
        // "        demand: {dist: exponential, mean: 0ms}": '0ms' at column 43
        expectDesignError(design, 11, 43, "components.api.endpoints.browse.demand.mean", "positive", "0s");
    }

    @Test
    void zeroGammaCv() throws IOException {
        Path design = design(DESIGN.replace("cv: 0.5", "cv: 0"));
        // "        demand: {dist: gamma, mean: 9ms, cv: 0}": '0' at column 46
        expectDesignError(design, 13, 46, "components.api.endpoints.checkout.demand.cv", "positive", "got 0");
    }

    // ---------------------------------------------------------------- distributions

    @Test
    void unknownDistribution() throws IOException {
        Path design = design(DESIGN.replace("dist: exponential", "dist: weibull"));
        // "        demand: {dist: weibull, mean: 5ms}": 'weibull' at column 24
        expectDesignError(design, 11, 24, "components.api.endpoints.browse.demand.dist", "unknown dist 'weibull'",
                "exponential", "lognormal");
    }

    @Test
    void missingDistribution() throws IOException {
        Path design = design(DESIGN.replace("{dist: exponential, mean: 5ms}", "{mean: 5ms}"));
        // located at the mapping that lacks it: "        demand: {mean: 5ms}", '{' at column 17
        expectDesignError(design, 11, 17, "components.api.endpoints.browse.demand.dist", "missing", "'dist'",
                "exponential");
    }

    @Test
    void lognormalWithP99BelowMedian() throws IOException {
        Path design = design(DESIGN.replace("{dist: exponential, mean: 5ms}", "{dist: lognormal, median: 50ms, p99: 10ms}"));
        // "        demand: {dist: lognormal, median: 50ms, p99: 10ms}": '10ms' at column 54
        expectDesignError(design, 11, 54, "components.api.endpoints.browse.demand.p99", "p99 (10ms)", "median (50ms)");
    }

    @Test
    void uniformWithMaxBelowMin() throws IOException {
        Path design = design(DESIGN.replace("{dist: exponential, mean: 5ms}", "{dist: uniform, min: 50ms, max: 10ms}"));
        // "        demand: {dist: uniform, min: 50ms, max: 10ms}": '10ms' at column 49
        expectDesignError(design, 11, 49, "components.api.endpoints.browse.demand.max", "max (10ms)", "min (50ms)");
    }

    // ---------------------------------------------------------------- unknown names

    @Test
    void unknownComponentType() throws IOException {
        Path design = design(DESIGN.replace("type: service", "type: servise"));
        expectDesignError(design, 5, 11, "components.api.type", "unknown type 'servise'", "service");
    }

    @Test
    void unknownInjectionStep() throws IOException {
        Path profile = profile(PROFILE.replace("constantUsersPerSec", "constantUserPerSec"));
        expectProfileError(profile, 5, 5, "injection[1].constantUserPerSec", "unknown injection step 'constantUserPerSec'",
                "constantUsersPerSec");
    }

    @Test
    void unknownDispatchStrategy() throws IOException {
        Path design = design(DESIGN.replace("    replicas: 2\n", "    replicas: 2\n    dispatch: fastest\n"));
        expectDesignError(design, 7, 15, "components.api.dispatch", "'fastest'", "round-robin", "least-outstanding");
    }

    // ---------------------------------------------------------------- references

    @Test
    void entryNamesNoComponent() throws IOException {
        Path design = design(DESIGN.replace("entry: api", "entry: apj"));
        expectDesignError(design, 2, 8, "entry", "'apj' is not a component", "api");
    }

    @Test
    void mixNamesAnEndpointTheEntryDoesNotHave() throws IOException {
        Path profile = profile(PROFILE.replace("mix: {browse: 0.9", "mix: {brwse: 0.9"));
        // the error is in the profile, at the key: "mix: {brwse: 0.9, ...}", 'brwse' at column 7
        expectProfileError(profile, 2, 7, "mix.brwse", "'brwse' is not an endpoint", "browse");
    }

    @Test
    void noMixWhileTheEntryHasSeveralEndpoints() throws IOException {
        Path profile = profile(PROFILE.replace("mix: {browse: 0.9, checkout: 0.1}\n", ""));
        expectProfileError(profile, 1, 1, "mix", "no 'mix'", "browse", "checkout");
    }

    // ---------------------------------------------------------------- missing keys

    @Test
    void missingConcurrency() throws IOException {
        Path design = design(DESIGN.replace("    concurrency: 4\n", ""));
        // located at the mapping that lacks it: "components.api" starts at 'type' (line 5, column 5)
        expectDesignError(design, 5, 5, "components.api.concurrency", "missing required key 'concurrency'");
    }

    @Test
    void emptyConcurrency() throws IOException {
        Path design = design(DESIGN.replace("concurrency: 4", "concurrency:"));
        expectDesignError(design, 7, 5, "components.api.concurrency", "no value");
    }

    @Test
    void missingEndpoints() throws IOException {
        Path design = design(DESIGN.substring(0, DESIGN.indexOf("    endpoints:")));
        expectDesignError(design, 5, 5, "components.api.endpoints", "endpoint");
    }

    @Test
    void missingInjection() throws IOException {
        Path profile = profile(PROFILE.substring(0, PROFILE.indexOf("injection:")));
        expectProfileError(profile, 1, 1, "injection", "missing required key 'injection'");
    }

    @Test
    void missingName() throws IOException {
        Path design = design("# no name\n" + DESIGN.replace("name: shop\n", ""));
        // the root mapping starts at its first key, line 2
        expectDesignError(design, 2, 1, "name", "missing required key 'name'");
    }

    @Test
    void injectionStepWithTwoNames() throws IOException {
        Path profile = profile(PROFILE.replace("  - constantUsersPerSec", "    constantUsersPerSec"));
        // the second key of the first step: "    constantUsersPerSec: ...", column 5
        expectProfileError(profile, 5, 5, "injection[0].constantUsersPerSec", "second key", "- ");
    }

    // ---------------------------------------------------------------- files and syntax

    @Test
    void designFileMissing() {
        Path design = dir.resolve("nope.yaml");
        Path profile = write("profile.yaml", PROFILE);
        for (Outcome o : both(design, profile)) {
            o.assertBadInput();
            assertEquals(design + ":1:1: file not found", o.firstErrorLine());
        }
    }

    @Test
    void profileFileMissing() {
        Path design = write("design.yaml", DESIGN);
        Path profile = dir.resolve("nope.yaml");
        for (Outcome o : both(design, profile)) {
            o.assertBadInput();
            assertEquals(profile + ":1:1: file not found", o.firstErrorLine());
        }
    }

    @Test
    void tabIndentation() throws IOException {
        Path design = design(DESIGN.replace("    type: service", "\ttype: service"));
        expectDesignError(design, 5, 1, "components.api", "YAML syntax error", "tab");
    }

    @Test
    void unclosedBracket() throws IOException {
        Path design = design(DESIGN.replace("cv: 0.5}", "cv: 0.5"));
        // "        demand: {dist: gamma, mean: 9ms, cv: 0.5": the '{' left open at column 17
        expectDesignError(design, 13, 17, "components.api.endpoints.checkout.demand", "YAML syntax error", "'{'",
                "never closed");
    }

    @Test
    void unclosedBracketFollowedByMoreLines() throws IOException {
        Path design = design(DESIGN.replace("timeout: 2s}", "timeout: 2s"));
        // the parser stops on the next line ("    endpoints:", at its ':'), and names the open '{'
        expectDesignError(design, 9, 14, "components.api.queue.timeout", "YAML syntax error", "'{' opened at line 8, column 12");
    }

    @Test
    void aliasesAreRefusedNotReadAsTheirNames() throws IOException {
        // the YAML parser hands "*fast" on as the text "fast": mean: *fast would have been read as a mean of "fast",
        // and an anchor named like a value (&5ms) would have put 5 ms where 9 ms was meant
        Path design = design(DESIGN.replace("mean: 5ms}", "mean: &fast 5ms}").replace("mean: 9ms,", "mean: *fast,"));
        expectDesignError(design, 13, 37, "components.api.endpoints.checkout.demand.mean", "YAML alias (*fast)", "write the value out");
        Path merged = design(DESIGN.replace("    queue: {capacity: 10, timeout: 2s}\n", "    queue: &q {capacity: 10, timeout: 2s}\n")
                .replace("    endpoints:\n", "    other: {<<: *q}\n    endpoints:\n"));
        expectDesignError(merged, 9, 17, "components.api.other.<<", "YAML alias (*q)");
    }

    @Test
    void aByteThatIsNotUtf8IsLocated() throws IOException {
        // a Latin-1 'é' in a comment on line 5 was "1:1: cannot read file: Input length = 1"
        Path design = design(DESIGN);
        Files.write(design, DESIGN.replace("    type: service\n", "    type: service # caf\u00e9\n")
                .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        for (Outcome o : both(design, write("profile.yaml", PROFILE))) {
            o.assertBadInput();
            assertEquals(design + ":5:24: not valid UTF-8 (byte 0xE9): save the file as UTF-8", o.firstErrorLine(), o.command);
        }
    }

    @Test
    void yamlsOwnInfinityIsNotANumberAndIsLocated() throws IOException {
        // was "YAML syntax error: Malformed numeric value '.inf'" with no path
        Path design = design(DESIGN.replace("concurrency: 4", "concurrency: .inf"));
        expectDesignError(design, 7, 18, "components.api.concurrency", "'.inf' is not a finite number");
    }

    @Test
    void aSecondDocumentOrAComplexKeyIsSaidInTheFilesTerms() throws IOException {
        // these named com.fasterxml.jackson.databind.JsonNode, DeserializationFeature and SnakeYAML's SequenceStartEvent
        Path two = design(DESIGN + "---\nname: other\n");
        for (Outcome o : both(two, write("profile.yaml", PROFILE))) {
            o.assertBadInput();
            assertEquals(two + ":15:1: YAML syntax error: a second YAML document starts here: a design, profile or study file holds one"
                    + " (no '---' between parts)", o.firstErrorLine(), o.command);
        }
        Path complex = design(DESIGN.replace("  api:\n", "  ? [a, b]\n  : 1\n  api:\n"));
        expectDesignError(complex, 4, 6, "components", "a key that is a list, a mapping or an alias ('? ...', '*name'): a key is a plain name");
        Path inFlow = design(DESIGN.replace("queue: {capacity: 10, timeout: 2s}", "queue: {capacity: 10, [a]: 2s}"));
        expectDesignError(inFlow, 8, 28, "components.api.queue", "a key that is a list, a mapping or an alias");
    }

    @Test
    void aCommaInAComponentsNameIsRefused() throws IOException {
        // its columns (api,x.instances) split in two in timeseries.csv, and `headroom report` read the file askew
        Path design = design(DESIGN.replace("entry: api", "entry: \"api,x\"").replace("  api:\n", "  \"api,x\":\n"));
        expectDesignError(design, 4, 3, "components.api,x", "heads columns of timeseries.csv", "cannot hold a comma");
    }

    @Test
    void duplicateKey() throws IOException {
        Path design = design(DESIGN.replace("    concurrency: 4\n", "    concurrency: 4\n    concurrency: 8\n"));
        expectDesignError(design, 8, 5, "components.api.concurrency", "duplicate key 'concurrency'", "line 7");
    }

    @Test
    void empiricalSampleFileMissing() throws IOException {
        Path design = design(DESIGN.replace("{dist: exponential, mean: 5ms}", "{dist: empirical, file: samples.csv, unit: ms}"));
        // "        demand: {dist: empirical, file: samples.csv, unit: ms}": 'samples.csv' at column 41
        expectDesignError(design, 11, 41, "components.api.endpoints.browse.demand.file", "sample file",
                dir.resolve("samples.csv").toString(), "not found");
    }

    @Test
    void empiricalSampleFileWithAMalformedRow() throws IOException {
        write("samples.csv", "ms\n4.5\n5.1\nfast\n6.0\n");
        Path design = design(DESIGN.replace("{dist: exponential, mean: 5ms}", "{dist: empirical, file: samples.csv, unit: ms}"));
        expectDesignError(design, 11, 41, "components.api.endpoints.browse.demand.file", "sample file",
                dir.resolve("samples.csv").toString(), "row 4", "'fast' is not a number");
    }

    @Test
    void empiricalWithAnUnknownOrder() throws IOException {
        write("samples.csv", "ms\n4.5\n5.1\n");
        Path design = design(DESIGN.replace("{dist: exponential, mean: 5ms}",
                "{dist: empirical, file: samples.csv, unit: ms, order: shuffled}"));
        // "        demand: {dist: empirical, file: samples.csv, unit: ms, order: shuffled}": 'shuffled' at column 71
        expectDesignError(design, 11, 71, "components.api.endpoints.browse.demand.order", "'shuffled'", "resample", "sequence");
    }

    // ---------------------------------------------------------------- good input

    @Test
    void theExamplesPassCheck() {
        Path examples = examples();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Headroom.execute(new String[] {"check", examples.resolve("shop.yaml").toString(), "--load",
                examples.resolve("profiles/ramp-then-steady.yaml").toString()}, new PrintWriter(out), new PrintWriter(err));
        assertEquals(0, status, () -> "stderr:\n" + err);
        assertEquals("", err.toString());
        assertTrue(out.toString().contains("ok"), out::toString);
    }

    @Test
    void aGoodRunWritesItsFolder() {
        // The bad-input tests check that --out is not created; here it is, so that check means something.
        Path design = write("design.yaml", DESIGN);
        Path profile = write("profile.yaml", PROFILE);
        Outcome o = run(design, profile);
        assertEquals(0, o.status, () -> "stderr:\n" + o.err);
        assertTrue(Files.isRegularFile(o.outDir.resolve("summary.json")));
    }

    // ---------------------------------------------------------------- helpers

    private Path design(String text) {
        return write("design.yaml", text);
    }

    private Path profile(String text) {
        return write("profile.yaml", text);
    }

    private Path write(String name, String text) {
        Path file = dir.resolve(name);
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return file;
    }

    private void expectDesignError(Path design, int line, int column, String path, String... messageParts) {
        Path profile = write("profile.yaml", PROFILE);
        expect(design, profile, design, line, column, path, messageParts);
    }

    private void expectProfileError(Path profile, int line, int column, String path, String... messageParts) {
        Path design = write("design.yaml", DESIGN);
        expect(design, profile, profile, line, column, path, messageParts);
    }

    /** Runs {@code run} and {@code check}; both must report the same located error first. */
    private void expect(Path design, Path profile, Path file, int line, int column, String path, String... messageParts) {
        for (Outcome o : both(design, profile)) {
            o.assertBadInput();
            String first = o.firstErrorLine();
            Matcher m = LOCATED.matcher(first);
            if (!m.matches()) {
                fail(o.command + ": first stderr line is not FILE:LINE:COL: PATH: message: " + first);
            }
            String where = o.command + ": " + first;
            assertEquals(file.toString(), m.group(1), where);
            assertEquals(line + ":" + column, m.group(2) + ":" + m.group(3), "line:column, " + where);
            assertEquals(path, m.group(4), where);
            for (String part : messageParts) {
                assertTrue(m.group(5).contains(part), () -> "message should mention '" + part + "': " + where);
            }
        }
    }

    private Outcome[] both(Path design, Path profile) {
        return new Outcome[] {run(design, profile), check(design, profile)};
    }

    private Outcome run(Path design, Path profile) {
        Path outDir = dir.resolve("out");
        return execute("run", outDir, "run", design.toString(), "--load", profile.toString(), "--out", outDir.toString());
    }

    private Outcome check(Path design, Path profile) {
        return execute("check", null, "check", design.toString(), "--load", profile.toString());
    }

    private static Outcome execute(String command, Path outDir, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Headroom.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Outcome(command, status, out.toString(), err.toString(), outDir);
    }

    private record Outcome(String command, int status, String out, String err, Path outDir) {
        void assertBadInput() {
            assertEquals(Headroom.BAD_INPUT, status, () -> command + ": exit status; stderr:\n" + err);
            assertFalse(err.contains("\tat ") || err.contains("Exception") || err.contains("internal error"),
                    () -> command + ": stack trace or internal error on stderr:\n" + err);
            assertFalse(err.isBlank(), command + ": nothing on stderr");
            if (outDir != null) {
                assertFalse(Files.exists(outDir), command + ": --out folder was created for bad input");
            }
        }

        String firstErrorLine() {
            return err.lines().findFirst().orElse("");
        }
    }

    /** examples/ at the top of the source tree (tests run in the module's folder). */
    private static Path examples() {
        Path here = Path.of("").toAbsolutePath();
        for (Path p = here; p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("examples/shop.yaml"))) {
                return p.resolve("examples");
            }
        }
        throw new IllegalStateException("no examples/shop.yaml above " + here);
    }
}
