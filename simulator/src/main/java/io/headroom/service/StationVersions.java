package io.headroom.service;

import java.util.Arrays;

/**
 * The versions of a service's code that its instances run: version 0 is the one the run starts with, and each
 * deployment of a rollout adds one (a revision, as a Deployment's ReplicaSets are). An instance runs one version
 * for its whole life, and a request it serves takes that version's endpoints: their demand, wait, error rate and
 * calls. During a rollout instances of two versions or more serve side by side.
 *
 * <p>Per-version tables are kept flat: endpoint {@code e} of version {@code v} is row {@code e + endpoints × v}, a
 * <em>versioned endpoint</em>. With one version that row is the endpoint itself and {@link #index} reads no array,
 * so a service without deployments pays one comparison per look-up.
 */
final class StationVersions {
    /** Versions fit the byte each instance slot keeps. */
    static final int MAX = Byte.MAX_VALUE + 1;

    private final int endpoints;
    private int count = 1;
    private byte[] ofSlot = new byte[0];
    private int changes;

    StationVersions(int endpoints) {
        this.endpoints = endpoints;
    }

    void grow(int n) {
        ofSlot = Arrays.copyOf(ofSlot, n);
    }

    /** A new version, given {@code lengths} per-endpoint tables; returns its number. */
    int add(String service, int... lengths) {
        for (int n : lengths) {
            if (n != endpoints) {
                throw new IllegalArgumentException(service + " has " + endpoints + " endpoints: a version gives each its demand, wait,"
                        + " error rate and calls");
            }
        }
        if (count == MAX) {
            throw new IllegalStateException(service + " has " + MAX + " versions already, the most an instance can tell apart");
        }
        return count++;
    }

    /** Instance {@code i} runs version {@code v} from now on. */
    void set(int i, int v, String service) {
        if (v < 0 || v >= count) {
            throw new IllegalArgumentException(service + " has no version " + v + " (versions 0 to " + (count - 1) + ")");
        }
        if (ofSlot[i] != v) {
            ofSlot[i] = (byte) v;
            changes++;
        }
    }

    /** The version instance {@code i} runs. */
    int of(int i) {
        return ofSlot[i];
    }

    /** The versioned endpoint of endpoint {@code e} as instance {@code i} runs it. */
    int index(int i, int e) {
        return count == 1 ? e : e + endpoints * ofSlot[i];
    }

    /** The version of versioned endpoint {@code ve}. */
    int versionOf(int ve) {
        return ve / endpoints;
    }

    /** Versions, 1 without deployments. */
    int count() {
        return count;
    }

    /** Endpoints per version. */
    int endpoints() {
        return endpoints;
    }

    /** Changes whenever an instance's version does (so views of the instances by version can tell they are stale). */
    int changes() {
        return changes;
    }

    /** {@code table} (one row per versioned endpoint) with version {@code rows}' rows appended. */
    static <T> T[] append(T[] table, T[] rows) {
        T[] out = Arrays.copyOf(table, table.length + rows.length);
        System.arraycopy(rows, 0, out, table.length, rows.length);
        return out;
    }
}
