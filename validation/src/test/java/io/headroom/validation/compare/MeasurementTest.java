package io.headroom.validation.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.headroom.load.arrival.ArrivalStream;
import io.headroom.load.LoadProfile;
import io.headroom.load.OpenStep;
import io.headroom.random.RandomStreams;
import io.headroom.validation.gatling.RecordedRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.distribution.TDistribution;
import org.junit.jupiter.api.Test;

/** Hand-computed measurements and replays. */
class MeasurementTest {

    /** One request every 100 ms for 10 s; response times cycle 10, 20, ..., 100 ms; every tenth fails. */
    private static List<RecordedRequest> run() {
        List<RecordedRequest> out = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            int status = i % 10 == 9 ? 503 : 200;
            out.add(new RecordedRequest(i * 100.0, 10.0 * (i % 10 + 1), 10L * (i % 10 + 1), status, "get"));
        }
        return out;
    }

    @Test
    void figuresAreThoseOfTheMeasuredPeriod() {
        // warm-up 2 s, end 10 s: requests 20..99 start inside; 72 succeed with 10..90 ms, 8 failed
        Measurement m = Measurement.of(run(), 2, 10, 4, 5);
        assertEquals(80, m.requests());
        assertEquals(0.1, m.overall().errorRate(), 1e-12);
        // nine values 10..90 equally often: the median is 50, p90 is 90 (HdrHistogram: within 0.1 %)
        assertEquals(50, m.overall().p50(), 0.05);
        assertEquals(90, m.overall().p90(), 0.09);
        assertEquals(90, m.overall().p99(), 0.09);
        // successful completions inside [2 s, 10 s): those of requests 20..99 (the last ends at 9.98 s) minus failures,
        // plus none from before (request 19 failed): 72 over 8 s
        assertEquals(72 / 8.0, m.overall().throughput(), 1e-12);
        // every 2-second batch is the same (20 requests, the same cycle twice): no spread, zero half-widths
        assertEquals(0, m.halfWidth().p50(), 1e-9);
        assertEquals(0, m.halfWidth().errorRate(), 1e-12);
        assertEquals(2, m.windows().size(), "5 s windows by completion over 10 s");
        assertEquals(45, m.windows().get(0).ok());
    }

    @Test
    void batchMeansUseStudentT() {
        // two batches: the first with errors at 20 %, the second at 0 %: half-width t(0.975, 1) * sd / sqrt(2)
        List<RecordedRequest> r = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            r.add(new RecordedRequest(i * 100.0, 10, 10, i < 2 ? 500 : 200, "get"));
            r.add(new RecordedRequest(1000 + i * 100.0, 10, 10, 200, "get"));
        }
        Measurement m = Measurement.of(r, 0, 2, 2, 1);
        double sd = Math.sqrt(2 * 0.1 * 0.1); // values 0.2 and 0: mean 0.1, sample sd 0.1414
        assertEquals(new TDistribution(1).inverseCumulativeProbability(0.975) * sd / Math.sqrt(2), m.halfWidth().errorRate(), 1e-12);
        assertEquals(0.1, m.overall().errorRate(), 1e-12);
    }

    @Test
    void aReplayArrivesAtTheRecordedTimesToTheNanosecond() {
        LoadProfile original = new LoadProfile("p", null, Map.of(), Duration.ofSeconds(1),
                List.of(new OpenStep.ConstantUsersPerSec(10.0, Duration.ofSeconds(5), true)));
        List<RecordedRequest> r = List.of(new RecordedRequest(0, 5, 5, 200, "get"), new RecordedRequest(12.345678, 5, 5, 200, "get"),
                new RecordedRequest(12.345678, 5, 5, 200, "get"), new RecordedRequest(4000.5, 5, 5, 200, "get"));
        LoadProfile replay = Replay.of(r, original, 5);
        assertEquals(Duration.ofSeconds(5), replay.duration());
        assertEquals(Duration.ofSeconds(1), replay.warmup());
        ArrivalStream a = replay.arrivals(new RandomStreams(1));
        assertEquals(0L, a.next());
        assertEquals(12_345_678L, a.next());
        assertEquals(12_345_678L, a.next());
        assertEquals(4_000_500_000L, a.next());
        assertEquals(ArrivalStream.END, a.next());
    }
}
