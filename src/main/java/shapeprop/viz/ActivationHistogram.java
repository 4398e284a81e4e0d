package shapeprop.viz;

import java.util.LinkedHashMap;
import java.util.Map;
import shapeprop.matrix.Matrix;

/**
 * The distribution of a layer's activations, to see saturation: sigmoid or tanh units stuck near their
 * limits pass almost no gradient back (σ'(z) ≈ 0), and ReLU units stuck at 0 pass none. Each layer is one
 * histogram (fraction of values per bin), named with the share of saturated (or zero) values.
 */
public final class ActivationHistogram {

    /** Bins per histogram. */
    static final int BINS = 40;

    /** Values within this fraction of a bounded activation's range from either end count as saturated. */
    static final double SATURATED = 0.02;

    private ActivationHistogram() {
    }

    /** One layer's activations, e.g. {@code of("A1", A1)}. */
    public static Plot of(String name, Matrix activations) {
        Map<String, Matrix> one = new LinkedHashMap<>();
        one.put(name, activations);
        return of(one);
    }

    /** Several layers' activations overlaid, in order, e.g. {@code A1}, {@code A2}. */
    public static Plot of(Map<String, Matrix> layers) {
        Map<String, double[]> finite = new LinkedHashMap<>();
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (Map.Entry<String, Matrix> e : layers.entrySet()) {
            // NaN and ±∞ have no bin: they are counted in the title instead
            double[] all = e.getValue().toFlatArray();
            double[] values = java.util.Arrays.stream(all).filter(Double::isFinite).toArray();
            finite.put(e.getKey(), values);
            for (double v : values) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        if (lo > hi) {
            lo = 0;
            hi = 1;
        } else if (lo == hi) {
            lo -= 0.5;
            hi += 0.5;
        }
        // hi/BINS - lo/BINS, not (hi - lo)/BINS: from -1e308 to 1e308 the difference overflows to ∞
        double width = hi / BINS - lo / BINS;
        double[] centres = new double[BINS];
        for (int b = 0; b < BINS; b++) {
            // lo·(1 − t) + hi·t, which stays finite where lo + (b + ½)·width overflows
            double t = (b + 0.5) / BINS;
            centres[b] = lo * (1 - t) + hi * t;
        }
        java.util.List<PlotTrace> traces = new java.util.ArrayList<>();
        StringBuilder title = new StringBuilder("Activations:");
        int i = 0;
        for (Map.Entry<String, double[]> e : finite.entrySet()) {
            double[] values = e.getValue();
            double[] fraction = new double[BINS];
            for (double v : values) {
                int b = (int) Math.min(BINS - 1, Math.max(0, Math.floor(v / width - lo / width)));
                fraction[b] += 1.0 / values.length;
            }
            String stat = values.length == 0 ? "no finite values" : saturation(values);
            int bad = layers.get(e.getKey()).size() - values.length;
            if (bad > 0) {
                stat += " (" + bad + " of " + (bad + values.length) + (bad == 1 ? " values is" : " values are")
                        + " NaN or ±∞, not drawn)";
            }
            title.append(i == 0 ? " " : ", ").append(e.getKey()).append(" ").append(stat);
            traces.add(PlotTrace.of("bar", e.getKey() + " (" + stat + ")").set("x", centres).set("y", fraction)
                    .set("width", width).set("opacity", layers.size() > 1 ? 0.6 : 0.9)
                    .set("marker", Map.of("color", Palette.series(i))));
            i++;
        }
        Plot.Builder plot = Plot.builder(title.toString()).xAxis("activation value").yAxis("fraction of values")
                .layout("barmode", "overlay").layout("bargap", 0.02);
        traces.forEach(plot::add);
        return plot.build();
    }

    /**
     * {@code 37% saturated} for values in [0, 1] (sigmoid) or [-1, 1] (tanh): the share within 2% of the
     * range from either end; {@code 45% zero} for other values (ReLU).
     */
    static String saturation(double[] values) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        int count = 0;
        if (min >= 0 && max <= 1 || min >= -1 && max <= 1) {
            double low = min >= 0 ? 0 : -1;
            double band = SATURATED * (1 - low);
            for (double v : values) {
                count += v <= low + band || v >= 1 - band ? 1 : 0;
            }
            return Format.percent((double) count / values.length) + " saturated";
        }
        for (double v : values) {
            count += v == 0 ? 1 : 0;
        }
        return Format.percent((double) count / values.length) + " zero";
    }
}
