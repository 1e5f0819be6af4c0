package io.headroom.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/** {@code --timings} measures its first phase from the JVM's start, however long asking for that start takes. */
class PhaseTimerTest {

    @Test
    void aSlowUptimeDoesNotPutTheJvmsStartEarlier() {
        // the JVM started no earlier than this (an uptime is whole milliseconds, truncated, read after the clock)
        long clock = System.nanoTime();
        long up = ManagementFactory.getRuntimeMXBean().getUptime();
        long earliestStart = clock - (up + 1) * 1_000_000L;
        // the first ask of a launched command loads the management classes: here 60 ms of it, before the uptime is read
        PhaseTimer timer = PhaseTimer.sinceJvmStart(() -> {
            try {
                Thread.sleep(60);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return ManagementFactory.getRuntimeMXBean().getUptime();
        });
        // a clock read before the ask would put the start 60 ms or more before the earliest it can be; read after it,
        // the estimate is the true start or up to a millisecond (and whatever delay fell between the two reads) later
        assertTrue(timer.startNs() >= earliestStart,
                "the start is " + (earliestStart - timer.startNs()) / 1e6 + " ms before the earliest it can be");
        assertTrue(timer.startNs() <= System.nanoTime());
    }
}
