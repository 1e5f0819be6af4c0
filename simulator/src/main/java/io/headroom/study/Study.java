package io.headroom.study;

import io.headroom.design.DesignReader;
import java.nio.file.Path;
import java.util.List;

/**
 * A study read and checked: its points, each a bound design, and the profile they all run under.
 *
 * @param columns     every path a point sets, in the order the study names them (the results' columns)
 * @param fingerprint a digest of the study, design and profile files: a journal written for other
 *                    inputs is not resumed, and slices of different studies are not merged
 */
public record Study(StudySpec spec, Path file, String designFile, String profileFile, DesignReader.LoadedProfile profile,
                    List<String> columns, List<StudyPoint> points, String fingerprint) {
}
