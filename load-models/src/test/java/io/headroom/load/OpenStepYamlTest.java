package io.headroom.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.headroom.yaml.BadInputException;
import io.headroom.yaml.InputError;
import io.headroom.yaml.YamlDocument;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The new open steps as users write them in YAML (the syntax of the README's table), and bad input
 * reported at the exact key or value as {@code FILE:LINE:COL: PATH: message}.
 */
class OpenStepYamlTest {

    private static LoadProfile read(String injection) throws BadInputException {
        String text = "name: p\ninjection:\n" + injection;
        return LoadProfile.read(YamlDocument.parse(Path.of("p.yaml"), "p.yaml", text));
    }

    private static InputError error(String injection) {
        BadInputException e = assertThrows(BadInputException.class, () -> read(injection));
        return e.errors().get(0);
    }

    @Test
    void everyNewStepBinds() throws BadInputException {
        LoadProfile p = read("""
                  - nothingFor: {during: 30s}
                  - atOnceUsers: {users: 100}
                  - rampUsers: {users: 600, during: 1m}
                  - stressPeakUsers: {users: 1000, during: 20s}
                  - incrementUsersPerSec: {step: 10, times: 5, level: 1m, ramp: 10s, from: 20}
                  - incrementUsersPerSec: {step: 10, times: 3, level: 30s}
                  - diurnal: {peak: 800, trough: 50, period: 24h, phase: 4h, during: 48h}
                  - diurnal: {peak: 10, trough: 0, period: 1h, during: 2h}
                  - spikes: {base: 100, height: 900, every: 1h, width: 2m, during: 6h}
                  - piecewise: [[0s, 10], [10m, 50], [30m, 50], [40m, 0]]
                  - piecewise: {points: [[0s, 1], [90s, 2]]}
                  - piecewise:
                      - [0s, 5]
                      - [1m, 5]
                      - [1m, 20]
                      - [2m, 20]
                """);
        List<OpenStep> s = p.injection();
        assertEquals(new OpenStep.NothingFor(Duration.ofSeconds(30)), s.get(0));
        assertEquals(new OpenStep.AtOnceUsers(100L), s.get(1));
        assertEquals(new OpenStep.RampUsers(600L, Duration.ofMinutes(1)), s.get(2));
        assertEquals(new OpenStep.StressPeakUsers(1000L, Duration.ofSeconds(20)), s.get(3));
        assertEquals(new OpenStep.IncrementUsersPerSec(10.0, 5, Duration.ofMinutes(1), Duration.ofSeconds(10), 20.0), s.get(4));
        assertEquals(new OpenStep.IncrementUsersPerSec(10.0, 3, Duration.ofSeconds(30), Duration.ZERO, 0.0), s.get(5));
        assertEquals(new OpenStep.Diurnal(800.0, 50.0, Duration.ofHours(24), Duration.ofHours(4), Duration.ofHours(48)), s.get(6));
        assertEquals(Duration.ZERO, ((OpenStep.Diurnal) s.get(7)).phase());
        assertEquals(new OpenStep.Spikes(100.0, 900.0, Duration.ofHours(1), Duration.ofMinutes(2), Duration.ofHours(6)), s.get(8));
        assertEquals(new OpenStep.Piecewise(List.of(new RatePoint(Duration.ZERO, 10), new RatePoint(Duration.ofMinutes(10), 50),
                new RatePoint(Duration.ofMinutes(30), 50), new RatePoint(Duration.ofMinutes(40), 0))), s.get(9));
        assertEquals(Duration.ofSeconds(90), s.get(10).during());
        assertEquals(20, s.get(11).rateAt(60), 1e-12, "a jump: the later point's rate from its time on");
        assertEquals(5, s.get(11).rateAt(59.999), 1e-12);
        // durations: 5 levels of 1m with 4 ramps of 10s between them; from 0, a ramp before each of 3 levels
        assertEquals(Duration.ofSeconds(5 * 60 + 4 * 10), s.get(4).during());
        assertEquals(Duration.ofSeconds(90), s.get(5).during());
        assertEquals(Duration.ZERO, s.get(1).during());
    }

    @Test
    void aBurstNeedsTimeAfterIt() throws BadInputException {
        // atOnceUsers alone lasts no time, so a run would measure nothing: named, not run
        InputError e = error("  - atOnceUsers: {users: 5}\n");
        assertEquals("injection", e.path(), e.format());
        assertTrue(e.message().contains("nothingFor"), e.format());
        LoadProfile p = read("  - atOnceUsers: {users: 5}\n  - nothingFor: {during: 1m}\n");
        assertEquals(Duration.ofMinutes(1), p.duration());
        assertEquals(5, GatlingOracle.drain(p.arrivals(new io.headroom.random.RandomStreams(1))).length);
    }

    /** Each row: the step, the text its error points at (its first occurrence in the line), the path, a part of the message. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            - nothingFor: {during: 0s}                                          | 0s}       | injection[0].nothingFor.during               | positive duration
            - rampUsers: {users: 10, during: -5s}                               | -5s       | injection[0].rampUsers.during                | cannot be negative
            - rampUsers: {users: -10, during: 5s}                               | -10       | injection[0].rampUsers.users                 | zero or positive
            - rampUsers: {users: 10, during: 500ms}                             | 500ms     | injection[0].rampUsers.during                | at least 1s
            - atOnceUsers: {users: 2.5}                                         | 2.5       | injection[0].atOnceUsers.users               | whole number
            - stressPeakUsers: {users: 10, during: 0s}                          | 0s        | injection[0].stressPeakUsers.during          | positive duration
            - incrementUsersPerSec: {step: 10, times: 0, level: 1m}             | 0, level  | injection[0].incrementUsersPerSec.times      | positive
            - incrementUsersPerSec: {step: 10, times: 3, level: 1m, ramp: 500ms} | 500ms    | injection[0].incrementUsersPerSec.ramp       | at least 1s
            - incrementUsersPerSec: {step: -10, times: 3, level: 1m, from: 15}  | -10       | injection[0].incrementUsersPerSec.step       | rate goes negative: level 3 would be -5
            - incrementUsersPerSec: {step: -0.1, times: 4, level: 1m, from: 0.3} | -0.1 | injection[0].incrementUsersPerSec.step | rate goes negative
            - incrementUsersPerSec: {step: 10, times: 3, level: 1m, randomized: true} | randomized | injection[0].incrementUsersPerSec.randomized | unknown key
            - diurnal: {peak: 10, trough: -1, period: 1h, during: 2h}           | -1        | injection[0].diurnal.trough                  | zero or positive
            - diurnal: {peak: 10, trough: 20, period: 1h, during: 2h}           | 10        | injection[0].diurnal.peak                    | at least the trough
            - diurnal: {peak: 10, trough: 2, period: 0s, during: 2h}            | 0s        | injection[0].diurnal.period                  | positive duration
            - diurnal: {peak: 10, trough: 2, period: 1h}                        | {         | injection[0].diurnal.during                  | missing required key 'during'
            - spikes: {base: 10, height: -20, every: 1h, width: 1m, during: 2h} | -20       | injection[0].spikes.height                   | rate goes negative
            - spikes: {base: 10, height: 5, every: 1m, width: 1m, during: 2h}   | 1m, d     | injection[0].spikes.width                    | shorter than 'every'
            - spikes: {base: -1, height: 5, every: 1m, width: 1s, during: 2h}   | -1        | injection[0].spikes.base                     | zero or positive
            - piecewise: [[0s, 10], [10m, 50], [5m, 50]]                        | 5m        | injection[0].piecewise[2][0]                 | must not go back
            - piecewise: [[0s, 10], [10m, -5]]                                  | -5        | injection[0].piecewise[1][1]                 | zero or positive
            - piecewise: [[1m, 10], [10m, 5]]                                   | 1m        | injection[0].piecewise[0][0]                 | first point must be at 0s
            - piecewise: [[0s, 10], [600, 5]]                                   | 600       | injection[0].piecewise[1][0]                 | no unit
            - piecewise: [[0s, 10], [5m, x]]                                    | x]        | injection[0].piecewise[1][1]                 | expected a rate
            - piecewise: [[0s, 10]]                                             | [[        | injection[0].piecewise                       | at least two
            - piecewise: [[0s, 10], [0s, 5]]                                    | 0s, 5     | injection[0].piecewise[1][0]                 | after 0s
            - piecewise: [[0s, 10], [10m]]                                      | [10m      | injection[0].piecewise[1]                    | [time, rate]
            - piecewise: {points: [[0s, 10], [10m, 50], [5m, 50]]}              | 5m        | injection[0].piecewise.points[2][0]          | must not go back
            - piecewise: {pionts: [[0s, 10], [10m, 50]]}                        | pionts    | injection[0].piecewise.pionts                | unknown key
            """)
    void badInputIsReportedAtTheField(String step, String at, String path, String message) {
        String line = "  " + step;
        InputError e = error(line + "\n");
        assertEquals(path, e.path(), e.format());
        assertTrue(e.message().contains(message), e.format());
        assertEquals(3, e.mark().line(), e.format());
        assertEquals(line.indexOf(at) + 1, e.mark().column(), "column of '" + at + "': " + e.format());
    }
}
