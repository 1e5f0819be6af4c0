package io.headroom.slo;

import java.util.Arrays;
import java.util.List;

/**
 * The judged time-series steps of a run (those of the measured part: starting after the warm-up
 * and before the end of the profile), numbered from 0: each one's start and end, its row of the time
 * series, and what each autoscaled fleet was doing when it closed. What the SLO windows are made of and
 * what an incident's attribution reads. A float per column keeps a month of 10-second steps in tens
 * of megabytes.
 */
final class StepLog {
    private final List<String> columns;
    private final List<ScalingProbe> probes;
    private long[] startNs = new long[256];
    private long[] endNs = new long[256];
    private float[][] rows = new float[256][];
    private int[][] scaling = new int[256][];
    private int size;

    StepLog(List<String> columns, List<ScalingProbe> probes) {
        this.columns = List.copyOf(columns);
        this.probes = List.copyOf(probes);
    }

    /** Adds a judged step; {@code row} is its time-series row in {@link #columns()} order. */
    void add(long start, long end, double[] row) {
        if (size == startNs.length) {
            int n = size * 2;
            startNs = Arrays.copyOf(startNs, n);
            endNs = Arrays.copyOf(endNs, n);
            rows = Arrays.copyOf(rows, n);
            scaling = Arrays.copyOf(scaling, n);
        }
        startNs[size] = start;
        endNs[size] = end;
        float[] r = new float[row.length];
        for (int i = 0; i < row.length; i++) {
            r[i] = (float) row[i];
        }
        rows[size] = r;
        int[] s = new int[probes.size() * 3];
        for (int p = 0; p < probes.size(); p++) {
            ScalingProbe probe = probes.get(p);
            s[3 * p] = probe.ready();
            s[3 * p + 1] = probe.desired();
            s[3 * p + 2] = probe.max();
        }
        scaling[size] = s;
        size++;
    }

    int size() {
        return size;
    }

    long startNs(int step) {
        return startNs[step];
    }

    long endNs(int step) {
        return endNs[step];
    }

    List<String> columns() {
        return columns;
    }

    /** The value of column {@code c} in a step (NaN: none). */
    double value(int step, int c) {
        return rows[step][c];
    }

    List<ScalingProbe> probes() {
        return probes;
    }

    int ready(int step, int probe) {
        return scaling[step][3 * probe];
    }

    int desired(int step, int probe) {
        return scaling[step][3 * probe + 1];
    }

    int max(int step, int probe) {
        return scaling[step][3 * probe + 2];
    }
}
