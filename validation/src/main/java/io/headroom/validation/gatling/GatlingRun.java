package io.headroom.validation.gatling;

import io.headroom.design.DesignReader;
import io.headroom.yaml.BadInputException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Runs Gatling 3.15 in this JVM ({@code io.gatling.app.Gatling.fromArgs}) with {@link ProfileSimulation}
 * against a loopback address, and returns every request it made. Gatling's own results (simulation.log and
 * its HTML report) go into a folder of {@code resultsFolder}. The settings are in {@code gatling.conf} on the
 * class path (no analytics, no warm-up URL, the file writer only), logging in {@code logback.xml} (WARN).
 * The JVM needs {@code --add-opens java.base/java.lang=ALL-UNNAMED --add-opens
 * java.base/jdk.internal.misc=ALL-UNNAMED} (the headroom jar's manifest carries them). One run at a time. Gatling's
 * latest-release check is turned off first ({@link ReleaseCheck}): nothing but loopback is contacted.
 */
public final class GatlingRun {

    /** What a run produced: the requests in start order, Gatling's report folder, its exit status. */
    public record Result(List<RecordedRequest> requests, long[] ids, long epochNs, Path reportDir, int exitStatus) {
    }

    private GatlingRun() {
    }

    public static synchronized Result run(DesignReader.LoadedProfile profile, URI baseUrl, List<String> entryEndpoints, long seed,
                                          Path resultsFolder, String description) throws BadInputException, IOException {
        GatlingPlan.check(profile);
        InetAddress host = InetAddress.getByName(baseUrl.getHost());
        if (!host.isLoopbackAddress()) {
            throw new IllegalArgumentException("validation drives loopback addresses only, not " + baseUrl);
        }
        ReleaseCheck.turnOff();
        GatlingPlan plan = new GatlingPlan(profile, baseUrl, entryEndpoints, seed);
        Files.createDirectories(resultsFolder);
        GatlingPlan.install(plan);
        int status;
        try {
            status = io.gatling.app.Gatling$.MODULE$.fromArgs(new String[] {
                "--simulation", ProfileSimulation.class.getName(),
                "--results-folder", resultsFolder.toAbsolutePath().toString(),
                "--run-description", description,
                "--launcher", "headroom"});
        } finally {
            GatlingPlan.install(null);
        }
        return new Result(plan.recorder().requests(), plan.recorder().ids(), plan.recorder().epochNs(), newestRunFolder(resultsFolder),
                status);
    }

    /** Gatling writes each run into a new folder {@code <simulation>-<timestamp>}. */
    static Path newestRunFolder(Path resultsFolder) throws IOException {
        try (Stream<Path> s = Files.list(resultsFolder)) {
            return s.filter(Files::isDirectory).max(Comparator.comparing(p -> p.toFile().lastModified())).orElse(null);
        }
    }
}
