package io.headroom.report;

import java.util.ArrayList;
import java.util.List;

/**
 * One table of a run's report, built once from the summary and written by both {@link ReportWriter}s
 * (HTML and Markdown): a header row, then rows of cells. A column holds left-aligned text or
 * right-aligned numbers; a cell may be marked as an SLO met or missed, which the HTML report colours.
 * A key-number table (the run's headline numbers, name against value) has a blank header and its
 * names as row headers.
 */
record ReportTable(List<String> head, List<Boolean> numeric, List<List<Cell>> rows, boolean keyed) {

    /** How a cell stands out: an SLO met, an SLO missed, or not at all. */
    enum Mark {
        NONE, MET, MISSED
    }

    /** One cell's text and mark. */
    record Cell(String text, Mark mark) {
        /** A cell marked by its text: "met" and "MISSED" (with what was missed after it) are SLO outcomes. */
        static Cell of(String text) {
            return new Cell(text, text.startsWith("MISSED") ? Mark.MISSED : "met".equals(text) ? Mark.MET : Mark.NONE);
        }
    }

    /** A table whose first column is text and the others numbers. */
    static ReportTable numbers(List<String> head, List<List<String>> rows) {
        List<Boolean> numeric = new ArrayList<>();
        for (int i = 0; i < head.size(); i++) {
            numeric.add(i > 0);
        }
        return of(head, numeric, rows);
    }

    /** A table with the given columns' alignment; each cell marked by its text. */
    static ReportTable of(List<String> head, List<Boolean> numeric, List<List<String>> rows) {
        List<List<Cell>> cells = new ArrayList<>();
        for (List<String> row : rows) {
            cells.add(row.stream().map(Cell::of).toList());
        }
        return new ReportTable(head, numeric, cells, false);
    }

    /** Headline numbers, {name, value} each; a value that says an SLO was MISSED is marked. */
    static ReportTable keyNumbers(List<String[]> pairs) {
        List<List<Cell>> cells = new ArrayList<>();
        for (String[] p : pairs) {
            cells.add(List.of(new Cell(p[0], Mark.NONE), new Cell(p[1], p[1].contains("MISSED") ? Mark.MISSED : Mark.NONE)));
        }
        return new ReportTable(List.of("", ""), List.of(false, true), cells, true);
    }

    boolean isEmpty() {
        return rows.isEmpty();
    }
}
