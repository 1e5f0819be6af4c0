package io.headroom.load.arrival;

import java.util.function.LongUnaryOperator;

/**
 * Gatling's regular (not randomized) open injection: a number of users for each whole second of
 * the step, each second's users spread over its 1000 milliseconds by {@link GatlingShard}. Users
 * start on whole milliseconds, as they do in Gatling.
 */
public final class RegularArrivals implements ArrivalStream {
    private static final long MS = 1_000_000L;

    private final long offsetNs;
    private final long seconds;
    private final LongUnaryOperator usersInSecond;
    private long second = -1;
    private long usersThisSecond;
    private int milli = 1000;
    private long leftThisMilli;

    /**
     * @param usersInSecond users of second {@code s}, called once per second in order (it may carry
     *                      state, as the ramp's rounding remainder does)
     */
    public RegularArrivals(long offsetNs, long seconds, LongUnaryOperator usersInSecond) {
        this.offsetNs = offsetNs;
        this.seconds = seconds;
        this.usersInSecond = usersInSecond;
    }

    @Override
    public long next() {
        while (leftThisMilli == 0) {
            milli++;
            if (milli >= 1000) {
                second++;
                if (second >= seconds) {
                    return END;
                }
                usersThisSecond = usersInSecond.applyAsLong(second);
                milli = usersThisSecond == 0 ? 1000 : 0;
                if (usersThisSecond == 0) {
                    continue;
                }
            }
            leftThisMilli = GatlingShard.at(usersThisSecond, milli, 1000);
        }
        leftThisMilli--;
        return offsetNs + (second * 1000 + milli) * MS;
    }
}
