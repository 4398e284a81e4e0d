package shapeprop.viz;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Round tick values for an axis (1, 2 or 5 times a power of ten) and short labels for them. */
final class Ticks {

    private Ticks() {
    }

    static double[] linear(double lo, double hi, int about) {
        double raw = (hi - lo) / Math.max(1, about - 1);
        double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        double step = magnitude;
        for (double m : new double[] {1, 2, 5, 10}) {
            if (m * magnitude >= raw) {
                step = m * magnitude;
                break;
            }
        }
        List<Double> ticks = new ArrayList<>();
        for (double v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) {
            ticks.add(Math.abs(v) < step * 1e-9 ? 0 : v);
        }
        return ticks.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** Multiples of {@code step} from lo to hi (Plotly's {@code dtick}), e.g. every epoch. */
    static double[] every(double step, double lo, double hi) {
        List<Double> ticks = new ArrayList<>();
        for (double v = Math.ceil(lo / step - 1e-9) * step; v <= hi + step * 1e-9; v += step) {
            ticks.add(v);
        }
        return ticks.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** At most this many decade labels on a log axis, however many decades it spans. */
    static final int DECADE_LABELS = 8;

    /**
     * Decades between two labels of a log axis from lo to hi (Plotly's {@code dtick}): 1 up to 8 decades, then
     * ⌈decades / 8⌉, so that 1e-30 to 1 gets 8 readable labels instead of 31 overlapping ones.
     */
    static int decadeStep(double lo, double hi) {
        if (!(lo > 0 && hi >= lo) || !Double.isFinite(hi)) {
            return 1;
        }
        double decades = Math.ceil(Math.log10(hi) - 1e-9) - Math.floor(Math.log10(lo) + 1e-9);
        return (int) Math.max(1, Math.ceil(decades / DECADE_LABELS));
    }

    static double[] log(double lo, double hi) {
        List<Double> ticks = new ArrayList<>();
        int step = decadeStep(lo, hi);
        int first = (int) Math.ceil(Math.log10(lo) - 1e-9);
        for (int e = Math.floorDiv(first + step - 1, step) * step; e <= Math.floor(Math.log10(hi) + 1e-9); e += step) {
            ticks.add(Math.pow(10, e));
        }
        if (ticks.size() < 2) {
            return linear(lo, hi, 4);
        }
        return ticks.stream().mapToDouble(Double::doubleValue).toArray();
    }

    static String label(double v) {
        if (v == 0) {
            return "0";
        }
        double a = Math.abs(v);
        if (a >= 1e5 || a < 1e-3) {
            return String.format(Locale.ROOT, "%.0e", v).replace("e-0", "e-").replace("e+0", "e").replace("e+", "e");
        }
        if (v == Math.rint(v)) {
            return String.valueOf((long) v);
        }
        return String.format(Locale.ROOT, "%.3f", v).replaceAll("0+$", "").replaceAll("\\.$", "");
    }
}
