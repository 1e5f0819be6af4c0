package io.headroom.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.headroom.cluster.ClusterFigures;
import io.headroom.design.DesignReader;
import io.headroom.load.LoadProfile;
import io.headroom.load.OpenStep;
import io.headroom.metrics.WindowSeries;
import io.headroom.vpa.Recommendation;
import io.headroom.vpa.Recommender;
import io.headroom.design.cluster.UsageHistory;
import io.headroom.yaml.BadInputException;
import io.headroom.yaml.YamlDocument;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A VPA seeded with a usage history (a CSV beside the design): the run starts with a recommendation resting on it. */
class VerticalHistoryTest {
    private static final String DESIGN = """
            name: t
            entry: api
            cluster:
              node-pools:
                general:
                  instance: {type: m6i.large}
                  reserved: {cpu: 0}
                  nodes: 2
                  provisioning: {dist: constant, value: 60s}
              autoscaler: {kind: none}
            components:
              api:
                type: service
                pod: {cpu-request: 500m, startup: {dist: constant, value: 10s}}
                replicas: {initial: 2, min: 1, max: 3}
                vertical: {policy: vpa, update-mode: Initial, history: %s}
                concurrency: 4
                cores: 1
                endpoints:
                  get: {demand: {dist: constant, value: 10ms}}
            """;

    @TempDir
    Path dir;

    private RunResult run(String history, long seconds) throws BadInputException {
        var d = DesignReader.read(YamlDocument.parse(dir.resolve("design.yaml"), "design.yaml", DESIGN.formatted(history))).design();
        LoadProfile steady = new LoadProfile("steady", null, Map.of(), Duration.ZERO,
                List.of(new OpenStep.ConstantUsersPerSec(40.0, Duration.ofSeconds(seconds), false)));
        return Runner.run(d, dir, steady, 1, RunOptions.DEFAULTS, new WindowSeries());
    }

    @Test
    void aPodCreatedAtTheStartOfTheRunRequestsTheHistorysTarget() throws Exception {
        // a day of 0.5 cores a minute, ending a minute before the run: target 587m (UsageHistoryTest works it out by hand)
        StringBuilder csv = new StringBuilder("timestamp,cpu\n");
        for (int m = 0; m <= 1440; m++) {
            csv.append(1_700_000_000L + 60L * m).append(",0.5\n");
        }
        Files.writeString(dir.resolve("h.csv"), csv);
        RunResult r = run("h.csv", 150);
        // the pods created as the run starts request the history's target at once
        List<String> requests = r.cluster().events().stream().filter(e -> e.kind().equals("pod-request"))
                .map(e -> e.tNs() / 1_000_000_000L + " pod " + e.pod() + " " + e.detail()).toList();
        assertEquals(List.of("0 pod 0 587m (vpa)", "0 pod 1 587m (vpa)"), requests);
        // at the end (150 s): the history and the run's samples (0.2 cores a pod at 60 s and 120 s), as a recommender fed
        // both directly
        Recommender oracle = new Recommender();
        oracle.seed(UsageHistory.read(dir.resolve("h.csv")), 0.5);
        for (long t = 60; t <= 120; t += 60) {
            oracle.addCpuSample(0.2, 0.5, t * 1_000_000_000L);
            oracle.addCpuSample(0.2, 0.5, t * 1_000_000_000L);
        }
        Recommendation expected = oracle.recommend(150 * 1_000_000_000L);
        ClusterFigures.Vpa got = r.cluster().vpa().get("api");
        assertEquals(List.of((double) expected.targetMilli(), (double) expected.lowerMilli(), (double) expected.upperMilli(),
                expected.historyDays()), List.of(got.targetMilli(), got.lowerMilli(), got.upperMilli(), got.historyDays()));
        assertEquals(true, got.enoughHistory()); // a day of history and the run's minutes: over the 1-day threshold
    }

    @Test
    void aMissingOrBadHistoryIsLocated() throws Exception {
        BadInputException e = assertThrows(BadInputException.class, () -> run("nowhere.csv", 60));
        // at the design's key, as other file references are, the file's own place in the message
        assertEquals("design.yaml:16:60: components.api.vertical.history: history file " + dir.resolve("nowhere.csv")
                + ":1:1: not found", e.errors().get(0).format());
        Files.writeString(dir.resolve("bad.csv"), "timestamp,cpu\n60,0.1\n60,-0.1\n");
        e = assertThrows(BadInputException.class, () -> run("bad.csv", 60));
        assertEquals("design.yaml:16:60: components.api.vertical.history: history file " + dir.resolve("bad.csv")
                + ":3:4: cpu '-0.1' must be between 0 and 1000 cores (the recommender's histogram ends at 1000)",
                e.errors().get(0).format());
    }
}
