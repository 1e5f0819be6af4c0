package io.headroom.cluster;

import java.util.List;

/**
 * One way to help the pending pods ({@code expander.Option}): grow {@code group} by {@code nodeCount}
 * nodes, onto which the binpacking estimator placed {@code pods}.
 */
public record ExpansionOption(NodeGroup group, int nodeCount, List<Pod> pods) {
    public ExpansionOption {
        pods = List.copyOf(pods);
    }

    long requestedCpuMilli() {
        long sum = 0;
        for (Pod p : pods) {
            sum += p.cpuMilli();
        }
        return sum;
    }

    long requestedMemoryBytes() {
        long sum = 0;
        for (Pod p : pods) {
            sum += p.memoryBytes();
        }
        return sum;
    }
}
