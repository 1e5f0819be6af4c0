package io.headroom.autoscale;

import io.headroom.design.autoscaling.Tolerances;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every row of {@code references/hpa_reference_cases.csv} (Kubernetes' replica_calculator_test.go cases and the
 * documented examples) reproduces exactly: the replica counts and the utilisations the Go tests expect.
 */
class HpaReferenceCasesTest {
    private static final Tolerances TOL = Tolerances.DEFAULT;

    record Row(String name, String current, String requests, String usage, String ready, String target, String utilization,
               String replicas) {
    }

    static List<Row> rows() throws IOException {
        try (InputStream in = HpaReferenceCasesTest.class.getResourceAsStream("/references/hpa_reference_cases.csv")) {
            assertNotNull(in);
            List<String> lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().skip(1).toList();
            List<Row> rows = new ArrayList<>();
            for (String line : lines) {
                List<String> f = csv(line);
                rows.add(new Row(f.get(0), f.get(1), f.get(2), f.get(3), f.get(4), f.get(5), f.get(6), f.get(7)));
            }
            return rows;
        }
    }

    private static List<String> csv(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (char c : line.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        out.add(cur.toString());
        return out;
    }

    private static int leadingInt(String s) {
        Matcher m = Pattern.compile("^\\s*(\\d+)").matcher(s);
        if (!m.find()) {
            throw new AssertionError("no number in '" + s + "'");
        }
        return Integer.parseInt(m.group(1));
    }

    private static long[] list(String s, int n) {
        String t = s.replaceAll("\\(.*\\)", "").trim();
        long[] out = new long[n];
        if (t.contains(" x")) {
            String[] p = t.split(" x");
            java.util.Arrays.fill(out, new java.math.BigDecimal(p[0]).multiply(java.math.BigDecimal.valueOf(1000)).longValueExact());
            return out;
        }
        String[] p = t.split("\\|");
        for (int i = 0; i < n; i++) {
            out[i] = Long.parseLong(p[i].trim());
        }
        return out;
    }

    private static long[] cores(String s, int n) {
        if (s.contains(" x")) {
            return list(s, n);
        }
        String[] p = s.split("\\|");
        long[] out = new long[n];
        for (int i = 0; i < n; i++) {
            out[i] = new java.math.BigDecimal(p[i]).multiply(java.math.BigDecimal.valueOf(1000)).longValueExact();
        }
        return out;
    }

    private static PodGroup[] groups(String ready, int n) {
        PodGroup[] g = new PodGroup[n];
        String[] p = ready.split("\\|");
        for (int i = 0; i < n; i++) {
            g[i] = ready.equals("all") || p[i].equals("T") ? PodGroup.READY : PodGroup.UNREADY;
        }
        return g;
    }

    @Test
    void everyRowReproduces() throws IOException {
        List<Row> rows = rows();
        assertEquals(11, rows.size());
        Set<String> checked = new LinkedHashSet<>();
        for (Row r : rows) {
            if (r.name().startsWith("TestReplicaCalcToleranceCM")) {
                // Pods metric (qps) at 20, 21, 21 qps against 20 qps per pod: the average 20666m is within tolerance.
                long[] v = list(r.usage(), 3);
                ReplicaCalculator.Proposal p = ReplicaCalculator.plainMetricReplicas(leadingInt(r.current()), leadingInt(r.target()),
                        groups(r.ready(), 3), v, TOL);
                assertEquals(leadingInt(r.replicas()), p.replicas(), r.name());
                assertEquals(leadingInt(r.utilization()), p.usage(), r.name());
            } else if (r.name().startsWith("TestReplicaCalcScaleUpPerPodCMExternal")) {
                // External metric with an AverageValue target: 8600 in total over 2150 per pod.
                ReplicaCalculator.Proposal p = ReplicaCalculator.averageValueReplicas(leadingInt(r.current()), leadingInt(r.usage()),
                        leadingInt(r.target()), TOL);
                assertEquals(leadingInt(r.replicas()), p.replicas(), r.name());
                assertEquals(leadingInt(r.utilization()), p.usage(), r.name());
            } else if (r.name().startsWith("Test")) {
                int n = leadingInt(r.current());
                ReplicaCalculator.Proposal p = ReplicaCalculator.resourceReplicas(n, leadingInt(r.target()), groups(r.ready(), n),
                        list(r.usage(), n), cores(r.requests(), n), TOL);
                assertEquals(leadingInt(r.replicas()), p.replicas(), r.name());
                assertEquals(leadingInt(r.utilization()), p.usage(), r.name());
            } else if (r.name().equals("docs: simple ratio")) {
                // desiredReplicas = ceil[currentReplicas * (currentMetricValue / desiredMetricValue)]: 200m against 100m doubles.
                for (int n = 1; n <= 20; n++) {
                    long[] v = new long[n];
                    java.util.Arrays.fill(v, 200);
                    PodGroup[] g = new PodGroup[n];
                    java.util.Arrays.fill(g, PodGroup.READY);
                    assertEquals(2 * n, ReplicaCalculator.plainMetricReplicas(n, 100, g, v, TOL).replicas());
                }
            } else if (r.name().startsWith("docs: blog v1.33 tolerance")) {
                // 50 replicas at 90 % against 75 %: ratio 1.2 is outside 1 ± 0.1, so 60.
                int n = leadingInt(r.current());
                long[] usage = new long[n];
                long[] requests = new long[n];
                java.util.Arrays.fill(usage, 900);
                java.util.Arrays.fill(requests, 1000);
                PodGroup[] g = new PodGroup[n];
                java.util.Arrays.fill(g, PodGroup.READY);
                ReplicaCalculator.Proposal p = ReplicaCalculator.resourceReplicas(n, leadingInt(r.target()), g, usage, requests, TOL);
                assertEquals(leadingInt(r.replicas()), p.replicas());
                assertEquals(leadingInt(r.utilization()), p.usage());
                // and with a 25 % scale-up tolerance (the blog's point) it stays at 50
                assertEquals(n, ReplicaCalculator.resourceReplicas(n, 75, g, usage, requests, new Tolerances(0.1, 0.25)).replicas());
            } else if (r.name().startsWith("docs: scaleDown policies")) {
                HpaBehaviorTest.docsScaleDownExample();
            } else if (r.name().startsWith("docs: default behavior")) {
                HpaBehaviorTest.defaultsAreKubernetes();
            } else {
                throw new AssertionError("row not handled: " + r.name());
            }
            checked.add(r.name());
        }
        assertEquals(11, checked.size());
    }
}
