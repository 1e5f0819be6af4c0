package io.headroom.study;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The files a study reads: the study, its design and profile, and any file they name (a trace, samples, a price
 * catalogue and the CSVs it names in turn) — every string value that names an existing file relative to the file
 * holding it, followed into the YAML and JSON files found. A sweep's fingerprint covers them all, so a journal
 * resumed after a trace changed is refused; an array job copies them all.
 */
public final class StudyFiles {
    private StudyFiles() {
    }

    /**
     * The files, absolute and normalized: the study, the design and the profile first, then what they name, in the
     * order met. With {@code relativeOnly}, a file named by an absolute path is refused (IllegalArgumentException
     * naming it): copied beside the study, it would not be where the path says.
     */
    public static List<Path> of(Path study, Path design, Path profile, boolean relativeOnly) throws IOException {
        Set<Path> files = new LinkedHashSet<>();
        files.add(study.toAbsolutePath().normalize());
        files.add(design.toAbsolutePath().normalize());
        files.add(profile.toAbsolutePath().normalize());
        for (Path f : List.of(study, design, profile)) { // the study too: its own design: and profile: may be absolute
            named(f.toAbsolutePath().normalize(), files, relativeOnly);
        }
        return List.copyOf(files);
    }

    private static void named(Path file, Set<Path> files, boolean relativeOnly) throws IOException {
        JsonNode root;
        try {
            root = new YAMLMapper().readTree(file.toFile());
        } catch (IOException e) {
            return; // the study was read already: a file Jackson cannot read names nothing more
        }
        List<JsonNode> stack = new ArrayList<>();
        if (root != null) {
            stack.add(root);
        }
        while (!stack.isEmpty()) {
            JsonNode n = stack.remove(stack.size() - 1);
            if (n.isContainerNode()) {
                n.forEach(stack::add);
            } else if (n.isTextual()) {
                String v = n.asText();
                if (v.isEmpty() || v.length() > 1000 || v.indexOf('\n') >= 0 || v.indexOf('\0') >= 0) {
                    continue;
                }
                try {
                    Path p = file.getParent().resolve(v).normalize();
                    if (Files.isRegularFile(p)) {
                        if (relativeOnly && Path.of(v).isAbsolute()) {
                            throw new IllegalArgumentException(file + " names " + v + " by its absolute path, which the job's"
                                    + " copy of the study cannot keep: name it relative to " + file.getFileName());
                        }
                        String name = p.getFileName().toString();
                        if (files.add(p) && (name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json"))) {
                            named(p, files, relativeOnly); // a catalogue names its CSVs, an HPA manifest nothing more
                        }
                    }
                } catch (java.nio.file.InvalidPathException e) {
                    // not a path
                }
            }
        }
    }
}
