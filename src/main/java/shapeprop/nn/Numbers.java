package shapeprop.nn;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;

/**
 * Short, exact-looking numbers for equations and tables: 0.5, 0.01, 1e-05, 3.2e-09. Always with a decimal point,
 * whatever the JVM's default locale ({@link Locale#ROOT}): a trace reads {@code W1 -= 1e-05·dW1}, never
 * {@code 1,00e-05}.
 */
final class Numbers {

    private Numbers() {
    }

    /**
     * A learning rate or scalar as a learner would type it: {@code 0.5}, {@code 0.01}, {@code 2}; below 1e-4 or
     * from 1e6 on, three significant digits without trailing zeros, as numpy prints them: {@code 1e-05},
     * {@code 2.5e-07}, {@code 1.23e+06}.
     */
    static String format(double x) {
        if (x == Math.rint(x) && Math.abs(x) < 1e15) {
            return Long.toString((long) x);
        }
        if (Math.abs(x) >= 1e-4 && Math.abs(x) < 1e6) {
            return new BigDecimal(Double.toString(x)).stripTrailingZeros().toPlainString();
        }
        // 1.00e-05 → 1e-05, 2.50e-07 → 2.5e-07
        return String.format(Locale.ROOT, "%.3g", x).replaceFirst("\\.?0+e", "e");
    }

    /** A small error or difference in scientific notation: {@code 3.2e-09}. */
    static String scientific(double x) {
        if (x == 0) {
            return "0";
        }
        if (Double.isNaN(x) || Double.isInfinite(x)) {
            return Double.toString(x);
        }
        return String.format(Locale.ROOT, "%.1e", x);
    }

    /** Three significant digits, plainly: {@code 200}, {@code 0.005}, {@code -1}. */
    static String significant(double x) {
        if (!Double.isFinite(x)) {
            return Double.toString(x);
        }
        return new BigDecimal(x).round(new MathContext(3)).stripTrailingZeros().toPlainString();
    }
}
