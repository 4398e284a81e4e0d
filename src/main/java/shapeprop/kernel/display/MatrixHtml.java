package shapeprop.kernel.display;

import shapeprop.matrix.Matrix;

import java.util.Locale;

/**
 * A Matrix as an HTML table captioned with its name and shape; large matrices show their first and last
 * rows and columns with … between, so a (60000, 784) matrix renders instantly.
 */
public final class MatrixHtml {

    /** Rows or columns shown in full; beyond this, {@link #EDGE} from each end. */
    static final int MAX = 12;
    static final int EDGE = 5;

    private MatrixHtml() {
    }

    public static String html(Matrix m) {
        StringBuilder b = new StringBuilder(256);
        b.append("<table class=\"shapeprop-matrix\" style=\"font-family:monospace;text-align:right\">");
        b.append("<caption style=\"caption-side:top;text-align:left;white-space:nowrap\">")
                .append(m.name() == null ? "Matrix " : "<b>" + Html.escape(m.name()) + "</b> ")
                .append("shape <b>").append(m.shape()).append("</b></caption>");
        int[] rows = TableWindow.indices(m.rows(), MAX, EDGE);
        int[] cols = TableWindow.indices(m.cols(), MAX, EDGE);
        b.append("<thead><tr><th></th>");
        for (int c : cols) {
            b.append("<th>").append(c < 0 ? "…" : String.valueOf(c)).append("</th>");
        }
        b.append("</tr></thead><tbody>");
        for (int r : rows) {
            b.append("<tr><th>").append(r < 0 ? "⋮" : String.valueOf(r)).append("</th>");
            for (int c : cols) {
                b.append("<td>");
                if (r < 0 || c < 0) {
                    b.append(r < 0 && c < 0 ? "⋱" : r < 0 ? "⋮" : "…");
                } else {
                    b.append(number(m.get(r, c)));
                }
                b.append("</td>");
            }
            b.append("</tr>");
        }
        return b.append("</tbody></table>").toString();
    }

    static String number(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        double a = Math.abs(v);
        return a >= 1e4 || a < 1e-4 ? String.format(Locale.ROOT, "%.4e", v) : String.format(Locale.ROOT, "%.4f", v);
    }
}
