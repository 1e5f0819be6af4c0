package io.headroom.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A component's bound on connections on scripted asks: what is refused, and who gets connections as others close. */
class ConnectionLimitTest {
    private final List<String> grants = new ArrayList<>();
    private final ConnectionLimit.Claimant pool = (instance, n, now) -> grants.add(instance + ":" + n + "@" + now);

    @Test
    void connectionsBeyondTheBoundAreRefusedOnceAndGrantedInTheOrderAsked() {
        ConnectionLimit limit = new ConnectionLimit(10);
        assertEquals(4, limit.open(pool, 0, 4, 0));
        assertEquals(4, limit.open(pool, 1, 4, 0));
        assertEquals(2, limit.open(pool, 2, 4, 0));
        assertEquals(0, limit.open(pool, 3, 4, 0));
        assertEquals(0, limit.open(pool, 4, 4, 0));
        assertEquals(10, limit.refused(), "5 × 4 asked, 10 allowed");
        assertEquals(10, limit.open());
        limit.withdraw(pool, 0);
        limit.close(4, 7); // instance 0 stops: instance 2 asked first (2 missing), then instance 3 (4 missing)
        assertEquals(List.of("2:2@7", "3:2@7"), grants);
        assertEquals(10, limit.open());
        limit.withdraw(pool, 3); // instance 3 stops: its 2 connections close, and it no longer waits for 2 more
        limit.close(2, 9);
        assertEquals(List.of("2:2@7", "3:2@7", "4:2@9"), grants);
        limit.withdraw(pool, 1);
        limit.close(4, 11); // instance 4 still lacks 2; 2 stay free
        assertEquals(List.of("2:2@7", "3:2@7", "4:2@9", "4:2@11"), grants);
        assertEquals(8, limit.open());
        assertEquals(10, limit.peak());
        assertEquals(10, limit.refused(), "refusals are counted when asked, not again when granted later");
        assertEquals(2, limit.open(pool, 5, 4, 12), "a new instance takes the 2 free, and waits for 2");
        assertEquals(12, limit.refused());
    }

    @Test
    void withoutABoundEveryConnectionOpensAndIsCounted() {
        ConnectionLimit limit = new ConnectionLimit(null);
        assertEquals(100, limit.open(pool, 0, 100, 0));
        assertEquals(50, limit.open(pool, 1, 50, 0));
        limit.close(100, 1);
        assertEquals(150, limit.peak());
        assertEquals(0, limit.refused());
        assertEquals(false, limit.bounded());
    }
}
