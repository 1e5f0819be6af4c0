package io.headroom.study;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.headroom.design.DesignReader;
import io.headroom.yaml.BadInputException;
import io.headroom.yaml.InputError;
import io.headroom.yaml.YamlDocument;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a study file and builds its points: for each, a copy of the design's parsed YAML tree with the
 * point's values written in, bound and checked as the design itself would be. So a value the design
 * would refuse is reported at the study line that set it, a mistake elsewhere in the design still at
 * the design's own line, and a path the design does not have at the study's key, naming the path.
 * Every point is checked before anything runs.
 */
public final class StudyReader {
    /** Most errors reported for one study (a bad value repeats at every point that uses it). */
    private static final int MAX_ERRORS = 30;

    private StudyReader() {
    }

    public static Study read(Path file) throws BadInputException {
        YamlDocument doc = YamlDocument.read(file);
        StudySpec spec = doc.bind(StudySpec.class);
        List<InputError> errors = new ArrayList<>();
        Path designPath = sibling(file, spec.design());
        Path profilePath = sibling(file, spec.profile());
        if (!Files.isRegularFile(designPath)) {
            errors.add(doc.error("design", "no design file " + designPath));
        }
        if (!Files.isRegularFile(profilePath)) {
            errors.add(doc.error("profile", "no profile file " + profilePath));
        }
        for (String path : spec.vary().keySet()) {
            syntax(doc, "vary." + path, path, errors);
        }
        for (int i = 0; i < spec.variants().size(); i++) {
            for (String path : spec.variants().get(i).set().keySet()) {
                syntax(doc, "variants[" + i + "].set." + path, path, errors);
                for (String varied : spec.vary().keySet()) {
                    if (path.equals(varied) || inside(path, varied)) { // a variant around a varied key keeps its other keys
                        // vary's value is written over the variant's at every point: the variant's would never run
                        errors.add(doc.keyError("variants[" + i + "].set." + path, "also varied (vary: " + varied
                                + "): every point would take vary's values over this one; set it or vary it, not both"));
                    }
                }
            }
        }
        if (spec.pointCount() > 1_000_000) {
            errors.add(doc.error(spec.vary().isEmpty() ? "variants" : "vary", spec.pointCount() + " points: more than a million"));
        }
        if (!errors.isEmpty()) {
            throw new BadInputException(errors);
        }
        YamlDocument designDoc = YamlDocument.read(designPath);
        DesignReader.LoadedProfile profile = DesignReader.readProfile(profilePath);

        Set<String> columnSet = new LinkedHashSet<>();
        spec.variants().forEach(v -> columnSet.addAll(v.set().keySet()));
        columnSet.addAll(spec.vary().keySet());
        List<String> columns = new ArrayList<>(columnSet);
        Map<String, String> shortNames = shortNames(new ArrayList<>(spec.vary().keySet()));

        List<StudyPoint> points = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        int variantCount = Math.max(1, spec.variants().size());
        List<String> varyPaths = new ArrayList<>(spec.vary().keySet());
        long combos = spec.pointCount() / variantCount;
        int index = 0;
        for (int v = 0; v < variantCount; v++) {
            StudySpec.VariantSpec variant = spec.variants().isEmpty() ? null : spec.variants().get(v);
            for (long c = 0; c < combos; c++) {
                LinkedHashMap<String, JsonNode> values = new LinkedHashMap<>();
                Map<String, YamlDocument.Origin> origins = new LinkedHashMap<>();
                Map<String, String> studyPaths = new LinkedHashMap<>();
                List<String> nameParts = new ArrayList<>();
                if (variant != null) {
                    nameParts.add(variant.name());
                    for (Map.Entry<String, JsonNode> e : variant.set().entrySet()) {
                        String at = "variants[" + v + "].set." + e.getKey();
                        values.put(e.getKey(), e.getValue());
                        studyPaths.put(e.getKey(), at);
                    }
                }
                long rest = c;
                int[] choice = new int[varyPaths.size()];
                for (int k = varyPaths.size() - 1; k >= 0; k--) {
                    int n = spec.vary().get(varyPaths.get(k)).size();
                    choice[k] = (int) (rest % n);
                    rest /= n;
                }
                for (int k = 0; k < varyPaths.size(); k++) {
                    String path = varyPaths.get(k);
                    JsonNode value = spec.vary().get(path).get(choice[k]);
                    values.put(path, value);
                    studyPaths.put(path, "vary." + path + "[" + choice[k] + "]");
                    nameParts.add(shortNames.get(path) + "=" + text(value));
                }
                String name = nameParts.isEmpty() ? spec.name() : String.join(" ", nameParts);
                String note = " (set by " + file + " at point " + index + ": " + name + ")";
                JsonNode root = designDoc.root().deepCopy();
                if (spec.slos() != null) {
                    ((ObjectNode) root).set("slos", doc.root().get("slos").deepCopy());
                    origins.put("slos", new YamlDocument.Origin(doc.displayName(), doc.markOf("slos"), " (the study's SLOs)"));
                }
                boolean patched = true;
                for (Map.Entry<String, JsonNode> e : values.entrySet()) {
                    try {
                        TreePatch.set(root, e.getKey(), e.getValue());
                        origins.put(e.getKey(), new YamlDocument.Origin(doc.displayName(), doc.markOf(studyPaths.get(e.getKey())), note));
                    } catch (TreePatch.PathException ex) {
                        String at = studyPaths.get(e.getKey());
                        String keyAt = at.endsWith("]") ? at.substring(0, at.lastIndexOf('[')) : at;
                        add(errors, seen, doc.keyError(keyAt, "cannot set " + e.getKey() + " in " + designDoc.displayName() + ": "
                                + ex.getMessage()));
                        patched = false;
                    }
                }
                if (patched) {
                    try {
                        DesignReader.Loaded loaded = DesignReader.read(designDoc.patched(root, origins));
                        DesignReader.checkCompatible(loaded, profile);
                        points.add(new StudyPoint(index, name, values, loaded));
                    } catch (BadInputException ex) {
                        ex.errors().forEach(er -> add(errors, seen, er));
                    }
                }
                index++;
                if (errors.size() >= MAX_ERRORS) {
                    throw new BadInputException(errors);
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new BadInputException(errors);
        }
        return new Study(spec, file, designPath.toString(), profilePath.toString(), profile, columns, points,
                fingerprint(inputs(file, designPath, profilePath)));
    }

    /**
     * A design with one value changed, as a study point is made ({@code headroom capacity --knob}); errors
     * about the value name {@code origin} (e.g. "--knob") rather than a line of a file.
     */
    public static DesignReader.Loaded withValue(YamlDocument designDoc, String path, JsonNode value, String origin)
            throws BadInputException, TreePatch.PathException {
        TreePatch.checkSyntax(path);
        JsonNode root = designDoc.root().deepCopy();
        TreePatch.set(root, path, value);
        return DesignReader.read(designDoc.patched(root, Map.of(path, new YamlDocument.Origin(origin, io.headroom.yaml.Mark.UNKNOWN,
                " (set by " + origin + " to " + text(value) + ")"))));
    }

    private static void add(List<InputError> errors, Set<String> seen, InputError e) {
        // the same mistake repeats at every point that carries the value: report it once
        String key = e.file() + ":" + e.mark() + ":" + e.path() + ":" + e.message().replaceAll(" \\(set by .* at point \\d+: .*\\)$", "");
        if (seen.add(key)) {
            errors.add(e);
        }
    }

    private static void syntax(YamlDocument doc, String at, String path, List<InputError> errors) {
        try {
            TreePatch.checkSyntax(path);
        } catch (TreePatch.PathException e) {
            errors.add(doc.keyError(at, e.getMessage()));
        }
    }

    /**
     * The study, its design and profile, then every file they name (a trace, samples, a catalogue): a resumed journal
     * or a merged slice must have read the same bytes of each. A study that names no other file has the fingerprint
     * of its three alone.
     */
    private static Path[] inputs(Path file, Path design, Path profile) throws BadInputException {
        try {
            List<Path> named = StudyFiles.of(file, design, profile, false);
            Path[] all = new Path[named.size()];
            all[0] = file;
            all[1] = design;
            all[2] = profile;
            for (int i = 3; i < all.length; i++) {
                all[i] = named.get(i);
            }
            return all;
        } catch (IOException e) {
            throw new BadInputException(new InputError(file.toString(), io.headroom.yaml.Mark.UNKNOWN, "", "cannot read: " + e.getMessage()));
        }
    }

    /**
     * Whether {@code inner} lies inside {@code outer} ({@code a.b.c} inside {@code a.b}): vary's value for the outer path
     * replaces whatever a variant set inside it. A variant that sets the outer path keeps its other keys: not refused.
     */
    private static boolean inside(String inner, String outer) {
        return inner.length() > outer.length() && inner.startsWith(outer)
                && (inner.charAt(outer.length()) == '.' || inner.charAt(outer.length()) == '[');
    }

    private static Path sibling(Path file, String name) {
        Path p = Path.of(name);
        if (p.isAbsolute()) {
            return p;
        }
        Path dir = file.getParent();
        return dir == null ? p : dir.resolve(p).normalize();
    }

    /** A value as a point's name shows it: a scalar as written, anything else as compact JSON. */
    public static String text(JsonNode v) {
        return v.isValueNode() ? v.asText() : v.toString();
    }

    /** For each path, its shortest tail of keys that no other path ends with ({@code replicas.min}, {@code concurrency}). */
    public static Map<String, String> shortNames(List<String> paths) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String p : paths) {
            String[] parts = p.split("\\.");
            String name = p;
            for (int k = parts.length - 1; k >= 0; k--) {
                String tail = String.join(".", java.util.Arrays.copyOfRange(parts, k, parts.length));
                boolean unique = paths.stream().filter(o -> !o.equals(p)).noneMatch(o -> o.equals(tail) || o.endsWith("." + tail));
                if (unique) {
                    name = tail;
                    break;
                }
            }
            out.put(p, name);
        }
        return out;
    }

    /**
     * A digest of the files' bytes (16 hex digits): whoever reads the same files gets the same fingerprint, wherever they
     * are; a journal or a remote worker that read other bytes can tell.
     */
    public static String fingerprint(Path... files) throws BadInputException {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (Path f : files) {
                byte[] bytes = Files.readAllBytes(f);
                sha.update(Long.toString(bytes.length).getBytes(java.nio.charset.StandardCharsets.UTF_8));
                sha.update(bytes);
            }
            return HexFormat.of().formatHex(sha.digest()).substring(0, 16);
        } catch (IOException e) {
            throw new BadInputException(new InputError(files[0].toString(), io.headroom.yaml.Mark.UNKNOWN, "", "cannot read: " + e.getMessage()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
