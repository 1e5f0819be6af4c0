package io.headroom.cli;

import static io.headroom.cli.RunCommandTest.EXAMPLES;
import static io.headroom.cli.RunCommandTest.headroom;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report of a run: report.html, report.md and the chart PNGs, and {@code headroom report DIR}. */
class ReportTest {
    static final List<String> FILES = List.of("report.html", "report.md", "chart-load.png", "chart-latency.png", "chart-utilisation.png");

    /** The example shop renamed {@code a<b&c}, under a short profile. */
    private static Path run(Path tmp) throws Exception {
        String shop = Files.readString(EXAMPLES.resolve("shop.yaml"));
        assertTrue(shop.contains("\nname: shop\n"));
        Path design = tmp.resolve("design.yaml");
        Files.writeString(design, shop.replace("\nname: shop\n", "\nname: \"a<b&c\"\nslos: [\"p99 < 250ms\", \"errors < 0.1%\"]\n"));
        Path profile = tmp.resolve("short.yaml");
        Files.writeString(profile, String.join("\n",
                "name: short",
                "mix: {browse: 0.9, checkout: 0.1}",
                "warmup: 10s",
                "injection:",
                "  - rampUsersPerSec: {from: 50, to: 400, during: 30s}",
                "  - constantUsersPerSec: {rate: 400, during: 30s, randomized: true}",
                ""));
        Path out = tmp.resolve("out");
        var o = headroom("run", design.toString(), "--load", profile.toString(), "--out", out.toString());
        assertEquals(0, o.status(), o.err());
        assertTrue(o.out().contains("report.html"), o.out());
        return out;
    }

    @Test
    void aDamagedTimeSeriesIsRefusedNotDrawn(@TempDir Path tmp) throws Exception {
        // report drew a file cut off mid-row, or with a cell edited to text, as if the missing values were gaps (exit 0)
        Path ref = EXAMPLES.resolve("reference/run-shop--ramp-then-steady");
        String series = Files.readString(ref.resolve("timeseries.csv"));
        String[] lines = series.split("\n");
        for (String[] c : new String[][] {
                {series.substring(0, lines[0].length() + 1 + lines[1].length() + 1 + 40),
                        ":3: " + lines[2].substring(0, 40).split(",", -1).length + " cells, the header has 22 (a truncated or edited file)"},
                {series.replaceFirst("\n10,", "\n10,abc"), ":3: '" + "abc" + lines[2].split(",")[1] + "' in column arrivals is not a number"}}) {
            Path dir = Files.createDirectories(tmp.resolve("d" + c[1].length()));
            Files.copy(ref.resolve("summary.json"), dir.resolve("summary.json"));
            Files.writeString(dir.resolve("timeseries.csv"), c[0]);
            var o = headroom("report", dir.toString());
            assertEquals(Headroom.BAD_INPUT, o.status(), o.out() + o.err());
            assertTrue(o.err().contains(dir.resolve("timeseries.csv") + c[1]), o.err());
            assertFalse(Files.exists(dir.resolve("report.html")), "nothing drawn");
        }
    }

    @Test
    void runWritesASelfContainedEscapedReport(@TempDir Path tmp) throws Exception {
        Path out = run(tmp);
        for (String f : FILES) {
            assertTrue(Files.size(out.resolve(f)) > 0, f);
        }
        try (var files = Files.list(out)) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().endsWith(".tmp") || p.getFileName().toString().startsWith(".headroom-staging-")), "staged files left behind");
        }
        String html = Files.readString(out.resolve("report.html"));
        String lower = html.toLowerCase(java.util.Locale.ROOT);
        for (String external : List.of("src=\"http", "href=\"http", "src=\"//", "href=\"//", "url(", "@import", "<script", "<link")) {
            assertFalse(lower.contains(external), external);
        }
        assertFalse(lower.contains("http:") || lower.contains("https:"), "no URL at all");
        assertTrue(html.contains("a&lt;b&amp;c"), "the design name escaped");
        assertFalse(html.contains("a<b"), "the design name raw");
        Matcher m = Pattern.compile("src=\"([^\"]*)\"").matcher(html);
        int images = 0;
        while (m.find()) {
            assertTrue(m.group(1).startsWith("data:image/png;base64,"), m.group(1));
            byte[] png = Base64.getDecoder().decode(m.group(1).substring("data:image/png;base64,".length()));
            BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
            assertNotNull(img);
            assertEquals(1200, img.getWidth());
            images++;
        }
        assertEquals(5, images);

        String md = Files.readString(out.resolve("report.md"));
        assertTrue(md.contains("a&lt;b&amp;c"), md);
        for (String s : List.of("requests", "throughput", "p99.9", "## Errors by cause", "utilisation", "cpu", "queue",
                "p99 < 250ms".replace("<", "&lt;"), "](chart-load.png)", "](chart-latency.png)", "](chart-utilisation.png)")) {
            assertTrue(md.contains(s), s + " in\n" + md);
        }
        assertTrue(md.contains("| api |"), md);
        for (String chart : List.of("chart-load.png", "chart-latency.png", "chart-utilisation.png", "chart-latency-cdf.png", "chart-cost.png")) {
            String svg = Files.readString(out.resolve(chart.replace(".png", ".svg")));
            assertTrue(svg.startsWith("<?xml") || svg.startsWith("<svg"), chart + " has its SVG beside it");
            assertTrue(svg.contains("width='1200.0' height='600.0'"), chart);
            BufferedImage img = ImageIO.read(out.resolve(chart).toFile());
            assertNotNull(img, chart);
            assertEquals(1200, img.getWidth(), chart);
            assertEquals(600, img.getHeight(), chart);
        }
    }

    @Test
    void reportReRendersTheSameBytes(@TempDir Path tmp) throws Exception {
        Path out = run(tmp);
        byte[][] before = new byte[FILES.size()][];
        for (int i = 0; i < FILES.size(); i++) {
            before[i] = Files.readAllBytes(out.resolve(FILES.get(i)));
            Files.delete(out.resolve(FILES.get(i)));
        }
        var o = headroom("report", out.toString());
        assertEquals(0, o.status(), o.err());
        for (int i = 0; i < FILES.size(); i++) {
            assertArrayEquals(before[i], Files.readAllBytes(out.resolve(FILES.get(i))), FILES.get(i));
        }
    }

    @Test
    void reportToleratesBlankCellsAndOtherColumns(@TempDir Path tmp) throws Exception {
        Path out = run(tmp);
        // a time series of another design: no instances columns, a blank row of percentiles, two components
        Files.writeString(out.resolve("timeseries.csv"), String.join("\n",
                "t_s,arrivals,completions,errors,p50_ms,p95_ms,p99_ms,db.utilisation,web.utilisation,window_s",
                "0,100,90,0,10,20,30,0.5,0.2,10",
                "10,0,0,0,,,,0,,10",
                "20,50,55,1,12,22,,0.25,0.1,",
                ""));
        Path summary = out.resolve("summary.json");
        Files.writeString(summary, Files.readString(summary).replaceFirst("\"timeout\": 0", "\"timeout\": 1234"));
        var o = headroom("report", out.toString());
        assertEquals(0, o.status(), o.err());
        String md = Files.readString(out.resolve("report.md"));
        assertTrue(md.contains("| timeout | 1,234 |"), md);
        BufferedImage img = ImageIO.read(out.resolve("chart-utilisation.png").toFile());
        assertEquals(600, img.getHeight());
    }

    @Test
    void missingFilesExitTwo(@TempDir Path tmp) throws Exception {
        var none = headroom("report", tmp.resolve("nowhere").toString());
        assertEquals(2, none.status());
        assertTrue(none.err().contains("no such folder"), none.err());

        Files.writeString(tmp.resolve("summary.json"), "{}");
        var o = headroom("report", tmp.toString());
        assertEquals(2, o.status());
        assertTrue(o.err().contains("lacks timeseries.csv"), o.err());
        assertFalse(Files.exists(tmp.resolve("report.html")));

        Files.writeString(tmp.resolve("timeseries.csv"), "t_s,arrivals\n0,1\n");
        var bad = headroom("report", tmp.toString());
        assertEquals(2, bad.status(), bad.err());
        assertTrue(bad.err().contains("summary.json"), bad.err());
        assertFalse(Files.exists(tmp.resolve("report.html")));
    }
}
