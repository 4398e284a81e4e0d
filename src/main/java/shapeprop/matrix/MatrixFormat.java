package shapeprop.matrix;

import java.util.Locale;

/**
 * Prints a matrix the way numpy does with {@code np.set_printoptions(precision=4)}: the name and shape first,
 * then the values with their decimal points lined up, and only {@link #EDGE} rows and columns from each edge
 * of a matrix with more than {@link #THRESHOLD} elements:
 *
 * <pre>
 * W1 (3, 2)
 * [[ 1.  , -0.5 ],
 *  [ 0.25,  2.  ],
 *  [ 0.  ,  1.  ]]
 * </pre>
 *
 * Whole numbers print as {@code 3.}; values spanning more than three orders of magnitude, or below 1e-4, or
 * from 1e8 up print in scientific notation ({@code 1.2346e+08}), as numpy does.
 */
final class MatrixFormat {

    /** Rows or columns shown from each edge of a large matrix. */
    static final int EDGE = 3;
    /** Matrices with more elements than this are truncated, like numpy's default threshold. */
    static final int THRESHOLD = 1000;
    /** Digits after the decimal point. */
    static final int PRECISION = 4;

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
        double[] values = new double[rows.length * cols.length];
        int count = 0;
        for (int i : rows) {
            for (int j : cols) {
                if (i >= 0 && j >= 0) {
                    values[count++] = m.get(i, j);
                }
            }
        }
        Style style = Style.of(values, count);
        String[][] cells = new String[rows.length][cols.length];
        int intWidth = 0;
        int fracWidth = 0;
        int wordWidth = 0;
        for (int a = 0; a < rows.length; a++) {
            for (int b = 0; b < cols.length; b++) {
                if (rows[a] >= 0 && cols[b] >= 0) {
                    String text = style.text(m.get(rows[a], cols[b]));
                    cells[a][b] = text;
                    int dot = text.indexOf('.');
                    if (dot < 0) {
                        wordWidth = Math.max(wordWidth, text.length());
                    } else {
                        intWidth = Math.max(intWidth, dot);
                        fracWidth = Math.max(fracWidth, text.length() - dot);
                    }
                }
            }
        }
        // nan, inf and -inf take the numbers' width, or widen the integer part to fit
        intWidth = Math.max(intWidth, wordWidth - fracWidth);
        out.append('[');
        for (int a = 0; a < rows.length; a++) {
            if (a > 0) {
                out.append(",\n ");
            }
            if (rows[a] < 0) {
                out.append("...");
                continue;
            }
            out.append('[');
            for (int b = 0; b < cols.length; b++) {
                if (b > 0) {
                    out.append(", ");
                }
                out.append(cols[b] < 0 ? "..." : align(cells[a][b], intWidth, fracWidth));
            }
            out.append(']');
        }
        return out.append(']').toString();
    }

    /** How the numbers of one matrix are written: all whole, fixed-point, or scientific. */
    private enum Style {
        WHOLE, FIXED, SCIENTIFIC;

        static Style of(double[] values, int count) {
            boolean whole = true;
            double maxAbs = 0;
            double minAbs = Double.POSITIVE_INFINITY;
            for (int i = 0; i < count; i++) {
                double v = values[i];
                if (!Double.isFinite(v)) {
                    continue;
                }
                double a = Math.abs(v);
                whole &= v == Math.rint(v);
                maxAbs = Math.max(maxAbs, a);
                if (a > 0) {
                    minAbs = Math.min(minAbs, a);
                }
            }
            if (maxAbs >= 1e8 || minAbs < Math.pow(10, -PRECISION) || (!whole && maxAbs > 1e3 * minAbs)) {
                return SCIENTIFIC;
            }
            return whole ? WHOLE : FIXED;
        }

        String text(double v) {
            if (Double.isNaN(v)) {
                return "nan";
            }
            if (Double.isInfinite(v)) {
                return v > 0 ? "inf" : "-inf";
            }
            return switch (this) {
                case WHOLE -> String.format(Locale.ROOT, "%.0f.", v == 0 ? 0.0 : v);
                case FIXED -> trimZeros(String.format(Locale.ROOT, "%." + PRECISION + "f", v == 0 ? 0.0 : v));
                case SCIENTIFIC -> String.format(Locale.ROOT, "%." + PRECISION + "e", v);
            };
        }

        private static String trimZeros(String fixed) {
            int end = fixed.length();
            while (fixed.charAt(end - 1) == '0') {
                end--;
            }
            return fixed.substring(0, end);
        }
    }

    /** Pads a number so that decimal points line up: spaces before the integer part and after the fraction. */
    private static String align(String text, int intWidth, int fracWidth) {
        int dot = text.indexOf('.');
        if (dot < 0) {
            // nan and inf are right-aligned with the numbers
            return " ".repeat(Math.max(0, intWidth + fracWidth - text.length())) + text;
        }
        return " ".repeat(intWidth - dot) + text + " ".repeat(fracWidth - (text.length() - dot));
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
}
