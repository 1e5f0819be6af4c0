package io.headroom.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.headroom.design.Design;
import io.headroom.design.DesignReader;
import io.headroom.metrics.WindowSeries;
import io.headroom.yaml.BadInputException;
import io.headroom.yaml.YamlDocument;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * {@code replicas.initial} outside [min, max]: an HPA takes it, as the Kubernetes controller does, and moves the count
 * to the bound at its first sync ("Current number of replicas below Spec.MinReplicas"); EC2 Auto Scaling refuses a
 * desired capacity outside the group's bounds, and without an autoscaler nothing would ever move it.
 */
class InitialOutsideBoundsTest {
    private static final String DESIGN = """
            name: t
            entry: api
            components:
              api:
                type: service
                concurrency: 4
                cores: 4
                replicas: %s
                %s
                endpoints:
                  get: {demand: {dist: constant, value: 10ms}}
            """;

    private static Design read(String replicas, String autoscaling) throws BadInputException {
        return DesignReader.read(YamlDocument.parse(Path.of("design.yaml"), "design.yaml", DESIGN.formatted(replicas, autoscaling)))
                .design();
    }

    private static double[] instancesByWindow(String replicas) throws BadInputException {
        WindowSeries series = new WindowSeries();
        Models.run(read(replicas, "autoscaling: {policy: hpa, metric: cpu, target: 0.6}"), Models.poisson(20, 60), 1,
                RunOptions.DEFAULTS, series);
        return Arrays.copyOf(series.column("api.instances"), 4);
    }

    @Test
    void anHpaMovesTheCountToTheBoundAtItsFirstSync() throws BadInputException {
        // 20 requests/s x 10 ms is 0.2 busy cores: the metric alone would never ask for more than one instance.
        // The first sync is at 15 s (the sync period), so the window [10 s, 20 s) holds each count for half its length
        // (the column is the window's time-weighted mean); the move to max skips the scale-down stabilisation window.
        assertArrayEquals(new double[] {1, 2, 3, 3}, instancesByWindow("{initial: 1, min: 3, max: 6}"));
        assertArrayEquals(new double[] {8, 6, 4, 4}, instancesByWindow("{initial: 8, min: 1, max: 4}"));
    }

    @Test
    void otherwiseInitialMustLieInsideTheBounds() {
        BadInputException e = assertThrows(BadInputException.class, () -> read("{initial: 1, min: 3, max: 6}",
                "autoscaling: {policy: target-tracking, metric: cpu, target: 0.6}"));
        assertEquals("design.yaml:8:33: components.api.replicas.min: min (3) is above initial (1): EC2 Auto Scaling refuses a"
                + " desired capacity outside [min, max]; start inside them (an hpa alone accepts it, and moves the count to the"
                + " bound at its first sync)", e.errors().get(0).format());
        e = assertThrows(BadInputException.class, () -> read("{initial: 8, min: 1, max: 4}", "startup: 0s"));
        assertEquals("design.yaml:8:41: components.api.replicas.max: max (4) is below initial (8): without autoscaling the count"
                + " stays at initial; make them agree", e.errors().get(0).format());
        e = assertThrows(BadInputException.class, () -> read("{initial: 4, min: 5, max: 3}",
                "autoscaling: {policy: hpa, metric: cpu, target: 0.6}"));
        assertEquals("design.yaml:8:41: components.api.replicas.max: max (3) is below min (5)", e.errors().get(0).format());
    }
}
