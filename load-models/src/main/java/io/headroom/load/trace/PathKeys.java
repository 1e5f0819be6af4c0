package io.headroom.load.trace;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The arrival keys of an access log: each request path numbered 0, 1, 2, … in the order it is first
 * seen. The table keeps each distinct path once, as its bytes (a log is read as ISO-8859-1, one char
 * per byte) in chunks of {@link #CHUNK} bytes, with its position, length and hash: about the path's
 * length plus 30 bytes per distinct path, and nothing per line, so a log that repeats its paths
 * replays in bounded memory however long it is.
 */
final class PathKeys {
    static final int CHUNK = 1 << 20;

    /** Past this many distinct paths the table can no longer double (it is about 30 GB by then). */
    static final int MAX_PATHS = 1 << 29;

    private final List<byte[]> chunks = new ArrayList<>();
    private byte[] chunk = new byte[0];
    private int used;

    /** Per key: chunk index (high 32 bits) and offset of its bytes, their number, the path's hash. */
    private long[] where = new long[64];
    private int[] length = new int[64];
    private int[] hash = new int[64];
    private int size;

    /** Open addressing, linear probing: key + 1 in each slot, 0 for an empty one; at most 3/4 full. */
    private int[] table = new int[128];

    /** The key of {@code path} (chars 0 to 255), numbering it next if it is new. */
    long id(String path) {
        int h = mix(path.hashCode());
        int mask = table.length - 1;
        int i = h & mask;
        for (int slot = table[i]; slot != 0; slot = table[i]) {
            int k = slot - 1;
            if (hash[k] == h && same(k, path)) {
                return k;
            }
            i = (i + 1) & mask;
        }
        if (size == MAX_PATHS) {
            throw new IllegalStateException("more than " + MAX_PATHS + " distinct request paths in the log");
        }
        int k = size++;
        store(k, path, h);
        table[i] = k + 1;
        if (size > table.length / 4 * 3) {
            rehash();
        }
        return k;
    }

    /** The number of distinct paths seen. */
    int size() {
        return size;
    }

    private void store(int k, String path, int h) {
        int n = path.length();
        if (n > chunk.length - used) {
            chunk = new byte[Math.max(CHUNK, n)];
            chunks.add(chunk);
            used = 0;
        }
        for (int j = 0; j < n; j++) {
            chunk[used + j] = (byte) path.charAt(j);
        }
        if (k == where.length) {
            int grown = where.length * 2;
            where = Arrays.copyOf(where, grown);
            length = Arrays.copyOf(length, grown);
            hash = Arrays.copyOf(hash, grown);
        }
        where[k] = (long) (chunks.size() - 1) << 32 | used;
        length[k] = n;
        hash[k] = h;
        used += n;
    }

    private boolean same(int k, String path) {
        int n = path.length();
        if (length[k] != n) {
            return false;
        }
        if (n == 0) {
            return true; // an empty path may be stored before any chunk exists
        }
        byte[] bytes = chunks.get((int) (where[k] >>> 32));
        int at = (int) where[k];
        for (int j = 0; j < n; j++) {
            if ((bytes[at + j] & 0xFF) != path.charAt(j)) {
                return false;
            }
        }
        return true;
    }

    private void rehash() {
        int[] grown = new int[table.length * 2];
        int mask = grown.length - 1;
        for (int k = 0; k < size; k++) {
            int i = hash[k] & mask;
            while (grown[i] != 0) {
                i = (i + 1) & mask;
            }
            grown[i] = k + 1;
        }
        table = grown;
    }

    /** Spreads a string hash's bits over the low ones the table uses (MurmurHash3's finaliser). */
    private static int mix(int h) {
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        return h ^ (h >>> 16);
    }
}
