package io.headroom.experiment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.headroom.result.JournalHeader;
import io.headroom.result.SweepCodec;
import io.headroom.result.SweepPoint;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A sweep's journal ({@code journal.jsonl}): a header line naming the study (its fingerprint) and the
 * slice, then one line per finished point holding its results row. Each line goes out in one write
 * and is forced to disk before the sweep moves on, so after a crash or a kill the journal holds every
 * point that finished, possibly followed by a torn last line, which reading drops. Resuming reruns
 * only the points the journal lacks; the results files are always written from the journal's rows,
 * so a resumed sweep writes the same bytes as an uninterrupted one.
 */
public final class SweepJournal implements AutoCloseable {
    public static final String FILE = "journal.jsonl";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final FileChannel channel;
    private final Map<Integer, SweepPoint> rows;

    private SweepJournal(FileChannel channel, Map<Integer, SweepPoint> rows) {
        this.channel = channel;
        this.rows = rows;
    }

    /** The journal's first line: what it is a journal of. */
    public static JournalHeader header(String fingerprint, int points, String shard) {
        return JournalHeader.of(fingerprint, points, shard);
    }

    /** Why a journal cannot be resumed. */
    public static final class Mismatch extends Exception {
        Mismatch(String message) {
            super(message);
        }
    }

    /**
     * Opens the journal in {@code dir} for appending. With {@code resume}, the rows of an existing
     * journal with the same header are kept (a torn last line cut off); without, any journal is started afresh.
     */
    public static SweepJournal open(Path dir, JournalHeader header, boolean resume) throws IOException, Mismatch {
        Files.createDirectories(dir);
        Path file = dir.resolve(FILE);
        Map<Integer, SweepPoint> rows = new TreeMap<>();
        long keep = 0;
        if (resume && Files.exists(file)) {
            Read r = read(file);
            if (r.header == null) {
                throw new Mismatch(file + " is not a sweep journal");
            }
            if (!r.header.equals(header)) {
                String why = !r.header.fingerprint().equals(header.fingerprint())
                        ? "the study, design or profile, or a file they name, changed"
                        : !r.header.shard().equals(header.shard()) ? "it is another slice of the sweep"
                        : r.header.version() != header.version() ? "it is a journal of another version"
                        : "it was begun for " + r.header.points() + " points, and the study makes " + header.points();
                throw new Mismatch(file + " was written for other inputs (" + r.header.fingerprint() + ", shard "
                        + r.header.shard() + "; now " + header.fingerprint() + ", shard "
                        + header.shard() + "): " + why + "; use a new --out to start afresh");
            }
            rows.putAll(r.rows);
            keep = r.validBytes;
        }
        FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        try {
            ch.truncate(keep);
            ch.position(keep);
            SweepJournal j = new SweepJournal(ch, rows);
            if (keep == 0) {
                j.appendLine(SweepCodec.write(header));
            }
            return j;
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    /** A journal's contents: its header and its rows by point. */
    public record Read(JournalHeader header, Map<Integer, SweepPoint> rows, long validBytes) {
    }

    /** Reads a journal, dropping a torn or unreadable tail (everything from the first bad line on). */
    public static Read read(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        JournalHeader header = null;
        Map<Integer, SweepPoint> rows = new TreeMap<>();
        int start = 0;
        long valid = 0;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] != '\n') {
                continue;
            }
            String line = new String(bytes, start, i - start, StandardCharsets.UTF_8);
            JsonNode n;
            try {
                n = JSON.readTree(line);
            } catch (IOException e) {
                break;
            }
            if (!(n instanceof ObjectNode o)) {
                break;
            }
            if (header == null) {
                header = SweepCodec.readHeader(o);
                if (header == null) {
                    break;
                }
            } else {
                SweepPoint row;
                try {
                    row = SweepCodec.readPoint(o);
                } catch (IllegalArgumentException e) {
                    break;
                }
                if (row.point() < 0 || row.point() >= header.points()) {
                    break; // not a point of this sweep: from here on, as a torn line, rerun
                }
                rows.put(row.point(), row);
            }
            start = i + 1;
            valid = start;
        }
        return new Read(header, rows, valid);
    }

    /** Rows already finished (by point), as read when the journal was opened. */
    public Map<Integer, SweepPoint> finished() {
        return rows;
    }

    /** Appends one finished point and forces it to disk. */
    public synchronized void append(SweepPoint row) throws IOException {
        appendLine(SweepCodec.write(row));
        rows.put(row.point(), row);
    }

    private void appendLine(ObjectNode node) throws IOException {
        // the row as a reader parses it back: the results files are written from parsed rows either way
        byte[] line = (JSON.writeValueAsString(node) + "\n").getBytes(StandardCharsets.UTF_8);
        ByteBuffer buf = ByteBuffer.wrap(line);
        while (buf.hasRemaining()) {
            channel.write(buf);
        }
        channel.force(false);
    }

    /** All rows, by point, as they read back from the file. */
    public List<SweepPoint> rows() throws IOException {
        List<SweepPoint> out = new ArrayList<>();
        for (SweepPoint r : rows.values()) {
            out.add(SweepCodec.readPoint(JSON.readTree(JSON.writeValueAsString(SweepCodec.write(r)))));
        }
        return out;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
