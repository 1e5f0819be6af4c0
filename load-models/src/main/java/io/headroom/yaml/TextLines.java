package io.headroom.yaml;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The lines of a data file a design or profile names (a CSV of samples, a usage history), read whole: a missing or
 * unreadable file is an input error naming it, and a leading byte-order mark (as spreadsheets write UTF-8 CSV) is
 * dropped.
 */
public final class TextLines {
    private TextLines() {
    }

    /** The lines of {@code file}, mutable, without a byte-order mark. */
    public static List<String> read(Path file) throws BadInputException {
        List<String> lines;
        try {
            lines = new ArrayList<>(Files.readAllLines(file));
        } catch (NoSuchFileException e) {
            throw new BadInputException(new InputError(file.toString(), Mark.UNKNOWN, "", "not found"));
        } catch (IOException e) {
            throw new BadInputException(new InputError(file.toString(), Mark.UNKNOWN, "", "cannot read it: " + e.getMessage()));
        }
        if (!lines.isEmpty() && lines.get(0).startsWith("\uFEFF")) {
            lines.set(0, lines.get(0).substring(1));
        }
        return lines;
    }
}
