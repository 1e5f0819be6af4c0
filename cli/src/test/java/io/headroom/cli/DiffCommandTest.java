package io.headroom.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code headroom diff} end to end on the rightsizing example and the option {@code advise} ranked first (three
 * c7g.large instead of eight m5.xlarge: cheaper and a little slower): the figures are {@code compare}'s from the same
 * seeds, the bill follows from the price list, an SLO broken by the change exits 3, {@code --fail-on-regression}
 * fires just below the measured rise and not just above it, {@code --git} reads the base from a revision, and the
 * Markdown renders as GitHub renders it.
 */
class DiffCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** m5.xlarge and c7g.large on demand in us-east-1 (the bundled price list), USD an hour. */
    private static final double M5_XLARGE = 0.192;
    private static final double C7G_LARGE = 0.0725;

    private static Path profile(Path dir) throws Exception {
        return Files.writeString(dir.resolve("p.yaml"), "name: short\nwarmup: 20s\ninjection:\n"
                + "  - constantUsersPerSec: {rate: 400, during: 2m, randomized: true}\n");
    }

    private static Path example(Path dir, String name) throws Exception {
        return Files.writeString(dir.resolve(name), Files.readString(Path.of("..", "examples", name)));
    }

    /** The advised design with one instance: cheaper still, and overloaded. */
    private static Path oneInstance(Path dir) throws Exception {
        String text = Files.readString(Path.of("..", "examples", "rightsizing-advised.yaml"));
        assertTrue(text.contains("replicas: 3"));
        return Files.writeString(dir.resolve("one.yaml"), text.replace("replicas: 3", "replicas: 1")
                .replace("name: rightsizing-advised", "name: rightsizing-one"));
    }

    private static JsonNode metric(JsonNode diff, String key) {
        for (JsonNode m : diff.path("metrics")) {
            if (m.path("key").asText().equals(key)) {
                return m;
            }
        }
        throw new AssertionError("no metric " + key + " in " + diff);
    }

    @Test
    void aCheaperSlowerChangeReadsAsCompareReadsIt(@TempDir Path dir) throws Exception {
        Path base = example(dir, "rightsizing.yaml");
        Path head = example(dir, "rightsizing-advised.yaml");
        Path p = profile(dir);
        Path json = dir.resolve("diff.json");
        var o = RunCommandTest.headroom("diff", base.toString(), head.toString(), "--load", p.toString(), "--replications", "3",
                "--format", "json", "--out", json.toString());
        assertEquals(0, o.status(), o.err());
        assertTrue(o.out().contains("rightsizing -> rightsizing-advised under short, 3 replications"), o.out());
        var c = RunCommandTest.headroom("compare", base.toString(), head.toString(), "--load", p.toString(), "--replications", "3",
                "--out", dir.resolve("cmp").toString());
        assertEquals(0, c.status(), c.err());
        JsonNode cmp = JSON.readTree(dir.resolve("cmp").resolve("compare.json").toFile());
        JsonNode d = JSON.readTree(json.toFile());
        // the same runs: every latency figure and difference is compare's, to the digit
        JsonNode before = cmp.path("designs").get(0).path("metrics");
        JsonNode after = cmp.path("designs").get(1).path("metrics");
        JsonNode paired = cmp.path("differences").get(0).path("metrics");
        for (String key : List.of("mean_ms", "p50_ms", "p95_ms", "p99_ms")) {
            JsonNode m = metric(d, key);
            assertEquals(before.path(key).asDouble(), m.path("before").asDouble(), 0, key);
            assertEquals(after.path(key).asDouble(), m.path("after").asDouble(), 0, key);
            assertEquals(paired.path(key).path("mean").asDouble(), m.path("difference").asDouble(), 0, key);
            assertEquals(paired.path(key).path("ci95").asDouble(), m.path("difference_ci95").asDouble(), 0, key);
            assertEquals(paired.path(key).path("significant").asBoolean(), m.path("significant").asBoolean(), key);
        }
        JsonNode cost = metric(d, "cost_per_month_usd");
        assertEquals(before.path("cost_per_hour_usd").asDouble() * 730, cost.path("before").asDouble(), 1e-6);
        assertEquals(after.path("cost_per_hour_usd").asDouble() * 730, cost.path("after").asDouble(), 1e-6);
        assertEquals(cost.path("after").asDouble() - cost.path("before").asDouble(), cost.path("difference").asDouble(), 1e-6);
        assertTrue(cost.path("difference").asDouble() < -900, "eight m5.xlarge to three c7g.large saves about $960 a month: " + cost);
        // the service's own bill a month, from the price list: 8 × 0.192 and 3 × 0.0725 USD an hour, × 730 hours
        JsonNode api = d.path("components").get(0);
        assertEquals("api", api.path("name").asText());
        assertEquals("changed", api.path("change").asText());
        assertEquals(8 * M5_XLARGE * 730, api.path("cost_per_month_usd").path("before").asDouble(), 1e-6);
        assertEquals(3 * C7G_LARGE * 730, api.path("cost_per_month_usd").path("after").asDouble(), 1e-6);
        assertEquals(8, api.path("instances").path("before").asDouble(), 0);
        assertEquals(3, api.path("instances").path("after").asDouble(), 0);
        // the load balancer's bill did not move: it is not listed
        assertEquals(1, d.path("components").size(), d.path("components").toString());
        for (JsonNode s : d.path("slos")) {
            assertEquals("still met", s.path("change").asText(), s.toString());
        }
        // slower: the p99 rose, significantly, under common random numbers
        JsonNode p99 = metric(d, "p99_ms");
        assertTrue(p99.path("difference").asDouble() > 0 && p99.path("significant").asBoolean(), p99.toString());
    }

    @Test
    void anSloBrokenByTheChangeExitsThree(@TempDir Path dir) throws Exception {
        Path base = example(dir, "rightsizing-advised.yaml");
        Path head = oneInstance(dir);
        Path md = dir.resolve("comment.md");
        var o = RunCommandTest.headroom("diff", base.toString(), head.toString(), "--load", profile(dir).toString(),
                "--replications", "2", "--format", "markdown", "--out", md.toString());
        assertEquals(Headroom.SLO_MISSED, o.status(), o.out() + o.err());
        assertTrue(o.err().contains("rightsizing-one breaks the SLO p99 < 150ms, which rightsizing-advised met"), o.err());
        assertTrue(o.err().contains("breaks the SLO errors < 0.1%"), o.err());
        String text = Files.readString(md);
        assertTrue(text.contains("> [!CAUTION]\n> This change breaks 2 SLOs that the base met: `p99 < 150ms`, `errors < 0.1%`."), text);
        assertTrue(text.contains("| `p99 < 150ms` | met ("), text);
        // the same designs the other way round: fixing SLOs is no regression
        var back = RunCommandTest.headroom("diff", head.toString(), base.toString(), "--load", profile(dir).toString(),
                "--replications", "2");
        assertEquals(0, back.status(), back.err());
        assertTrue(back.out().contains("(fixed)"), back.out());
    }

    @Test
    void failOnRegressionFiresJustBelowTheMeasuredRiseAndNotAbove(@TempDir Path dir) throws Exception {
        Path base = example(dir, "rightsizing.yaml");
        Path head = example(dir, "rightsizing-advised.yaml");
        Path p = profile(dir);
        var o = RunCommandTest.headroom("diff", base.toString(), head.toString(), "--load", p.toString(), "--replications", "3",
                "--format", "json");
        assertEquals(0, o.status(), o.err());
        JsonNode d = JSON.readTree(o.out());
        double rise = 0;
        for (String key : List.of("mean_ms", "p50_ms", "p95_ms", "p99_ms")) {
            JsonNode m = metric(d, key);
            if (m.path("significant").asBoolean()) {
                rise = Math.max(rise, m.path("relative_pct").asDouble());
            }
        }
        assertTrue(rise > 0.5, "some latency rose significantly: " + d.path("metrics"));
        var below = RunCommandTest.headroom("diff", base.toString(), head.toString(), "--load", p.toString(), "--replications", "3",
                "--fail-on-regression", String.valueOf(rise - 0.05));
        assertEquals(Headroom.SLO_MISSED, below.status(), below.err());
        assertTrue(below.err().contains("(more than --fail-on-regression"), below.err());
        var above = RunCommandTest.headroom("diff", base.toString(), head.toString(), "--load", p.toString(), "--replications", "3",
                "--fail-on-regression", String.valueOf(rise + 0.05));
        assertEquals(0, above.status(), above.err());
    }

    @Test
    void gitReadsTheBaseFromARevisionOfTheSamePath(@TempDir Path dir) throws Exception {
        Path repo = Files.createDirectories(dir.resolve("repo"));
        Path design = example(repo, "rightsizing.yaml");
        Path p = profile(repo);
        git(repo, "init", "-q", "-b", "main");
        git(repo, "add", ".");
        git(repo, "-c", "user.name=t", "-c", "user.email=t@example.invalid", "commit", "-q", "-m", "base");
        Files.writeString(design, Files.readString(design).replace("replicas: 8", "replicas: 6"));
        var o = RunCommandTest.headroom("diff", "--git", "HEAD", design.toString(), "--load", p.toString(), "--replications", "2",
                "--format", "json");
        assertEquals(0, o.status(), o.err());
        JsonNode d = JSON.readTree(o.out());
        assertEquals("rightsizing (HEAD:" + design + ")", d.path("base").path("label").asText());
        assertEquals("rightsizing (" + design + ")", d.path("head").path("label").asText());
        JsonNode api = d.path("components").get(0);
        assertEquals(8, api.path("instances").path("before").asDouble(), 0);
        assertEquals(6, api.path("instances").path("after").asDouble(), 0);
        assertEquals(-2 * M5_XLARGE * 730, api.path("cost_per_month_usd").path("difference").asDouble(), 1e-6);
        // the user's index is untouched: the edit is still only in the working tree
        assertTrue(git(repo, "status", "--porcelain").lines().anyMatch(l -> l.equals(" M rightsizing.yaml")),
                git(repo, "status", "--porcelain"));
        var bad = RunCommandTest.headroom("diff", "--git", "no-such-branch", design.toString(), "--load", p.toString());
        assertEquals(Headroom.BAD_INPUT, bad.status());
        assertTrue(bad.err().contains("--git no-such-branch: no such revision"), bad.err());
        Path added = example(repo, "rightsizing-advised.yaml");
        var fresh = RunCommandTest.headroom("diff", "--git", "HEAD", added.toString(), "--load", p.toString());
        assertEquals(Headroom.BAD_INPUT, fresh.status());
        assertTrue(fresh.err().contains("rightsizing-advised.yaml does not exist at HEAD"), fresh.err());
        var outside = RunCommandTest.headroom("diff", "--git", "HEAD", Files.writeString(
                Files.createDirectories(dir.resolve("elsewhere")).resolve("d.yaml"), Files.readString(design)).toString(),
                "--load", p.toString());
        assertEquals(Headroom.BAD_INPUT, outside.status());
        assertTrue(outside.err().contains("git rev-parse failed"), outside.err());
    }

    @Test
    void theMarkdownRendersAsGitHubRendersIt(@TempDir Path dir) throws Exception {
        Path base = example(dir, "rightsizing.yaml");
        Path head = example(dir, "rightsizing-advised.yaml");
        var o = RunCommandTest.headroom("diff", base.toString(), head.toString(), "--load", profile(dir).toString(),
                "--replications", "2", "--format", "github");
        assertEquals(0, o.status(), o.err());
        String md = o.out();
        assertTrue(md.startsWith("<!-- headroom-diff " + head.toString().replace('\\', '/') + " -->\n"), md);
        var ext = List.of(TablesExtension.create());
        String html = HtmlRenderer.builder().extensions(ext).build().render(Parser.builder().extensions(ext).build().parse(md));
        // three tables: the figures (6 rows), the SLOs (2), the changed components (1)
        assertEquals(3, count(html, "<table>"), html);
        assertEquals(1 + 6 + 1 + 2 + 1 + 1, count(html, "<tr>"), html);
        assertTrue(html.contains("<td>Cost a month</td>"), html);
        assertTrue(html.contains("<td align=\"right\">$1,121.28 → $158.77</td>"), html);
        assertTrue(html.contains("<summary>SLOs (2 met)</summary>"), html);
        assertFalse(html.contains("|---"), "no table left unrendered: " + html);
    }

    @Test
    void badInvocationsExitTwoWithAReason(@TempDir Path dir) throws Exception {
        Path base = example(dir, "rightsizing.yaml");
        Path p = profile(dir);
        var one = RunCommandTest.headroom("diff", base.toString(), "--load", p.toString());
        assertEquals(Headroom.BAD_INPUT, one.status());
        assertTrue(one.err().contains("name two designs, BASE and HEAD (or one with --git REF)"), one.err());
        var format = RunCommandTest.headroom("diff", base.toString(), base.toString(), "--load", p.toString(), "--format", "yaml");
        assertEquals(Headroom.BAD_INPUT, format.status());
        assertTrue(format.err().contains("'yaml': the formats are text, markdown, github and json"), format.err());
        var pct = RunCommandTest.headroom("diff", base.toString(), base.toString(), "--load", p.toString(), "--fail-on-regression", "-1");
        assertEquals(Headroom.BAD_INPUT, pct.status());
        Path broken = Files.writeString(dir.resolve("broken.yaml"), Files.readString(base).replace("replicas: 8", "replicas: many"));
        var located = RunCommandTest.headroom("diff", base.toString(), broken.toString(), "--load", p.toString(), "--out",
                dir.resolve("never.md").toString());
        assertEquals(Headroom.BAD_INPUT, located.status());
        assertTrue(located.err().contains(broken + ":") && located.err().contains("components.api.replicas"), located.err());
        assertFalse(Files.exists(dir.resolve("never.md")), "nothing written on bad input");
        // same name, same path given twice: labels still tell the sides apart
        var same = RunCommandTest.headroom("diff", base.toString(), base.toString(), "--load", p.toString(), "--replications", "2",
                "--format", "json");
        assertEquals(0, same.status(), same.err());
        JsonNode d = JSON.readTree(same.out());
        assertEquals("rightsizing (base)", d.path("base").path("label").asText());
        assertEquals("rightsizing (head)", d.path("head").path("label").asText());
        assertEquals(0, d.path("components").size(), "a design against itself changes nothing");
        assertEquals(0, metric(d, "p99_ms").path("difference").asDouble(), 0);
    }

    private static int count(String text, String what) {
        Matcher m = Pattern.compile(Pattern.quote(what)).matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    static String git(Path dir, String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of("git"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "git finished");
        assertEquals(0, p.exitValue(), "git " + String.join(" ", args) + ": " + out);
        return out;
    }
}
