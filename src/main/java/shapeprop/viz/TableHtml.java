package shapeprop.viz;

import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * A Tablesaw {@link Table} as a styled HTML table for a notebook: a caption with the table's name and size,
 * numbers right-aligned in their column's print format (the same text {@code table.print()} shows in a
 * terminal), ✓ and ok in green, ✗ and wrong in red, ? and suspicious in amber. Long tables show their first and
 * last rows around a "… n more rows" line, as {@code print()} does.
 */
public final class TableHtml {

    /** Tables longer than this show their first and last {@code MAX_ROWS / 2} rows. */
    public static final int MAX_ROWS = 40;

    private static final String STYLE = "border-collapse:collapse;font-family:ui-monospace,SFMono-Regular,Menlo,"
            + "Consolas,monospace;font-size:12.5px;margin:4px 0";
    private static final String CELL = "padding:3px 10px;border-bottom:1px solid #e5e5e5;white-space:nowrap";

    /**
     * Text longer than this wraps (an explanation, a broadcast note) instead of pushing the table wider than
     * the notebook, where the end of the sentence — often the part that says what to fix — would be cut off.
     */
    static final int WRAP_AFTER = 48;

    /** A wrapping column: wide enough to read, never wider than a notebook's text. */
    private static final String WRAP = ";white-space:normal;min-width:22em;max-width:44em";

    private TableHtml() {
    }

    public static String render(Table table) {
        StringBuilder html = new StringBuilder();
        html.append("<table class=\"shapeprop-table\" style=\"").append(STYLE).append("\">");
        // nowrap: a narrow table (a one-class confusion matrix) must not fold its name onto four lines
        html.append("<caption style=\"caption-side:top;text-align:left;font-weight:bold;padding:2px 0;")
                .append("white-space:nowrap\">")
                .append(Html.escape(table.name())).append(" <span style=\"font-weight:normal;color:#666\">(")
                .append(table.rowCount()).append(table.rowCount() == 1 ? " row" : " rows").append(")</span></caption>");
        html.append("<thead><tr>");
        for (Column<?> c : table.columns()) {
            html.append("<th style=\"").append(CELL).append(";text-align:")
                    .append(c instanceof NumericColumn ? "right" : "left")
                    .append(";border-bottom:2px solid #999\">").append(Html.escape(c.name())).append("</th>");
        }
        html.append("</tr></thead><tbody>");
        int n = table.rowCount();
        boolean[] wraps = new boolean[table.columnCount()];
        for (int c = 0; c < wraps.length; c++) {
            Column<?> column = table.column(c);
            for (int r = 0; r < n && !(column instanceof NumericColumn); r++) {
                wraps[c] |= column.getString(r).length() > WRAP_AFTER;
            }
        }
        int head = n > MAX_ROWS ? MAX_ROWS / 2 : n;
        for (int r = 0; r < head; r++) {
            row(table, r, wraps, html);
        }
        if (n > MAX_ROWS) {
            html.append("<tr><td colspan=\"").append(table.columnCount()).append("\" style=\"").append(CELL)
                    .append(";color:#666;text-align:center\">… ").append(n - MAX_ROWS).append(" more rows …</td></tr>");
            for (int r = n - MAX_ROWS / 2; r < n; r++) {
                row(table, r, wraps, html);
            }
        }
        html.append("</tbody></table>");
        return html.toString();
    }

    private static void row(Table table, int r, boolean[] wraps, StringBuilder html) {
        html.append("<tr>");
        for (int i = 0; i < wraps.length; i++) {
            Column<?> c = table.column(i);
            String text = c.getString(r);
            html.append("<td style=\"").append(CELL).append(wraps[i] ? WRAP : "");
            // explicit alignment: notebook stylesheets right-align every cell
            html.append(c instanceof NumericColumn ? ";text-align:right;font-variant-numeric:tabular-nums"
                    : ";text-align:left");
            String colour = colour(text);
            if (colour != null) {
                html.append(";color:").append(colour).append(";font-weight:600");
            }
            html.append("\">").append(Html.escape(text)).append("</td>");
        }
        html.append("</tr>");
    }

    /** Verdicts and check marks get the colour of what they mean. */
    static String colour(String text) {
        String t = text.trim();
        if (t.contains("✗") || t.equalsIgnoreCase("wrong")) {
            return Palette.BAD;
        }
        if (t.startsWith("?") || t.equalsIgnoreCase("suspicious")) {
            return Palette.WARN;
        }
        if (t.contains("✓") || t.equalsIgnoreCase("ok")) {
            return Palette.GOOD;
        }
        return null;
    }
}
