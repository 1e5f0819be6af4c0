package io.headroom.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.headroom.request.ErrorCause;
import io.headroom.result.Summary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The typed summary is the whole of {@code summary.json}: every saved reference output of the
 * examples (single runs, replications with their {@code ci95}, found warm-ups, sharded stores,
 * caches, priced and unpriced designs) read into a {@link Summary} and written again gives the
 * file's bytes, and the typed figures are the file's numbers.
 */
class SummaryRoundTripTest {
    private static List<Path> references() throws Exception {
        try (Stream<Path> dirs = Files.list(Path.of("..", "examples", "reference"))) {
            return dirs.map(d -> d.resolve("summary.json")).filter(Files::isRegularFile).sorted().toList();
        }
    }

    @Test
    void everyReferenceSummaryReadsBackToTheSameBytes() throws Exception {
        List<Path> files = references();
        assertTrue(files.size() >= 70, "the reference outputs are there: " + files.size());
        int replicated = 0;
        for (Path f : files) {
            String text = Files.readString(f);
            Summary s = SummaryJson.parse(text);
            assertEquals(text, SummaryJson.render(s), f.toString());
            assertEquals(text, SummaryJson.render(SummaryJson.parse(SummaryJson.render(s))), f + ", twice");
            replicated += s.replication() == null ? 0 : 1;
        }
        assertTrue(replicated >= 2, "replicated summaries among them: " + replicated);
    }

    @Test
    void typedFiguresAreTheFilesNumbers() throws Exception {
        Path f = Path.of("..", "examples", "reference", "shop-replicated", "summary.json");
        var tree = new com.fasterxml.jackson.databind.ObjectMapper().readTree(f.toFile());
        Summary s = SummaryJson.parse(Files.readString(f));
        assertEquals(tree.at("/overall/requests").asDouble(), s.overall().requests());
        assertEquals(tree.at("/overall/errors/timeout").asDouble(), s.overall().errors().get(ErrorCause.TIMEOUT));
        assertEquals(ErrorCause.all().length, s.overall().errors().size());
        assertEquals(tree.at("/overall/latency_ms/p99").asDouble(), s.overall().latencyMs().p99());
        assertEquals(tree.at("/ci95/overall/latency_ms/p99").asDouble(), s.replication().halfWidths().overall().latencyMs().p99());
        assertEquals(tree.at("/replications").asInt(), s.replication().count());
        assertEquals(tree.at("/transient/busiest_window_p99_ms").asDouble(), s.transientFigures().busiestWindowP99Ms());
    }
}
