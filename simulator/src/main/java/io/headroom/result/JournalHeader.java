package io.headroom.result;

/**
 * The first line of a sweep's journal: the journal's format version, the fingerprint of the study's
 * inputs, the number of points and the slice ("i/N"). A journal resumes only under an equal header.
 */
public record JournalHeader(int version, String fingerprint, int points, String shard) {
    public static final int VERSION = 1;

    public static JournalHeader of(String fingerprint, int points, String shard) {
        return new JournalHeader(VERSION, fingerprint, points, shard);
    }
}
