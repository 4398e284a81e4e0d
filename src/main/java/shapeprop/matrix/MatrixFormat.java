package shapeprop.matrix;

import java.util.Locale;

/**
 * Prints a matrix the way numpy does, with its shape first and at most {@link #EDGE} rows and columns from
 * each edge when it is large:
 *
 * <pre>
 * W1 (3, 2)
 * [[ 1.      , -0.5     ],
 *  [ 0.25    ,  2.      ],
 *  [ 0.      ,  1.      ]]
 * </pre>
 */
final class MatrixFormat {

    /** Rows or columns shown from each edge of a large matrix. */
    static final int EDGE = 3;
    /** Matrices with more elements than this are truncated, like numpy's default threshold. */
    static final int THRESHOLD = 1000;

    private MatrixFormat() {
    }

    static String format(Matrix m) {
        StringBuilder out = new StringBuilder(m.describe()).append('\n');
        if (m.size() == 0) {
            return out.append("[]").toString();
        }
        boolean truncate = m.size() > THRESHOLD;
        int[] rows = shown(m.rows(), truncate);
        int[] cols = shown(m.cols(), truncate);
        int width = 0;
        String[][] cells = new String[rows.length][cols.length];
        for (int i = 0; i < rows.length; i++) {
            for (int j = 0; j < cols.length; j++) {
                if (rows[i] >= 0 && cols[j] >= 0) {
                    cells[i][j] = number(m.get(rows[i], cols[j]));
                    width = Math.max(width, cells[i][j].length());
                }
            }
        }
        out.append('[');
        for (int i = 0; i < rows.length; i++) {
            if (i > 0) {
                out.append(",\n ");
            }
            if (rows[i] < 0) {
                out.append("...");
                continue;
            }
            out.append('[');
            for (int j = 0; j < cols.length; j++) {
                if (j > 0) {
                    out.append(", ");
                }
                out.append(cols[j] < 0 ? pad("...", width) : pad(cells[i][j], width));
            }
            out.append(']');
        }
        return out.append(']').toString();
    }

    /** Indices to show along one axis; -1 marks the "..." gap. */
    private static int[] shown(int n, boolean truncate) {
        if (!truncate || n <= 2 * EDGE) {
            int[] all = new int[n];
            for (int i = 0; i < n; i++) {
                all[i] = i;
            }
            return all;
        }
        int[] picked = new int[2 * EDGE + 1];
        for (int i = 0; i < EDGE; i++) {
            picked[i] = i;
            picked[EDGE + 1 + i] = n - EDGE + i;
        }
        picked[EDGE] = -1;
        return picked;
    }

    private static String number(double v) {
        if (v == 0) {
            return " 0.";
        }
        if (Double.isNaN(v)) {
            return " nan";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? " inf" : "-inf";
        }
        double a = Math.abs(v);
        String text = a >= 1e4 || a < 1e-4
                ? String.format(Locale.ROOT, "%.4e", v)
                : String.format(Locale.ROOT, "%.4f", v).replaceAll("0+$", "");
        if (text.endsWith(".")) {
            text = text + "";
        }
        return v < 0 ? text : " " + text;
    }

    private static String pad(String s, int width) {
        StringBuilder b = new StringBuilder(s);
        while (b.length() < width) {
            b.append(' ');
        }
        return b.toString();
    }
}
