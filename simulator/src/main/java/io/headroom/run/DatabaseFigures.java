package io.headroom.run;

/**
 * One database over the measured period, as the results report it: its counted reads and writes; the reads a replica
 * served before it had the key's latest committed write ({@code staleReads}, and their share of the reads); the losses
 * of a shard's primary ({@code failovers}); the shard-seconds during which writes failed ({@code unavailableS}) and the
 * counted writes and reads failed as {@code unavailable} (during a failover; reads only when no instance was up); the
 * writes a failover lost (committed at the old primary, never applied at the promoted replica: the recovery point);
 * the lag of counted writes at each ready replica, from the primary's work done to the replica having the write
 * (milliseconds; NaN without replicas); and the backups begun. Numbers are doubles: over replications they are means.
 */
public record DatabaseFigures(double reads, double writes, double staleReads, double staleReadRatio, double failovers,
                              double unavailableS, double unavailableWrites, double unavailableReads, double writesLost, Lag replicaLagMs,
                              double backups) {
    /** A distribution of replica lag in milliseconds. */
    public record Lag(double mean, double p99, double max) {
    }
}
