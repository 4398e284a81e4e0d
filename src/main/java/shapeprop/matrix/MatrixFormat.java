package shapeprop.matrix;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

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
 * Whole numbers print as {@code 3.}, {@code -0.0} as {@code -0.}; digits are the exact value rounded half to
 * even ({@code 0.03125} prints {@code 0.0312}) with trailing zeros dropped. Values spanning more than three
 * orders of magnitude (whole numbers too), or below 1e-4, or from 1e8 up print in scientific notation, every
 * mantissa with as many digits as the longest needs: {@code [1.e+00, 1.e+04]}, {@code [1.2346e+08, 1.0000e+00]}.
 * All of it as numpy does.
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

    /**
     * How the numbers of one matrix are written, decided from the values shown as numpy's {@code FloatingFormat}
     * decides: scientific when the largest nonzero magnitude is 1e8 or more, the smallest is below 1e-4, or the
     * largest is more than 1000 times the smallest (whole numbers too); fixed-point otherwise. Digits come from the
     * exact binary value rounded half to even at {@link #PRECISION} places, as numpy's Dragon4 does.
     */
    private static final class Style {

        final boolean scientific;
        /** Scientific only: the mantissa digits after the point, shared by every value (numpy's min_digits). */
        final int mantissaDigits;
        /** Scientific only: the exponent's digits, at least two and shared by every value. */
        final int exponentDigits;

        private Style(boolean scientific, int mantissaDigits, int exponentDigits) {
            this.scientific = scientific;
            this.mantissaDigits = mantissaDigits;
            this.exponentDigits = exponentDigits;
        }

        static Style of(double[] values, int count) {
            double maxAbs = 0;
            double minAbs = Double.POSITIVE_INFINITY;
            for (int i = 0; i < count; i++) {
                double a = Math.abs(values[i]);
                if (Double.isFinite(a) && a > 0) {
                    maxAbs = Math.max(maxAbs, a);
                    minAbs = Math.min(minAbs, a);
                }
            }
            boolean anyNonZero = maxAbs > 0;
            if (!(anyNonZero && (maxAbs >= 1e8 || minAbs < 1e-4 || maxAbs / minAbs > 1e3))) {
                return new Style(false, 0, 0);
            }
            // numpy first writes each value as short as it can, then gives all the longest mantissa and exponent
            int mantissa = 0;
            int exponent = 2;
            for (int i = 0; i < count; i++) {
                if (Double.isFinite(values[i])) {
                    BigDecimal d = significant(values[i]);
                    mantissa = Math.max(mantissa, d.precision() - 1);
                    exponent = Math.max(exponent, Integer.toString(Math.abs(exponentOf(d))).length());
                }
            }
            return new Style(true, mantissa, exponent);
        }

        String text(double v) {
            if (Double.isNaN(v)) {
                return "nan";
            }
            if (Double.isInfinite(v)) {
                return v > 0 ? "inf" : "-inf";
            }
            // numpy keeps the sign of -0.0: "-0."
            String sign = Double.doubleToRawLongBits(v) < 0 ? "-" : "";
            if (!scientific) {
                BigDecimal d = new BigDecimal(v).abs().setScale(PRECISION, RoundingMode.HALF_EVEN).stripTrailingZeros();
                String digits = d.toPlainString();
                return sign + (digits.indexOf('.') < 0 ? digits + "." : digits);
            }
            // numpy's min_digits: every mantissa gets the longest one's digits, read off the exact value
            BigDecimal d = v == 0 ? BigDecimal.ZERO
                    : new BigDecimal(v).round(new MathContext(1 + mantissaDigits, RoundingMode.HALF_EVEN));
            String digits = d.unscaledValue().abs().toString();
            int exponent = exponentOf(d);
            String power = Integer.toString(Math.abs(exponent));
            return sign + digits.charAt(0) + "." + digits.substring(1) + "0".repeat(mantissaDigits - digits.length() + 1)
                    + "e" + (exponent < 0 ? "-" : "+") + "0".repeat(exponentDigits - power.length()) + power;
        }

        /**
         * The fewest significant digits, at most 1 + PRECISION, that numpy needs for the value: its exact value
         * rounded half to even, trailing zeros dropped (0 stays 0). A subnormal has so few bits that fewer digits
         * already read back as the same double (5e-324, not 4.9407e-324); numpy stops there.
         */
        private static BigDecimal significant(double v) {
            if (v == 0) {
                return BigDecimal.ZERO;
            }
            BigDecimal exact = new BigDecimal(v);
            if (Math.abs(v) < Double.MIN_NORMAL) {
                for (int digits = 1; digits < 1 + PRECISION; digits++) {
                    BigDecimal shorter = exact.round(new MathContext(digits, RoundingMode.HALF_EVEN));
                    if (Double.parseDouble(shorter.toString()) == v) {
                        return shorter.stripTrailingZeros();
                    }
                }
            }
            return exact.round(new MathContext(1 + PRECISION, RoundingMode.HALF_EVEN)).stripTrailingZeros();
        }

        /** The power of ten of the first digit: 1.2346e+08 for 123456789. */
        private static int exponentOf(BigDecimal d) {
            return d.signum() == 0 ? 0 : d.precision() - 1 - d.scale();
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
