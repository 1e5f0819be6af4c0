package io.headroom.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The open-addressing map against {@link HashMap} under random puts and removes, including wrap-around. */
class LongIntMapTest {

    @Test
    void agreesWithHashMapUnderChurn() {
        for (int capacity : new int[] {1, 3, 64, 1000}) {
            LongIntMap map = new LongIntMap(capacity);
            Map<Long, Integer> ref = new HashMap<>();
            SplittableRandom r = new SplittableRandom(capacity);
            // few distinct keys relative to the table, so runs collide, wrap around the end and get shifted back
            long universe = 3L * capacity + 5;
            for (int step = 0; step < 200_000; step++) {
                long key = r.nextInt(4) == 0 ? r.nextLong() : r.nextLong(universe) - universe / 2;
                if (ref.containsKey(key) || ref.size() == capacity) {
                    Long victim = ref.containsKey(key) ? key : ref.keySet().iterator().next();
                    assertEquals((int) ref.remove(victim), map.remove(victim));
                } else {
                    int v = r.nextInt(Integer.MAX_VALUE);
                    map.putAbsent(key, v);
                    ref.put(key, v);
                }
                long probe = r.nextLong(universe) - universe / 2;
                assertEquals(ref.getOrDefault(probe, -1), map.get(probe));
                assertEquals(ref.size(), map.size());
            }
            for (Map.Entry<Long, Integer> e : ref.entrySet()) {
                assertEquals((int) e.getValue(), map.get(e.getKey()));
            }
            assertEquals(-1, map.remove(Long.MIN_VALUE + 7));
        }
    }

    @Test
    void extremeKeysClearAndGrow() {
        LongIntMap map = new LongIntMap(4);
        assertEquals(8, map.tableSize());
        long[] keys = {Long.MIN_VALUE, -1, 0, Long.MAX_VALUE};
        for (int i = 0; i < keys.length; i++) {
            map.putAbsent(keys[i], i);
        }
        for (int i = 0; i < keys.length; i++) {
            assertEquals(i, map.get(keys[i]));
        }
        map.grow(100);
        assertEquals(256, map.tableSize());
        for (int i = 0; i < keys.length; i++) {
            assertEquals(i, map.get(keys[i]));
        }
        map.clear();
        assertEquals(0, map.size());
        for (long k : keys) {
            assertEquals(-1, map.get(k));
        }
        assertEquals(2, LongIntMap.tableSizeFor(0));
        assertEquals(2, LongIntMap.tableSizeFor(1));
        assertEquals(8, LongIntMap.tableSizeFor(3));
        assertEquals(1 << 21, LongIntMap.tableSizeFor(1_000_000));
    }
}
