package io.headroom.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tags, cost allocation and budgets from YAML, end to end: the roll-ups in summary.json, cost-allocation.csv, the
 * terminal and the report, by hand; the budget's days on a constant fleet; cost_per_month as an SLO; mistakes located,
 * exit 2, nothing written.
 */
class CostAllocationInputTest {
    /**
     * The load → {@code gateway} (untagged: 2 × c6i.large, 0.17 USD/h), which calls {@code cart} (team checkout, 2 ×
     * c6i.large, 0.17) and {@code search} (team discovery, 3 × c6i.xlarge, 0.51) once per request; cart calls {@code db}
     * (untagged, r6i.xlarge, 0.252) once, search twice. 1.102 USD/h in all, 804.46 a month.
     */
    private static final String DESIGN = String.join("\n",
            "name: teams",
            "entry: gateway",
            "budget: {monthly: 700, alerts: [50%, 80%, 100%, 150%]}",
            "slos: [\"cost_per_month < $800\"]",
            "components:",
            "  gateway:",
            "    type: service",
            "    replicas: 2",
            "    concurrency: 32",
            "    instance: {type: c6i.large}",
            "    tags: {env: prod}",
            "    endpoints:",
            "      page:",
            "        demand: {dist: constant, value: 1ms}",
            "        calls: [{to: cart}, {to: search}]",
            "  cart:",
            "    type: service",
            "    replicas: 2",
            "    concurrency: 16",
            "    instance: {type: c6i.large}",
            "    tags: {team: checkout, env: prod, cost-center: \"CC 1042\"}",
            "    endpoints:",
            "      page: {demand: {dist: constant, value: 2ms}, calls: [{to: db, endpoint: query}]}",
            "  search:",
            "    type: service",
            "    replicas: 3",
            "    concurrency: 16",
            "    instance: {type: c6i.xlarge}",
            "    tags: {team: discovery, env: prod}",
            "    endpoints:",
            "      page: {demand: {dist: constant, value: 2ms}, calls: [{to: db, endpoint: query}, {to: db, endpoint: query}]}",
            "  db:",
            "    type: service",
            "    replicas: 1",
            "    concurrency: 64",
            "    instance: {type: r6i.xlarge}",
            "    endpoints:",
            "      query: {demand: {dist: constant, value: 1ms}}",
            "");

    /** A whole hour, so that no rounding at the end of the run (the 60-second minimum) enters the figures. */
    private static Path profile(Path dir) throws Exception {
        return Files.writeString(dir.resolve("p.yaml"), "name: p\ninjection:\n  - constantUsersPerSec: {rate: 2, during: 1h}\n");
    }

    /**
     * By hand: db's 0.252 goes 1/3 to checkout and 2/3 to discovery (one call against two, every request), the gateway's
     * 0.17 half each (it sent each team one request per request): checkout 0.17 + 0.085 + 0.084 = 0.339, discovery 0.51 +
     * 0.085 + 0.168 = 0.763 over the hour — 33.9 and 76.3 cents, which largest remainder makes 34 and 76 of the total's
     * 110; a month is 730 hours: 247.47 and 556.99 (804.46). {@code env}: prod has everything (db, shared, goes to the
     * prod components that call it). {@code cost-center}: only cart carries it; search's requests trace back to the load
     * alone, so db and the gateway are cart's, and search itself, which exchanged requests with no tagged component, goes
     * by the requests the tagged components received: all to "CC 1042", nothing unallocated.
     */
    @Test
    void rollupsByTagAddUpToTheTotalAndSplitSharedCostsByRequests(@TempDir Path tmp) throws Exception {
        Path d = Files.writeString(tmp.resolve("d.yaml"), DESIGN);
        Path out = tmp.resolve("out");
        var o = RunCommandTest.headroom("run", d.toString(), "--load", profile(tmp).toString(), "--out", out.toString());
        assertEquals(0, o.status(), o.out() + o.err());
        JsonNode cost = new ObjectMapper().readTree(out.resolve("summary.json").toFile()).path("cost");
        assertEquals(1.102, cost.path("total_usd").asDouble(), 1e-9);
        assertEquals(804.46, cost.path("per_month_usd").asDouble(), 1e-9);
        JsonNode team = cost.path("allocation").path("by_tag").path("team");
        assertEquals("by-requests", cost.path("allocation").path("shared").asText());
        assertEquals(0.34, team.path("values").path("checkout").path("usd").asDouble());
        assertEquals(0.76, team.path("values").path("discovery").path("usd").asDouble());
        assertEquals(0.0, team.path("unallocated").path("usd").asDouble());
        assertEquals(247.47, team.path("values").path("checkout").path("per_month_usd").asDouble());
        // 7,200 requests: db got 7,200 from cart and 14,400 from search; the gateway sent 7,200 to each
        assertEquals(0.333333, team.path("shared").path("db").path("checkout").asDouble());
        assertEquals(0.666667, team.path("shared").path("db").path("discovery").asDouble());
        assertEquals(0.5, team.path("shared").path("gateway").path("checkout").asDouble());
        assertEquals(556.99, team.path("values").path("discovery").path("per_month_usd").asDouble());
        JsonNode env = cost.path("allocation").path("by_tag").path("env");
        assertEquals(1.10, env.path("values").path("prod").path("usd").asDouble());
        assertEquals(804.46, env.path("values").path("prod").path("per_month_usd").asDouble());
        JsonNode center = cost.path("allocation").path("by_tag").path("cost-center");
        assertEquals(1.10, center.path("values").path("CC 1042").path("usd").asDouble());
        assertEquals(0.0, center.path("unallocated").path("usd").asDouble());

        assertEquals(String.join("\n", "tag_key,tag_value,kind,usd,per_month_usd",
                "cost-center,CC 1042,value,1.10,804.46",
                "cost-center,,unallocated,0.00,0.00",
                "env,prod,value,1.10,804.46",
                "env,,unallocated,0.00,0.00",
                "team,checkout,value,0.34,247.47",
                "team,discovery,value,0.76,556.99",
                "team,,unallocated,0.00,0.00", ""), Files.readString(out.resolve("cost-allocation.csv")));
        assertTrue(o.out().contains("$1.1020/h  $804.46/month"), o.out());
        assertTrue(o.out().contains("  wrote " + out.resolve("cost-allocation.csv") + " (the cost by tag)"), o.out());
        assertTrue(o.out().contains("cost by team: checkout $0.34 ($247.47/month), discovery $0.76 ($556.99/month),"
                + " unallocated $0.00 ($0.00/month) [shared: by-requests]"), o.out());
        String md = Files.readString(out.resolve("report.md"));
        assertTrue(md.contains("| team | discovery | $0.76 | $556.99 | 69.2 % |"), md);
        assertTrue(md.contains("| per month (per hour × 730) | $804.46 |"), md);
        assertTrue(md.contains("| team | db | checkout 33.3 %, discovery 66.7 % |"), md);
    }

    /**
     * A constant fleet of 1.102 USD/h against 700 a month: 350 is reached at hour 350 / 1.102 = 317.60 (day 14), 560 at
     * 508.17 (day 22), 700 at 635.21 (day 27); 1,050 never (the month is 804.46: over budget, 114.9 %). The SLO
     * {@code cost_per_month < $800} is missed by 4.46.
     */
    @Test
    void budgetAlertsFireOnTheDaysAConstantFleetGives(@TempDir Path tmp) throws Exception {
        Path d = Files.writeString(tmp.resolve("d.yaml"), DESIGN);
        Path out = tmp.resolve("out");
        var o = RunCommandTest.headroom("run", d.toString(), "--load", profile(tmp).toString(), "--out", out.toString());
        assertEquals(0, o.status(), o.out() + o.err());
        JsonNode s = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        JsonNode b = s.path("cost").path("budget");
        assertEquals(700.0, b.path("monthly_usd").asDouble());
        assertEquals(804.46, b.path("projected_month_usd").asDouble(), 1e-9);
        assertTrue(b.path("over_budget").asBoolean());
        int[] days = {14, 22, 27};
        double[] usd = {350, 560, 700};
        for (int i = 0; i < 3; i++) {
            JsonNode a = b.path("alerts").get(i);
            assertEquals(usd[i], a.path("usd").asDouble());
            assertEquals(Math.round(usd[i] / 1.102 * 1e4) / 1e4, a.path("hour").asDouble(), 1e-9);
            assertEquals(days[i], a.path("day").asInt());
        }
        assertTrue(b.path("alerts").get(3).path("day").isNull());
        assertTrue(o.out().contains("budget     $700.00/month: projected $804.46 (114.9%) — OVER BUDGET"), o.out());
        assertTrue(o.out().contains("alerts     50% day 14, 80% day 22, 100% day 27, 150% not reached"), o.out());
        JsonNode slo = s.path("slo").get(0);
        assertEquals("cost_per_month < $800", slo.path("expr").asText());
        assertEquals(804.46, slo.path("value").asDouble(), 1e-9);
        assertFalse(slo.path("pass").asBoolean());
    }

    /** A design without tags or budget writes no allocation, no budget and no CSV; its cost gains only per_month_usd. */
    @Test
    void aDesignWithoutTagsWritesNoAllocation(@TempDir Path tmp) throws Exception {
        String plain = DESIGN.replaceAll("    tags: .*\n", "").replace("budget: {monthly: 700, alerts: [50%, 80%, 100%, 150%]}\n", "");
        Path d = Files.writeString(tmp.resolve("d.yaml"), plain);
        Path out = tmp.resolve("out");
        var o = RunCommandTest.headroom("run", d.toString(), "--load", profile(tmp).toString(), "--out", out.toString());
        assertEquals(0, o.status(), o.out() + o.err());
        JsonNode cost = new ObjectMapper().readTree(out.resolve("summary.json").toFile()).path("cost");
        assertTrue(cost.path("allocation").isMissingNode());
        assertTrue(cost.path("budget").isMissingNode());
        assertEquals(804.46, cost.path("per_month_usd").asDouble(), 1e-9);
        assertFalse(Files.exists(out.resolve("cost-allocation.csv")));
        assertFalse(o.out().contains("cost by"), o.out());
    }

    /**
     * Tags survive the regions' expansion: {@code api@us-east-1} and {@code api@eu-west-1} are team shop's, db team
     * data's; the router and the balancers' copies (shared) go down to the services they serve, the traffic between
     * regions by the requests the tagged components received: nothing unallocated, and the values add up to the total
     * to the cent.
     */
    @Test
    void aRegionalCopyKeepsItsTags(@TempDir Path tmp) throws Exception {
        String design = String.join("\n",
                "name: two-regions",
                "entry: dns",
                "regions:",
                "  us-east-1: {users: 60%}",
                "  eu-west-1: {users: 40%}",
                "components:",
                "  dns: {type: global-router, policy: latency, target: web, ttl: 60s}",
                "  web: {type: load-balancer, regions: [us-east-1, eu-west-1], target: api}",
                "  api:",
                "    type: service",
                "    regions: [us-east-1, eu-west-1]",
                "    tags: {team: shop}",
                "    instance: {type: c6i.large}",
                "    replicas: 2",
                "    concurrency: 16",
                "    endpoints:",
                "      browse: {demand: {dist: exponential, mean: 5ms}, response-size: 10KB, calls: [{to: db}]}",
                "  db:",
                "    type: service",
                "    regions: [us-east-1]",
                "    tags: {team: data}",
                "    instance: {type: r6i.xlarge}",
                "    replicas: 1",
                "    concurrency: 32",
                "    endpoints:",
                "      browse: {demand: {dist: constant, value: 1ms}, request-size: 1KB, response-size: 4KB}",
                "");
        Path d = Files.writeString(tmp.resolve("d.yaml"), design);
        Path p = Files.writeString(tmp.resolve("p.yaml"), "name: p\ninjection:\n  - constantUsersPerSec: {rate: 20, during: 1h}\n");
        Path out = tmp.resolve("out");
        var o = RunCommandTest.headroom("run", d.toString(), "--load", p.toString(), "--out", out.toString());
        assertEquals(0, o.status(), o.out() + o.err());
        JsonNode cost = new ObjectMapper().readTree(out.resolve("summary.json").toFile()).path("cost");
        JsonNode team = cost.path("allocation").path("by_tag").path("team");
        assertEquals(0.0, team.path("unallocated").path("usd").asDouble());
        long shop = Math.round(team.path("values").path("shop").path("usd").asDouble() * 100);
        long data = Math.round(team.path("values").path("data").path("usd").asDouble() * 100);
        assertEquals(Math.round(cost.path("total_usd").asDouble() * 100), shop + data);
        // shop: its 4 c6i.large (0.34 USD/h) at least, with the balancers' hours; data: its r6i.xlarge (0.252) at least
        assertTrue(shop >= 34 + 4 && data >= 25, team.toString());
    }

    /**
     * A store of data may carry tags: a 1 TiB standard bucket (1,024 GB × 0.023 USD per GB-month = 23.552 a month) is
     * discovery's: 556.99 + 23.552 = 580.54 of 828.01.
     */
    @Test
    void aBucketCarriesTags(@TempDir Path tmp) throws Exception {
        Path d = Files.writeString(tmp.resolve("d.yaml"), DESIGN
                + "storage:\n  images: {type: bucket, class: standard, size: 1Ti, tags: {team: discovery}}\n");
        Path out = tmp.resolve("out");
        var o = RunCommandTest.headroom("run", d.toString(), "--load", profile(tmp).toString(), "--out", out.toString());
        assertEquals(0, o.status(), o.out() + o.err());
        JsonNode cost = new ObjectMapper().readTree(out.resolve("summary.json").toFile()).path("cost");
        assertEquals(828.01, cost.path("per_month_usd").asDouble(), 0.005);
        JsonNode team = cost.path("allocation").path("by_tag").path("team");
        assertEquals(580.54, team.path("values").path("discovery").path("per_month_usd").asDouble());
        assertEquals(247.47, team.path("values").path("checkout").path("per_month_usd").asDouble());
        assertEquals("storage.images.tags: tags are a map of key to value, e.g. tags: {team: checkout, env: prod}",
                LocatedErrors.check(Files.writeString(tmp.resolve("bad.yaml"), DESIGN
                        + "storage:\n  images: {type: bucket, class: standard, size: 1Ti, tags: discovery}\n")).replaceFirst("^.*?: ", ""));
    }

    /** Counting requests for the allocation changes nothing of the run: the same time series with tags as without. */
    @Test
    void tagsChangeNothingOfTheRun(@TempDir Path tmp) throws Exception {
        String plain = DESIGN.replaceAll("    tags: .*\n", "");
        Path p = profile(tmp);
        for (String[] c : new String[][] {{"tagged", DESIGN}, {"plain", plain}}) {
            Path d = Files.writeString(tmp.resolve(c[0] + ".yaml"), c[1]);
            var o = RunCommandTest.headroom("run", d.toString(), "--load", p.toString(), "--out", tmp.resolve(c[0]).toString());
            assertEquals(0, o.status(), o.out() + o.err());
        }
        assertEquals(Files.readString(tmp.resolve("plain/timeseries.csv")), Files.readString(tmp.resolve("tagged/timeseries.csv")));
    }

    /** The shared rule even: the gateway's and db's 0.422 half each: checkout 0.381, discovery 0.721. */
    @Test
    void anEvenSplit(@TempDir Path tmp) throws Exception {
        Path d = Files.writeString(tmp.resolve("d.yaml"), DESIGN.replace("name: teams\n", "name: teams\ncost-allocation: {shared: even}\n"));
        Path out = tmp.resolve("out");
        var o = RunCommandTest.headroom("run", d.toString(), "--load", profile(tmp).toString(), "--out", out.toString());
        assertEquals(0, o.status(), o.out() + o.err());
        JsonNode team = new ObjectMapper().readTree(out.resolve("summary.json").toFile()).path("cost").path("allocation")
                .path("by_tag").path("team");
        assertEquals(278.13, team.path("values").path("checkout").path("per_month_usd").asDouble());
        assertEquals(526.33, team.path("values").path("discovery").path("per_month_usd").asDouble());
    }

    private static String refused(Path tmp, String from, String to) throws Exception {
        assertTrue(DESIGN.contains(from), from);
        Path d = Files.writeString(tmp.resolve("bad.yaml"), DESIGN.replace(from, to));
        return LocatedErrors.run(d, tmp, to).substring(d.toString().length() + 1);
    }

    @Test
    void badTagsAreLocated(@TempDir Path tmp) throws Exception {
        assertEquals("11:22: components.gateway.tags.aws:team: tag key 'aws:team': keys beginning with aws: are reserved for AWS's own tags",
                refused(tmp, "tags: {env: prod}", "tags: {aws:team: prod}"));
        assertEquals("11:11: components.gateway.tags: tags are a map of key to value, e.g. tags: {team: checkout, env: prod}",
                refused(tmp, "tags: {env: prod}", "tags: [env, prod]"));
        assertTrue(refused(tmp, "tags: {env: prod}", "tags: {env: \"prod#1\"}")
                .endsWith("components.gateway.tags.env: tag value 'prod#1' has a character AWS refuses: use letters, digits, spaces and _ . : / = + - @"));
        assertTrue(refused(tmp, "tags: {env: prod}", "tags: {env: {a: b}}")
                .endsWith("components.gateway.tags.env: a tag's value is text, e.g. env: checkout"));
        assertTrue(refused(tmp, "name: teams\n", "name: teams\ncost-allocation: {shared: by-cpu}\n").startsWith("2:"));
        assertTrue(refused(tmp, "name: teams\n", "name: teams\ncost-allocation: {tags: {cart: {team: a}}}\n")
                .contains("cost-allocation.tags: tags are written on the components themselves"));
    }

    @Test
    void badBudgetsAreLocated(@TempDir Path tmp) throws Exception {
        assertTrue(refused(tmp, "monthly: 700", "monthly: -5")
                .startsWith("3:"), "negative");
        assertTrue(refused(tmp, "monthly: 700", "monthly: -5").contains("budget.monthly: a monthly budget in USD is positive"));
        assertTrue(refused(tmp, "alerts: [50%, 80%, 100%, 150%]", "alerts: [80%, 50%]")
                .contains("budget.alerts[1]: thresholds go up"));
        assertTrue(refused(tmp, "alerts: [50%, 80%, 100%, 150%]", "alerts: [50]")
                .contains("budget.alerts[0]: a threshold is a share of the budget: write 50% or 0.5"));
        assertTrue(refused(tmp, "alerts: [50%, 80%, 100%, 150%]", "alerts: [half]").startsWith("3:"));
        assertTrue(refused(tmp, "budget: {monthly: 700, ", "budget: {").contains("budget.monthly"));
        assertTrue(refused(tmp, "cost_per_month < $800", "cost_per_month < $800 over 5m")
                .contains("a cost SLO holds over the whole run"));
    }
}
