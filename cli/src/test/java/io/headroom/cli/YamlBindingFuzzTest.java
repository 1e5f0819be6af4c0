package io.headroom.cli;

import static org.junit.jupiter.api.Assertions.fail;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.headroom.study.StudyReader;
import io.headroom.yaml.BadInputException;
import io.headroom.yaml.InputError;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes the YAML binding of the three files a user writes — a design, a load profile, a study — through
 * the entry points {@code headroom check} and {@code headroom sweep} use. Whatever the bytes, the answer is
 * "ok" or a bad-input report whose every line names the file, line and column ({@code FILE:LINE:COL: ...},
 * exit 2), within two seconds; an internal error (exit 1) or any escaping {@link Throwable} is a finding.
 *
 * <p>Without {@code JAZZER_FUZZ=1} each method replays only its committed corpus,
 * {@code src/test/resources/io/headroom/cli/YamlBindingFuzzTestInputs/METHOD/} (the examples and every
 * input that once failed); {@code mvn -Pfuzz} fuzzes one method for a bounded time (docs/architecture.md).
 */
class YamlBindingFuzzTest {
    /** A bad-input line: file, line and column, then the message (an optional YAML path inside it). */
    private static final Pattern LOCATED = Pattern.compile("[^\\n]+:\\d+:\\d+: [^\\n]+");
    /** Designs a fuzzed profile is checked against: a mix of browse/checkout, one of page/report, none. */
    private static final List<String> PROFILE_DESIGNS = List.of("shop.yaml", "three-tier.yaml", "mm4.yaml");

    /** A copy of examples/ (designs, profiles, traces) beside which the fuzzed files are written. */
    private static Path work;

    @BeforeAll
    static void copyExamples() throws IOException {
        work = Files.createDirectories(Path.of("target", "fuzz-work")).toAbsolutePath();
        Path examples = examples();
        for (String dir : List.of("", "profiles", "traces", "studies")) {
            Files.createDirectories(work.resolve(dir));
            try (Stream<Path> files = Files.list(examples.resolve(dir))) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    Files.copy(f, work.resolve(dir).resolve(f.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        warmUp();
    }

    /**
     * Reads committed inputs once, unchecked, so that loading the classes they reach is not counted against
     * the first input that reaches them: one design and profile for a replay, all of them when fuzzing
     * (which instruments each class as it loads, slowly).
     */
    private static void warmUp() throws IOException {
        if (!fuzzing()) {
            check("check", work.resolve("shop.yaml").toString(), "--load", work.resolve("profiles/shop-day.yaml").toString());
            return;
        }
        for (String method : List.of("design", "profile", "study")) {
            Path inputs = Path.of("src/test/resources/io/headroom/cli/YamlBindingFuzzTestInputs", method);
            try (Stream<Path> files = Files.list(inputs)) {
                for (Path f : files.sorted().toList()) {
                    byte[] yaml = Files.readAllBytes(f);
                    try {
                        switch (method) {
                            case "design" -> checkDesign(yaml);
                            case "profile" -> checkProfile(yaml);
                            default -> checkStudy(yaml);
                        }
                    } catch (AssertionError | RuntimeException e) {
                        // reported by the replay of this input
                    }
                }
            }
        }
    }

    /** A design, as {@code headroom check DESIGN} reads it. */
    @Timeout(value = 2, unit = TimeUnit.SECONDS)
    @FuzzTest(maxDuration = "10m")
    void design(byte[] yaml) throws IOException {
        checkDesign(yaml);
    }

    private static void checkDesign(byte[] yaml) throws IOException {
        Path design = write(work.resolve("fuzzed-design.yaml"), yaml);
        check("check", design.toString());
    }

    /** A load profile, as {@code headroom check DESIGN --load PROFILE} reads it, against three example designs. */
    @Timeout(value = 2, unit = TimeUnit.SECONDS)
    @FuzzTest(maxDuration = "10m")
    void profile(byte[] yaml) throws IOException {
        checkProfile(yaml);
    }

    private static void checkProfile(byte[] yaml) throws IOException {
        Path profile = write(work.resolve("profiles/fuzzed-profile.yaml"), yaml);
        for (String design : PROFILE_DESIGNS) {
            check("check", work.resolve(design).toString(), "--load", profile.toString());
        }
    }

    /**
     * A study, as {@code headroom sweep} and {@code headroom compare} read it (every point bound and checked)
     * before they run anything; its bad-input errors are printed as the command line prints them.
     */
    @Timeout(value = 2, unit = TimeUnit.SECONDS)
    @FuzzTest(maxDuration = "10m")
    void study(byte[] yaml) throws IOException {
        checkStudy(yaml);
    }

    private static void checkStudy(byte[] yaml) throws IOException {
        Path study = write(work.resolve("studies/fuzzed-study.yaml"), yaml);
        try {
            StudyReader.read(study);
        } catch (BadInputException e) {
            if (e.errors().isEmpty()) {
                fail("a bad-input report without an error");
            }
            for (InputError error : e.errors()) {
                located(error.format(), error.format());
            }
        }
    }

    /** Whether Jazzer fuzzes (JAZZER_FUZZ, read as Jazzer reads it) rather than replays. */
    private static boolean fuzzing() {
        return Stream.of(System.getenv("JAZZER_FUZZ"), System.getProperty("JAZZER_FUZZ"))
                .anyMatch(v -> v != null && List.of("true", "1", "yes").contains(v.toLowerCase(Locale.ROOT)));
    }

    private static void check(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Headroom.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        if (status == Headroom.OK) {
            return;
        }
        if (status != Headroom.BAD_INPUT || err.toString().isBlank()) {
            fail("exit " + status + " from headroom " + String.join(" ", args) + ":\n" + err);
        }
        for (String line : err.toString().split("\n")) {
            located(line, err.toString());
        }
    }

    private static void located(String line, String all) {
        if (!LOCATED.matcher(line).matches()) {
            fail("a bad-input line without FILE:LINE:COL: " + line + "\nin:\n" + all);
        }
    }

    private static Path write(Path file, byte[] bytes) throws IOException {
        return Files.write(file, bytes);
    }

    /** examples/ at the top of the source tree (tests run in the module's folder). */
    private static Path examples() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("examples/shop.yaml"))) {
                return p.resolve("examples");
            }
        }
        throw new IllegalStateException("no examples/shop.yaml above " + Path.of("").toAbsolutePath());
    }
}
