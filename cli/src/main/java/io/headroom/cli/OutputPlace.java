package io.headroom.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine;

/**
 * Where a command writes ({@code --out}), checked before any work: a folder that exists as a file, or
 * cannot be made because a file stands where one of its parents should be, or cannot be written, is
 * refused at once (exit status 2), not found out after minutes of simulation.
 */
final class OutputPlace {
    private OutputPlace() {
    }

    /** {@code --out DIR}: an existing, writable folder, or one that can be made. */
    static void folder(CommandLine cl, Path dir) {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new CommandLine.ParameterException(cl, "--out: " + dir + " exists and is not a folder");
        }
        String problem = problem(dir);
        if (problem != null) {
            throw new CommandLine.ParameterException(cl, "--out: " + dir + " cannot be written: " + problem);
        }
    }

    /** {@code --out FILE}: not a folder, and in a folder that exists and is writable, or can be made. */
    static void file(CommandLine cl, Path file) {
        if (Files.isDirectory(file)) {
            throw new CommandLine.ParameterException(cl, "--out: " + file + " is a folder; name a file");
        }
        Path parent = file.toAbsolutePath().getParent();
        String problem = parent == null ? null : problem(parent);
        if (problem != null) {
            throw new CommandLine.ParameterException(cl, "--out: " + file + " cannot be written: " + problem);
        }
    }

    /** Why files cannot be written in {@code dir} (made if need be), or null: the nearest part of it that exists decides. */
    private static String problem(Path dir) {
        Path p = dir.toAbsolutePath().normalize();
        while (p != null && !Files.exists(p)) {
            p = p.getParent();
        }
        if (p == null) {
            return null;
        }
        if (!Files.isDirectory(p)) {
            return p + " is a file, not a folder";
        }
        if (!Files.isWritable(p)) {
            return p + " is not writable";
        }
        return null;
    }
}
