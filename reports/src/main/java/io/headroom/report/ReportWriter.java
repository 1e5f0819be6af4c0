package io.headroom.report;

import java.util.Base64;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Writes a run's report as a sequence of blocks (title, heading, paragraph, table, list, chart), so
 * that {@link RunReport} walks the report's sections once for both formats: {@link Html}, the
 * self-contained {@code report.html} (charts inline, every user string escaped), and {@link Markdown},
 * the {@code report.md} for a pull-request capacity review (charts beside it as PNG files).
 */
abstract sealed class ReportWriter permits ReportWriter.Html, ReportWriter.Markdown {
    protected final StringBuilder b = new StringBuilder();

    /** The document's start: its title and the line under it (seed, length, warm-up...). */
    abstract void begin(String title, String subtitle);

    abstract void heading(String text);

    abstract void paragraph(String text);

    abstract void table(ReportTable t);

    /** A bulleted list. */
    abstract void list(List<String> items);

    /** One chart: its PNG bytes (for inline embedding) and its file name beside the report. */
    abstract void chart(String alt, String file, byte[] png, int width, int height);

    /** The document's end; returns the whole text. */
    abstract String end();

    /** {@code s} with {@code &}, {@code <} and {@code >} as HTML entities and each other character as {@code more} says (null: as is). */
    private static String escape(String s, IntFunction<String> more) {
        StringBuilder e = new StringBuilder(s.length());
        for (char ch : s.toCharArray()) {
            String r = switch (ch) {
                case '&' -> "&amp;";
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                default -> more.apply(ch);
            };
            if (r == null) {
                e.append(ch);
            } else {
                e.append(r);
            }
        }
        return e.toString();
    }

    /** {@code report.html}: one page, styles and charts inline. */
    static final class Html extends ReportWriter {
        private static final String STYLE = "<style>\n"
                + "body { font-family: system-ui, sans-serif; margin: 2em auto; max-width: 1240px; padding: 0 1em; color: #222; }\n"
                + "h1 { font-size: 1.6em; margin-bottom: 0.2em; }\n"
                + "h2 { font-size: 1.25em; margin-top: 1.6em; border-bottom: 1px solid #ddd; padding-bottom: 0.2em; }\n"
                + ".sub { color: #555; margin-top: 0; }\n"
                + "table { border-collapse: collapse; margin: 0.6em 0; }\n"
                + "th, td { padding: 0.3em 0.8em; border-bottom: 1px solid #e4e4e4; text-align: left; }\n"
                + "th { background: #f4f4f4; }\n"
                + "td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }\n"
                + ".missed { color: #b00020; font-weight: bold; }\n"
                + ".met { color: #1b7a3a; }\n"
                + "img { max-width: 100%; height: auto; display: block; margin: 1em 0; border: 1px solid #eee; }\n"
                + "</style>\n";

        @Override
        void begin(String title, String subtitle) {
            b.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
            b.append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
            b.append("<title>").append(esc(title)).append("</title>\n");
            b.append(STYLE).append("</head>\n<body>\n");
            b.append("<h1>").append(esc(title)).append("</h1>\n");
            b.append("<p class=\"sub\">").append(esc(subtitle)).append("</p>\n");
        }

        @Override
        void heading(String text) {
            b.append("<h2>").append(esc(text)).append("</h2>\n");
        }

        @Override
        void paragraph(String text) {
            b.append("<p>").append(esc(text)).append("</p>\n");
        }

        /** Numbers right-aligned (class {@code n}); SLO outcomes coloured; a key-number table's names as row headers. */
        @Override
        void table(ReportTable t) {
            b.append("<table>\n");
            if (!t.keyed()) {
                b.append("<tr>");
                for (int i = 0; i < t.head().size(); i++) {
                    b.append(t.numeric().get(i) ? "<th class=\"n\">" : "<th>").append(esc(t.head().get(i))).append("</th>");
                }
                b.append("</tr>\n");
            }
            for (List<ReportTable.Cell> row : t.rows()) {
                b.append("<tr>");
                for (int i = 0; i < row.size(); i++) {
                    ReportTable.Cell cell = row.get(i);
                    if (t.keyed() && i == 0) {
                        b.append("<th>").append(esc(cell.text())).append("</th>");
                        continue;
                    }
                    String cls = switch (cell.mark()) {
                        case MISSED -> "missed";
                        case MET -> "met";
                        case NONE -> "";
                    };
                    if (i < t.numeric().size() && t.numeric().get(i)) {
                        cls = cls.isEmpty() ? "n" : "n " + cls;
                    }
                    b.append(cls.isEmpty() ? "<td>" : "<td class=\"" + cls + "\">").append(esc(cell.text())).append("</td>");
                }
                b.append("</tr>\n");
            }
            b.append("</table>\n");
        }

        @Override
        void list(List<String> items) {
            b.append("<ul>\n");
            for (String w : items) {
                b.append("<li>").append(esc(w)).append("</li>\n");
            }
            b.append("</ul>\n");
        }

        @Override
        void chart(String alt, String file, byte[] png, int width, int height) {
            b.append("<img width=\"").append(width).append("\" height=\"").append(height).append("\" alt=\"")
                    .append(esc(alt)).append("\" src=\"data:image/png;base64,")
                    .append(Base64.getEncoder().encodeToString(png)).append("\">\n");
        }

        @Override
        String end() {
            b.append("</body>\n</html>\n");
            return b.toString();
        }

        /** HTML-escapes text for element content and quoted attribute values. */
        static String esc(String s) {
            return escape(s, ch -> switch (ch) {
                case '"' -> "&quot;";
                case '\'' -> "&#39;";
                default -> null;
            });
        }
    }

    /** {@code report.md}: blocks separated by a blank line; the charts linked as the PNG files beside it. */
    static final class Markdown extends ReportWriter {
        /** Starts a block: a blank line after the one before. */
        private StringBuilder block() {
            if (!b.isEmpty()) {
                b.append('\n');
            }
            return b;
        }

        @Override
        void begin(String title, String subtitle) {
            block().append("# ").append(md(title)).append('\n');
            block().append(md(subtitle)).append('\n');
        }

        @Override
        void heading(String text) {
            block().append("## ").append(md(text)).append('\n');
        }

        @Override
        void paragraph(String text) {
            block().append(md(text)).append('\n');
        }

        /** A GitHub table: numbers right-aligned ({@code --:}); a key-number table has a blank header. */
        @Override
        void table(ReportTable t) {
            block().append('|');
            for (String h : t.head()) {
                b.append(h.isEmpty() ? " |" : " " + md(h) + " |"); // a blank header: "| | |"
            }
            b.append("\n|");
            for (int i = 0; i < t.head().size(); i++) {
                b.append(t.numeric().get(i) ? "--:|" : "---|");
            }
            b.append('\n');
            for (List<ReportTable.Cell> row : t.rows()) {
                b.append('|');
                for (ReportTable.Cell cell : row) {
                    b.append(' ').append(md(cell.text())).append(" |");
                }
                b.append('\n');
            }
        }

        @Override
        void list(List<String> items) {
            block();
            for (String w : items) {
                b.append("- ").append(md(w)).append('\n');
            }
        }

        @Override
        void chart(String alt, String file, byte[] png, int width, int height) {
            block().append("![").append(alt).append("](").append(file).append(")\n");
        }

        @Override
        String end() {
            return b.append('\n').toString();
        }

        /** A user string as literal Markdown text: HTML-escaped (GitHub renders inline HTML) and its punctuation backslashed. */
        static String md(String s) {
            return escape(s, ch -> switch (ch) {
                case '\\', '`', '*', '_', '[', ']', '|', '#', '!' -> "\\" + (char) ch;
                case '\n', '\r' -> " ";
                default -> null;
            });
        }
    }
}
