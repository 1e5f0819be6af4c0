package io.headroom.cli.array;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The files a study needs where it runs ({@link io.headroom.study.StudyFiles}: the study, its design and profile,
 * and any file they name, followed into the YAML and JSON files found). They travel together, laid out relative
 * to their common folder, so the study's relative paths hold wherever they are put; an absolute path would not,
 * so where the files are copied ({@code relativeOnly}) it is refused.
 */
public final class StudyInputs {
    private StudyInputs() {
    }

    /** A file and where it goes, relative to the common folder (with '/' separators). */
    public record Input(Path file, String relative) {
    }

    /** The study's files, the study first. */
    public static List<Input> of(Path study, Path design, Path profile) throws IOException {
        return of(study, design, profile, false);
    }

    /**
     * The study's files, the study first; with {@code relativeOnly}, a file named by an absolute path is refused
     * (IllegalArgumentException naming it): copied beside the study, it would not be where the path says.
     */
    public static List<Input> of(Path study, Path design, Path profile, boolean relativeOnly) throws IOException {
        List<Path> files = io.headroom.study.StudyFiles.of(study, design, profile, relativeOnly);
        Path root = null;
        for (Path f : files) {
            Path dir = f.getParent();
            root = root == null ? dir : common(root, dir);
        }
        List<Input> out = new ArrayList<>();
        for (Path f : files) {
            out.add(new Input(f, root.relativize(f).toString().replace('\\', '/')));
        }
        return out;
    }

    private static Path common(Path a, Path b) {
        Path p = a;
        while (p != null && !b.startsWith(p)) {
            p = p.getParent();
        }
        return p == null ? a.getRoot() : p;
    }
}
