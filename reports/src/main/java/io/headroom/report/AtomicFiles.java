package io.headroom.report;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes output files so that a reader never sees half of one: the content goes to a temporary
 * file beside the target ({@link #stage}), which is then renamed over it ({@link #commit}). An
 * interrupted run leaves the previous file (or none), never a truncated one. Staging every file
 * of a result before committing any keeps a failure from leaving a mix of old and new files.
 * Staging files are named {@code .headroom-staging-PID-N-NAME}; those of a killed run are removed by
 * {@link #sweep} when the next command writes into that folder.
 */
public final class AtomicFiles {
    /** How the name of every staging file starts. */
    public static final String STAGING = ".headroom-staging-";
    private static final Pattern STAGING_NAME = Pattern.compile(Pattern.quote(STAGING) + "(?<pid>[0-9]+)-[0-9]+-.+");
    private static final Pattern LEGACY_NAME = Pattern.compile("\\..+\\.(?<pid>[0-9]+)\\.[0-9]+\\.tmp");
    private static final AtomicLong COUNTER = new AtomicLong();

    private AtomicFiles() {
    }

    /** Something that writes a whole file's content. */
    @FunctionalInterface
    public interface Content {
        void writeTo(Writer out) throws IOException;
    }

    /**
     * Writes {@code content} to a new temporary file in {@code target}'s folder (created if need
     * be) and returns it. The file gets the folder's default permissions, as the target would.
     */
    public static Path stage(Path target, Content content) throws IOException {
        Path tmp = tempBeside(target);
        try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            content.writeTo(w);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        return tmp;
    }

    /** Something that writes a whole binary file's content (an image). */
    @FunctionalInterface
    public interface BinaryContent {
        void writeTo(OutputStream out) throws IOException;
    }

    /** As {@link #stage}, for binary content. */
    public static Path stageBytes(Path target, BinaryContent content) throws IOException {
        Path tmp = tempBeside(target);
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp))) {
            content.writeTo(out);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        return tmp;
    }

    /**
     * A fresh staging file name in {@code target}'s folder, which is created if need be:
     * {@code .headroom-staging-PID-N-NAME}, the process that writes it and the file it becomes.
     */
    static Path tempBeside(Path target) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        return dir.resolve(STAGING + ProcessHandle.current().pid() + "-" + COUNTER.incrementAndGet() + "-" + target.getFileName());
    }

    /**
     * Removes from {@code dir} the staging files a killed or failed run left behind: those of this process and
     * of processes no longer alive (a live other process may be writing its own). Also removes the
     * {@code .NAME.PID.N.tmp} files of earlier versions. Returns how many were removed; a missing folder has none.
     */
    public static int sweep(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        int removed = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path f : files) {
                long pid = stagingPid(f.getFileName().toString());
                if (pid >= 0 && isStale(pid) && Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS) && Files.deleteIfExists(f)) {
                    removed++;
                }
            }
        }
        return removed;
    }

    /** The process id in a staging file's name, or -1 when the name is not one of a staging file. */
    static long stagingPid(String name) {
        Matcher m = STAGING_NAME.matcher(name);
        if (!m.matches()) {
            m = LEGACY_NAME.matcher(name);
            if (!m.matches()) {
                return -1;
            }
        }
        try {
            return Long.parseLong(m.group("pid"));
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }

    private static boolean isStale(long pid) {
        return pid == ProcessHandle.current().pid() || ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true);
    }

    /** Renames a staged file over its target, atomically where the file system allows. */
    public static void commit(Path staged, Path target) throws IOException {
        try {
            Files.move(staged, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(staged, target, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(staged);
        }
    }

    public static void write(Path target, Content content) throws IOException {
        commit(stage(target, content), target);
    }

    public static void write(Path target, String text) throws IOException {
        write(target, w -> w.write(text));
    }
}
