package io.headroom.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

/** Water-filling of a node's cores by CPU request, by hand. */
class CpuSharesTest {
    private static double[] share(double cores, long[] weight, double... demand) {
        double[] out = new double[demand.length];
        CpuShares.share(cores, weight, demand, demand.length, out);
        return out;
    }

    @Test
    void aNodeWithRoomGivesEveryPodItsDemand() {
        // 1 + 2 + 0 of 4 cores: a 1-CPU pod with 2 threads computing uses 2 cores, beyond its request
        assertArrayEquals(new double[] {1, 2, 0}, share(4, new long[] {1000, 1000, 500}, 1, 2, 0));
    }

    @Test
    void aSaturatedNodeSharesByRequest() {
        // requests 1:3, both wanting all 4 cores: 1 and 3
        assertArrayEquals(new double[] {1, 3}, share(4, new long[] {1000, 3000}, 4, 4));
    }

    @Test
    void whatAPodLeavesIsSharedAgainByRequest() {
        // 4 cores, requests 1:1:2, demands 0.5, 4, 4: fair shares 1, 1, 2; the first takes 0.5, the 3.5 left go 1:2
        double[] out = share(4, new long[] {1000, 1000, 2000}, 0.5, 4, 4);
        assertArrayEquals(new double[] {0.5, 3.5 / 3, 7.0 / 3}, out, 1e-15);
    }

    @Test
    void satisfiedPodsCascade() {
        // 6 cores, equal requests, demands 1, 2, 5, 5: a fair 1.5 each satisfies the first (1); the 5 left over three is
        // 5/3 each, below the second's 2: 5/3 each for the other three
        assertArrayEquals(new double[] {1, 5.0 / 3, 5.0 / 3, 5.0 / 3}, share(6, new long[] {1, 1, 1, 1}, 1, 2, 5, 5), 1e-15);
        // 6 cores, demands 1, 1.6, 5, 5: the first (1 <= 1.5), then 5 over three, 1.6 <= 5/3: the second; 3.4 over two
        assertArrayEquals(new double[] {1, 1.6, 1.7, 1.7}, share(6, new long[] {1, 1, 1, 1}, 1, 1.6, 5, 5), 1e-15);
    }
}
