package io.headroom.cache;

import java.util.Arrays;

/**
 * Consistent hashing of keys over the nodes of a cache cluster, as memcached clients (ketama) and Redis
 * client-side sharding place keys: each node owns {@value #POINTS_PER_NODE} points on a ring of 64-bit hashes,
 * and a key belongs to the node of the first point at or after the key's hash (wrapping round). A node that is
 * down is skipped — its keys go to the next node clockwise, cold there — and the other nodes keep exactly their
 * own keys; back up, it owns its keys again, empty. The points are a fixed function of the node numbers (no
 * random stream), so a design places keys the same way in every run. A lookup is a binary search over
 * {@code nodes × } {@value #POINTS_PER_NODE} points and allocates nothing.
 */
public final class HashRing {
    /** Points per node: ketama's 160, so each node's share of the keys is within a few percent of 1/N. */
    public static final int POINTS_PER_NODE = 160;

    private final long[] points; // ascending
    private final int[] owner;
    private final int nodes;

    /** A ring over nodes {@code 0 .. nodes-1} (at least 1). */
    public HashRing(int nodes) {
        if (nodes < 1) {
            throw new IllegalArgumentException("a ring needs a node, got " + nodes);
        }
        this.nodes = nodes;
        int n = nodes * POINTS_PER_NODE;
        long[][] pairs = new long[n][];
        for (int node = 0; node < nodes; node++) {
            for (int v = 0; v < POINTS_PER_NODE; v++) {
                pairs[node * POINTS_PER_NODE + v] = new long[] {mix(0x6E6F6465L * (node + 1) + v * 0x9E3779B97F4A7C15L), node};
            }
        }
        Arrays.sort(pairs, (a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
        points = new long[n];
        owner = new int[n];
        for (int i = 0; i < n; i++) {
            points[i] = pairs[i][0];
            owner[i] = (int) pairs[i][1];
        }
    }

    /** How many nodes. */
    public int nodes() {
        return nodes;
    }

    /**
     * The node {@code key} belongs to, skipping the nodes {@code down} marks (null: all up); -1 if every node is
     * down.
     */
    public int nodeOf(long key, boolean[] down) {
        long h = mix(key * 0x9E3779B97F4A7C15L + 0x632BE59BD9B4E019L);
        int i = Arrays.binarySearch(points, h);
        if (i < 0) {
            i = -i - 1;
        }
        for (int k = 0; k < points.length; k++) {
            int at = i + k < points.length ? i + k : i + k - points.length;
            if (down == null || !down[owner[at]]) {
                return owner[at];
            }
        }
        return -1;
    }

    /** SplitMix64's finaliser: a bijection of 64 bits that spreads consecutive inputs over the ring. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
