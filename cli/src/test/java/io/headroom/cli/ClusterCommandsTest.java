package io.headroom.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.headroom.random.RandomStreams;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.math3.distribution.TDistribution;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every command on a Kubernetes design ({@code examples/k8s-api.yaml}: an HPA asks for pods, the Cluster Autoscaler
 * adds m6i.xlarge nodes), end to end under a four-minute ramp that outgrows the two initial nodes: {@code check},
 * {@code run} (same seed, same bytes; {@code --replications}), {@code compare}, {@code sweep} over a node pool's
 * maximum; {@code validate} refuses the cluster; bad input is located, exit 2, no stack trace, nothing written.
 */
class ClusterCommandsTest {
    private static final Path DESIGN = RunCommandTest.EXAMPLES.resolve("k8s-api.yaml");

    @TempDir
    Path dir;
    private Path profile;

    @BeforeEach
    void writeProfile() throws Exception {
        profile = dir.resolve("ramp.yaml");
        Files.writeString(profile, String.join("\n", "name: ramp", "injection:",
                "  - rampUsersPerSec: {from: 100, to: 600, during: 2m}",
                "  - constantUsersPerSec: {rate: 600, during: 2m, randomized: true}", ""));
    }

    private Path variant(String name, String from, String to) throws Exception {
        String text = Files.readString(DESIGN);
        assertTrue(text.contains(from), from);
        Path p = dir.resolve(name);
        Files.writeString(p, text.replace(from, to));
        return p;
    }

    private static JsonNode json(Path p) throws Exception {
        return new ObjectMapper().readTree(p.toFile());
    }

    @Test
    void checkAcceptsTheExample() {
        var o = RunCommandTest.headroom("check", DESIGN.toString(), "--load", profile.toString());
        assertEquals(0, o.status(), o.err());
        assertTrue(o.out().startsWith(DESIGN + ": ok (2 component(s): edge, api; entry edge)"), o.out());
    }

    @Test
    void theSameSeedWritesTheSameBytes() throws Exception {
        for (String out : List.of("a", "b")) {
            var o = RunCommandTest.headroom("run", DESIGN.toString(), "--load", profile.toString(), "--seed", "7", "--out",
                    dir.resolve(out).toString());
            assertEquals(0, o.status(), o.err());
        }
        for (String f : List.of("summary.json", "timeseries.csv", "cluster-events.csv")) {
            assertArrayEquals(Files.readAllBytes(dir.resolve("a").resolve(f)), Files.readAllBytes(dir.resolve("b").resolve(f)), f);
        }
        List<String> events = Files.readAllLines(dir.resolve("a").resolve("cluster-events.csv"));
        assertTrue(events.stream().anyMatch(l -> l.contains(",node-ready,general,2,")), "the ramp makes the autoscaler add a node");
        assertTrue(json(dir.resolve("a").resolve("summary.json")).at("/cluster/pools/general/nodes_peak").asDouble() > 2);
    }

    @Test
    void replicationsAverageTheClusterObjectWithConfidenceIntervals() throws Exception {
        JsonNode[] single = new JsonNode[2];
        for (int r = 0; r < 2; r++) {
            Path out = dir.resolve("replication" + r);
            var o = RunCommandTest.headroom("run", DESIGN.toString(), "--load", profile.toString(), "--seed",
                    Long.toString(RandomStreams.replicationSeed(1, r)), "--out", out.toString());
            assertEquals(0, o.status(), o.err());
            single[r] = json(out.resolve("summary.json"));
        }
        var o = RunCommandTest.headroom("run", DESIGN.toString(), "--load", profile.toString(), "--replications", "2", "--out",
                dir.resolve("rep").toString());
        assertEquals(0, o.status(), o.err());
        JsonNode rep = json(dir.resolve("rep").resolve("summary.json"));
        assertEquals(2, rep.get("replications").asInt());
        // replication r runs with RandomStreams.replicationSeed(1, r): the mean of the two runs, and Student's t with one degree of freedom times
        // the standard error, s / sqrt(2) = |a - b| / 2 (each figure is rounded to 6 decimals in summary.json)
        double t = new TDistribution(1).inverseCumulativeProbability(0.975);
        for (String key : List.of("/cluster/pools/general/node_hours", "/cluster/pools/general/nodes_mean",
                "/cluster/pools/general/cost_usd", "/cluster/pending_s/p95", "/cluster/pods_pending_peak",
                "/cluster/services/api/allocated_cost_usd")) {
            double a = single[0].at(key).asDouble();
            double b = single[1].at(key).asDouble();
            assertTrue(rep.at(key).isNumber() && rep.at("/ci95" + key).isNumber(), key);
            assertEquals((a + b) / 2, rep.at(key).asDouble(), 1e-6, key);
            assertEquals(t * Math.abs(a - b) / 2, rep.at("/ci95" + key).asDouble(), 1e-5, "ci95" + key);
        }
        assertTrue(single[0].at("/cluster/pending_s/p95").asDouble() != single[1].at("/cluster/pending_s/p95").asDouble(),
                "the replications' nodes take different provisioning times");
    }

    @Test
    void compareRunsAClusterDesignAgainstAVariant() throws Exception {
        Path capped = variant("k8s-api-capped.yaml", "nodes: {initial: 2, min: 2, max: 12}", "nodes: {initial: 2, min: 2, max: 2}");
        var o = RunCommandTest.headroom("compare", DESIGN.toString(), capped.toString(), "--load", profile.toString(),
                "--replications", "2", "--out", dir.resolve("cmp").toString());
        assertEquals(0, o.status(), o.err());
        JsonNode c = json(dir.resolve("cmp").resolve("compare.json"));
        assertEquals("k8s-api", c.get("baseline").asText());
        JsonNode base = c.at("/designs/0/metrics");
        JsonNode two = c.at("/designs/1/metrics");
        // two m6i.xlarge nodes hold 2 x floor(3700m / 1000m) = 6 pods of 1 CPU: the HPA's other pods stay Pending
        assertEquals(6.0, two.get("instances_peak").asDouble());
        assertTrue(base.get("instances_peak").asDouble() > 6, base.toString());
        assertTrue(two.get("cost_total_usd").asDouble() < base.get("cost_total_usd").asDouble());
    }

    @Test
    void sweepPatchesANodePoolsMaximum() throws Exception {
        Files.copy(DESIGN, dir.resolve("k8s-api.yaml"));
        Path study = dir.resolve("study.yaml");
        Files.writeString(study, String.join("\n", "name: nodes-max", "design: k8s-api.yaml", "profile: ramp.yaml",
                "replications: 1", "vary:", "  cluster.node-pools.general.nodes.max: [2, 6]", ""));
        var o = RunCommandTest.headroom("sweep", study.toString(), "--out", dir.resolve("sweep").toString(), "--threads", "1");
        assertEquals(0, o.status(), o.err());
        JsonNode rows = json(dir.resolve("sweep").resolve("results.json")).get("rows");
        assertEquals(2, rows.size());
        List<String> csv = Files.readAllLines(dir.resolve("sweep").resolve("results.csv"));
        List<String> header = List.of(csv.get(0).split(","));
        int peak = header.indexOf("instances_peak");
        int name = header.indexOf("name");
        assertEquals("max=2", csv.get(1).split(",")[name]);
        assertEquals("6", csv.get(1).split(",")[peak], "two nodes hold six 1-CPU pods");
        assertEquals("max=6", csv.get(2).split(",")[name]);
        assertTrue(Integer.parseInt(csv.get(2).split(",")[peak]) > 6, csv.get(2));
    }

    @Test
    void aCpuLimitsThrottlingIsInTheSummaryTheSeriesAndTheReport() throws Exception {
        // pods allowed 2 cores but limited to 1: the ramp's bursts spend the quota within some periods
        Path limited = variant("limited.yaml", "      cpu-request: \"1\"\n", "      cpu-request: \"1\"\n      cpu-limit: \"1\"\n");
        Files.writeString(limited, Files.readString(limited).replace("    cores: 1\n", "    cores: 2\n"));
        Path out = dir.resolve("limited");
        var o = RunCommandTest.headroom("run", limited.toString(), "--load", profile.toString(), "--out", out.toString());
        assertEquals(0, o.status(), o.err());
        JsonNode api = json(out.resolve("summary.json")).at("/cluster/services/api");
        double periods = api.get("throttled_periods").asDouble();
        assertTrue(periods > 0, api.toString());
        assertTrue(api.get("throttled_ms_per_request").asDouble() > 0, api.toString());
        List<String> series = Files.readAllLines(out.resolve("timeseries.csv"));
        int column = List.of(series.get(0).split(",")).indexOf("api.throttled");
        assertTrue(column > 0, series.get(0));
        assertEquals(periods, series.stream().skip(1).mapToDouble(l -> Double.parseDouble(l.split(",")[column])).sum(),
                "the column's windows add up to the summary's count");
        String report = Files.readString(out.resolve("report.md"));
        assertTrue(report.contains("CPU limit throttled"), report);
        assertTrue(report.contains("chart-throttling.png") && Files.size(out.resolve("chart-throttling.png")) > 0, report);
    }

    @Test
    void validateRefusesACluster() throws Exception {
        Path noZones = variant("k8s-api-one-zone.yaml", "network:\n  zones: [us-east-1a, us-east-1b, us-east-1c]\n"
                + "  intra-zone: {dist: constant, value: 0.2ms}\n  cross-zone: {dist: constant, value: 0.8ms}\n", "");
        Path out = dir.resolve("validate");
        var o = RunCommandTest.headroom("validate", noZones.toString(), "--load", profile.toString(), "--out", out.toString());
        assertEquals(Headroom.BAD_INPUT, o.status(), o.err());
        assertEquals(noZones + ":10:3: cluster: the testbed does not realise a Kubernetes cluster (nodes, their provisioning,"
                + " the scheduler, the Cluster Autoscaler): validate a design without cluster: and pod:", o.err().lines().findFirst().orElse(""));
        assertFalse(o.err().contains("\tat ") || o.err().contains("Exception"), o.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void badClusterInputIsLocatedExitsTwoAndWritesNothing() throws Exception {
        String[][] cases = {
            {"      memory-request: 2Gi", "      memory-request: 500x", ":37:23: components.api.pod.memory-request: '500x' has an unknown"
                    + " suffix 'x': a Kubernetes quantity is a number with an optional suffix, e.g. 500m, 1.5, 2, 2Gi, 512Mi, 1G,"
                    + " 1e3 (suffixes: n u m k M G T P E, Ki Mi Gi Ti Pi Ei, e<exponent>)"},
            {"      cpu-request: \"1\"", "      cpu-request: \"8\"", ":36:20: components.api.pod.cpu-request: a pod requesting 8000m fits no"
                    + " node of pool 'general': its m6i.xlarge nodes have 3700m allocatable (4 vCPUs less 300m reserved)"},
            {"      memory-request: 2Gi", "      memory-request: 2Gi\n      node-pool: gpu",
                ":38:18: components.api.pod.node-pool: no node pool 'gpu' (node pools: general)"},
            {"    cores: 1", "    cores: 1\n    cpu-request: 500m",
                ":43:18: components.api.cpu-request: give the CPU request once: a pod's is pod.cpu-request; remove cpu-request"},
            {"      cpu-request: \"1\"", "      cpu-request: \"1\"\n      cpu-limit: 500m", ":37:18: components.api.pod.cpu-limit: a CPU"
                    + " limit of 500m is below the request of 1000m: the API server refuses a limit below the request; raise cpu-limit or"
                    + " remove it"},
            {"  autoscaler:", "  cpu-sharing: fair\n  autoscaler:", ":20:16: cluster.cpu-sharing: unknown cpu-sharing 'fair': request"
                    + " (the default: each pod on its own cores) or node (the node's cores shared by CPU request)"},
        };
        for (String[] c : cases) {
            Path bad = variant("bad.yaml", c[0], c[1]);
            Path out = dir.resolve("out");
            for (String[] args : List.of(new String[] {"run", bad.toString(), "--load", profile.toString(), "--out", out.toString()},
                    new String[] {"check", bad.toString(), "--load", profile.toString()})) {
                var o = RunCommandTest.headroom(args);
                assertEquals(Headroom.BAD_INPUT, o.status(), args[0] + ": " + o.err());
                assertEquals(bad + c[2], o.err().lines().findFirst().orElse(""), args[0]);
                assertFalse(o.err().contains("\tat ") || o.err().contains("Exception"), o.err());
                assertFalse(Files.exists(out), args[0] + " wrote " + out);
            }
        }
    }
}
