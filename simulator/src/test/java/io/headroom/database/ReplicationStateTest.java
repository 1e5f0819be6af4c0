package io.headroom.database;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** What a database knows of its writes, on scripted sequences: stale reads by key, and the writes a promotion loses. */
class ReplicationStateTest {

    @Test
    void aReadIsStaleWhileItsReplicaLacksTheKeysLatestCommittedWrite() {
        KeyVersions k = new KeyVersions(10, 3);
        int key = k.index(7);
        assertFalse(k.stale(key, 1, 100, Long.MIN_VALUE), "never written");
        k.write(key, 100, new long[] {100, 150, 120}, 3); // committed at 100; replica 1 has it at 150, replica 2 at 120
        assertFalse(k.stale(key, 1, 99, Long.MIN_VALUE), "not yet committed: the previous state is read");
        assertTrue(k.stale(key, 1, 100, Long.MIN_VALUE));
        assertTrue(k.stale(key, 1, 149, Long.MIN_VALUE));
        assertFalse(k.stale(key, 1, 150, Long.MIN_VALUE), "applied at 150");
        assertFalse(k.stale(key, 2, 130, Long.MIN_VALUE));
        assertFalse(k.stale(key, 1, 120, 100), "committed before the last promotion: everywhere");
        assertFalse(k.stale(k.index(8), 1, 120, Long.MIN_VALUE), "another key");
        assertEquals(key, k.index(17), "keys beyond the key space share a slot");
        k.ensureWidth(5);
        assertTrue(k.stale(key, 1, 120, Long.MIN_VALUE), "growing keeps what each instance has");
        assertFalse(k.stale(key, 4, 120, Long.MIN_VALUE));
    }

    @Test
    void aPromotedReplicaLacksTheWritesItHadNotReceivedAtTheLoss() {
        ReplicationLog log = new ReplicationLog(3);
        long[] applied = new long[3];
        for (int w = 0; w < 200; w++) { // a write every 10; replica 1 lags 25, replica 2 lags 5
            long c = 10L * w;
            applied[0] = c;
            applied[1] = c + 25;
            applied[2] = c + 5;
            log.append(c, w >= 3, applied, 3, c);
        }
        // loss at 1995: writes at 1980 (applied 2005) and 1990 (2015) missing at replica 1, none at replica 2 (1995)
        assertEquals(2, log.missingAt(1, 1995));
        assertEquals(0, log.missingAt(2, 1995));
        assertEquals(0, log.missingAt(0, 1995));
        assertEquals(1, log.missingAt(2, 1994), "1990 reaches replica 2 at 1995");
        log.clear();
        assertEquals(0, log.missingAt(1, 1995));

        ReplicationLog uncounted = new ReplicationLog(2);
        uncounted.append(0, false, new long[] {0, 50}, 2, 0); // a write of the warm-up
        uncounted.append(10, true, new long[] {10, 60}, 2, 10);
        assertEquals(1, uncounted.missingAt(1, 20), "only the measured period's writes are counted");
    }

    @Test
    void aHugeKeySpaceWithManyReplicasTracksFewerKeysRatherThanOverflow() {
        KeyVersions k = new KeyVersions(1L << 22, 601); // 2^22 keys × 601 instances would be 2.5 billion times
        long tracked = KeyVersions.MAX_CELLS / (2 * 601); // 13,957 keys: 2^24 times for twice the instances
        assertEquals(0, k.index(tracked), "keys wrap at the tracked count");
        assertEquals(tracked - 1, k.index(tracked - 1));
        k.ensureWidth(1202); // a replacement per instance still fits
        assertEquals(1202, k.width());
        KeyVersions small = new KeyVersions(10_000, 3);
        assertEquals(9_999, small.index(9_999), "a profile's keys are tracked apart when they fit");
    }
}
