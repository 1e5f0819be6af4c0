package io.headroom.openmetrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.headroom.openmetrics.OpenMetricsText.Label;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The exposition grammar: names, label escaping, families grouped, series in time order, {@code # EOF}. */
class OpenMetricsTextTest {
    private static final String ENDPOINT = "say \"hi\"\\\nnext line \\n {x=\"y\"} é";

    @Test
    void trickyNamesAreEscapedAndReadBackExactly() {
        OpenMetricsText t = new OpenMetricsText();
        t.gauge("headroom_instances", null, "Instances.");
        List<Label> labels = List.of(new Label("component", "a.b-c"), new Label("endpoint", ENDPOINT), new Label("empty", ""));
        t.sample("headroom_instances", labels, "3", 1_000);
        String text = t.render();
        assertEquals("""
                # TYPE headroom_instances gauge
                # HELP headroom_instances Instances.
                headroom_instances{component="a.b-c",endpoint="say \\"hi\\"\\\\\\nnext line \\\\n {x=\\"y\\"} é",empty=""} 3 1
                # EOF
                """, text);
        List<OpenMetricsGrammar.Sample> read = OpenMetricsGrammar.parse(text);
        assertEquals(1, read.size());
        assertEquals(Map.of("component", "a.b-c", "endpoint", ENDPOINT, "empty", ""), read.get(0).labels());
    }

    @Test
    void familiesAndSeriesAreGroupedWhateverTheOrderOfAdding() {
        OpenMetricsText t = new OpenMetricsText();
        t.gauge("headroom_b_seconds", "seconds", "B, a back\\slash and a\nline feed.");
        t.gauge("headroom_a", null, "A.");
        List<Label> x = List.of(new Label("run", "x"));
        List<Label> y = List.of(new Label("run", "y"));
        t.sample("headroom_a", x, 1, 10_000);
        t.sample("headroom_b_seconds", x, 0.5, 10_000);
        t.sample("headroom_a", y, 2, 10_000);
        t.sample("headroom_a", x, 3, 20_500);
        t.sample("headroom_b_seconds", x, 1e-4, 20_000);
        String text = t.render();
        assertEquals("""
                # TYPE headroom_b_seconds gauge
                # UNIT headroom_b_seconds seconds
                # HELP headroom_b_seconds B, a back\\\\slash and a\\nline feed.
                headroom_b_seconds{run="x"} 0.5 10
                headroom_b_seconds{run="x"} 1.0E-4 20
                # TYPE headroom_a gauge
                # HELP headroom_a A.
                headroom_a{run="x"} 1 10
                headroom_a{run="x"} 3 20.500
                headroom_a{run="y"} 2 10
                # EOF
                """, text);
        assertEquals(5, OpenMetricsGrammar.parse(text).size());
        assertEquals(5, t.samples());
    }

    @Test
    void aFamilyWithoutSamplesIsLeftOut() {
        OpenMetricsText t = new OpenMetricsText();
        t.gauge("headroom_nothing", null, "Nothing.");
        assertEquals("# EOF\n", t.render());
    }

    @Test
    void numbersAndTimestamps() {
        assertEquals("12", OpenMetricsText.number(12.0));
        assertEquals("-3", OpenMetricsText.number(-3.0));
        assertEquals("0.1", OpenMetricsText.number(0.1));
        assertEquals("1.41E-4", OpenMetricsText.number(1.41e-4));
        assertEquals("1.0E15", OpenMetricsText.number(1e15));
        assertEquals("NaN", OpenMetricsText.number(Double.NaN));
        assertEquals("+Inf", OpenMetricsText.number(Double.POSITIVE_INFINITY));
        assertEquals("-Inf", OpenMetricsText.number(Double.NEGATIVE_INFINITY));
        assertEquals("1796083200", OpenMetricsText.timestamp(1_796_083_200_000L));
        assertEquals("1796083200.005", OpenMetricsText.timestamp(1_796_083_200_005L));
        assertEquals("-1.500", OpenMetricsText.timestamp(-1_500L));
        assertEquals("0", OpenMetricsText.timestamp(0));
    }

    @Test
    void whatTheFormatForbidsIsRefused() {
        OpenMetricsText t = new OpenMetricsText();
        assertThrows(IllegalArgumentException.class, () -> t.gauge("1headroom", null, "x"));
        assertThrows(IllegalArgumentException.class, () -> t.gauge("headroom-x", null, "x"));
        assertThrows(IllegalArgumentException.class, () -> t.gauge("headroom_latency_ms", "seconds", "x"));
        assertThrows(IllegalArgumentException.class, () -> t.gauge("headroom_requests_total", null, "x"));
        assertThrows(IllegalArgumentException.class, () -> t.gauge("headroom_x", null, "a \"quoted\" help"));
        assertThrows(IllegalArgumentException.class, () -> new Label("__name__", "x"));
        assertThrows(IllegalArgumentException.class, () -> new Label("a-b", "x"));
        assertThrows(IllegalArgumentException.class, () -> new Label("a.b", "x"));
        t.gauge("headroom_x", null, "X.");
        assertThrows(IllegalArgumentException.class, () -> t.gauge("headroom_x", null, "Another help."));
        assertThrows(IllegalArgumentException.class, () -> t.sample("headroom_y", List.of(), 1, 0));
        assertThrows(IllegalArgumentException.class, () -> t.sample("headroom_x", List.of(), "twelve", 0));
        List<Label> twice = List.of(new Label("a", "1"), new Label("a", "2"));
        assertThrows(IllegalArgumentException.class, () -> t.sample("headroom_x", twice, 1, 0));
        t.sample("headroom_x", List.of(), 1, 5_000);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> t.sample("headroom_x", List.of(), 1, 5_000));
        assertTrue(e.getMessage().contains("not after"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> t.sample("headroom_x", List.of(), 1, 4_000));
    }

    @Test
    void theStrictReaderCatchesWhatTheWriterMustNotDo() {
        String ok = "# TYPE a gauge\na 1 1\n# EOF\n";
        assertEquals(1, OpenMetricsGrammar.parse(ok).size());
        for (String bad : List.of(
                "# TYPE a gauge\na 1 1\n",                                  // no EOF
                "# TYPE a gauge\na 1 1\n# EOF\nx",                          // text after EOF
                "# TYPE a gauge\na 1 1\n# TYPE b gauge\nb 1 1\n# TYPE a gauge\na 1 2\n# EOF\n", // a family twice
                "# TYPE a gauge\na 1 1\n# HELP a late\n# EOF\n",            // metadata after samples
                "# TYPE a gauge\na{x=\"1\"} 1 1\na{x=\"2\"} 1 1\na{x=\"1\"} 1 2\n# EOF\n", // a series split
                "# TYPE a gauge\na 1 2\na 1 1\n# EOF\n",                    // time going back
                "# TYPE a gauge\na{x=\"\\t\"} 1 1\n# EOF\n",                // unknown escape
                "# TYPE a_seconds gauge\n# UNIT a_seconds bytes\na_seconds 1 1\n# EOF\n", // unit not the suffix
                "# TYPE a gauge\na{x=\"1\",} 1 1\n# EOF\n",                 // trailing comma
                "# TYPE a gauge\nb 1 1\n# EOF\n")) {                        // a sample outside its family
            assertThrows(AssertionError.class, () -> OpenMetricsGrammar.parse(bad), bad);
        }
    }

    @Test
    void columnsOfTheTimeSeriesMapOntoFamiliesAndLabels() {
        assertEquals(new RunMetrics.Column("headroom_utilisation_ratio", List.of(new Label("component", "a.b-c")), false),
                RunMetrics.column("a.b-c.utilisation"));
        assertEquals(new RunMetrics.Column("headroom_queue_length", List.of(new Label("component", "x.cpu")), false),
                RunMetrics.column("x.cpu.queue"));
        assertEquals(new RunMetrics.Column("headroom_cpu_requested_ratio", List.of(new Label("pool", "general")), false),
                RunMetrics.column("general.cpu_requested"));
        assertEquals(new RunMetrics.Column("headroom_dns_share_ratio",
                        List.of(new Label("router", "dns.a"), new Label("region", "eu-west-1")), false),
                RunMetrics.column("dns.a.share.eu-west-1"));
        assertEquals(new RunMetrics.Column("headroom_errors_by_cause", List.of(new Label("cause", "timeout")), false),
                RunMetrics.column("errors.timeout"));
        assertEquals(new RunMetrics.Column("headroom_instances", List.of(new Label("component", "errors")), false),
                RunMetrics.column("errors.instances"));
        assertEquals(new RunMetrics.Column("headroom_latency_seconds", List.of(new Label("stat", "p95")), true),
                RunMetrics.column("p95_ms"));
        assertEquals(new RunMetrics.Column("headroom_column", List.of(new Label("column", "something_new")), false),
                RunMetrics.column("something_new"));
        assertEquals(new RunMetrics.Column("headroom_column", List.of(new Label("column", ".cpu")), false),
                RunMetrics.column(".cpu"));
        assertEquals("0.013434879", RunMetrics.msToSeconds("13.434879"));
        assertEquals("1", RunMetrics.msToSeconds("1000"));
        assertEquals("0.0000141", RunMetrics.msToSeconds("1.41E-2"));
    }
}
