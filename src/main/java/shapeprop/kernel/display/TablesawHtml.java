package shapeprop.kernel.display;

import tech.tablesaw.api.Table;

/** A Tablesaw Table as an HTML table with its name and size; long tables show head and tail rows. */
public final class TablesawHtml {

    static final int MAX_ROWS = 30;
    static final int EDGE_ROWS = 10;

    private TablesawHtml() {
    }

    public static String html(Table t) {
        StringBuilder b = new StringBuilder(512);
        b.append("<table class=\"shapeprop-table\"><caption style=\"caption-side:top;text-align:left\">");
        if (t.name() != null && !t.name().isEmpty()) {
            b.append("<b>").append(Html.escape(t.name())).append("</b> ");
        }
        b.append(t.rowCount()).append(" rows × ").append(t.columnCount()).append(" columns</caption><thead><tr>");
        for (String name : t.columnNames()) {
            b.append("<th>").append(Html.escape(name)).append("</th>");
        }
        b.append("</tr></thead><tbody>");
        for (int r : TableWindow.indices(t.rowCount(), MAX_ROWS, EDGE_ROWS)) {
            b.append("<tr>");
            for (int c = 0; c < t.columnCount(); c++) {
                b.append("<td>").append(r < 0 ? "⋮" : Html.escape(t.getString(r, c))).append("</td>");
            }
            b.append("</tr>");
        }
        return b.append("</tbody></table>").toString();
    }
}
