package io.headroom.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A file as it was at a git revision, with the repository's tree around it, so that what the design names by a relative
 * path (an HPA manifest, a catalogue, a node pool) is read from the same revision. The tree is written to a temporary
 * folder with git's own plumbing ({@code read-tree} into a private index, {@code checkout-index}), which leaves the
 * user's index and working tree alone; {@link #close} deletes it.
 */
final class GitRevision implements AutoCloseable {
    private final Path root;
    private final Path file;

    private GitRevision(Path root, Path file) {
        this.root = root;
        this.file = file;
    }

    /** The file at {@code path} as it was at {@code ref}; a clear {@link IllegalArgumentException} when git cannot give it. */
    static GitRevision of(String ref, Path path) throws IOException {
        Path abs = path.toAbsolutePath().normalize();
        Path dir = abs.getParent();
        String top = git(dir, null, "rev-parse", "--show-toplevel").trim();
        Path repo = Path.of(top).toRealPath();
        Path real = dir.toRealPath().resolve(abs.getFileName());
        String rel = repo.relativize(real).toString().replace('\\', '/');
        String commit = git(repo, null, "rev-parse", "--verify", "--quiet", ref + "^{commit}").trim();
        if (commit.isEmpty()) {
            throw new IllegalArgumentException("--git " + ref + ": no such revision in " + repo);
        }
        if (git(repo, null, "ls-tree", "--name-only", commit, "--", rel).isBlank()) {
            throw new IllegalArgumentException(rel + " does not exist at " + ref + " (a new design has no base to diff against:"
                    + " run it with headroom run)");
        }
        Path tmp = Files.createTempDirectory("headroom-git-");
        try {
            Map<String, String> env = Map.of("GIT_INDEX_FILE", tmp.resolve("index").toString());
            git(repo, env, "read-tree", commit);
            git(repo, env, "checkout-index", "--all", "--prefix=" + tmp.resolve("tree") + "/");
            return new GitRevision(tmp, tmp.resolve("tree").resolve(rel));
        } catch (IOException | RuntimeException e) {
            delete(tmp);
            throw e;
        }
    }

    /** The file in the revision's tree. */
    Path file() {
        return file;
    }

    @Override
    public void close() throws IOException {
        delete(root);
    }

    private static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** Runs git in {@code dir} and returns what it printed; a failure is an {@link IllegalArgumentException} with git's words. */
    private static String git(Path dir, Map<String, String> env, String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add("git");
        cmd.addAll(List.of(args));
        Path errFile = Files.createTempFile("headroom-git-", ".err");
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectError(errFile.toFile());
        if (env != null) {
            pb.environment().putAll(env);
        }
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            Files.deleteIfExists(errFile);
            throw new IllegalArgumentException("--git needs git on the PATH: " + e.getMessage());
        }
        p.getOutputStream().close();
        byte[] out;
        byte[] err;
        try (var o = p.getInputStream()) {
            out = o.readAllBytes();
        }
        try {
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalArgumentException("git " + String.join(" ", args) + " did not finish in 120 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running git", e);
        }
        err = Files.readAllBytes(errFile);
        Files.deleteIfExists(errFile);
        if (p.exitValue() != 0 && !(args[0].equals("rev-parse") && args.length > 1 && args[1].equals("--verify"))) {
            String msg = new String(err, StandardCharsets.UTF_8).trim();
            throw new IllegalArgumentException("git " + args[0] + " failed in " + dir + ": " + (msg.isEmpty() ? "exit " + p.exitValue() : msg));
        }
        return new String(out, StandardCharsets.UTF_8);
    }
}
