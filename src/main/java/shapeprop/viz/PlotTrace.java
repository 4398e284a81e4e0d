package shapeprop.viz;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One Plotly trace: a type ({@code scatter}, {@code heatmap}, {@code bar}) and its attributes, named as in
 * Plotly's JSON ({@code x}, {@code y}, {@code z}, {@code mode}, {@code marker}...), so a reader can look any
 * of them up in Plotly's reference. Built fluently:
 * <pre>{@code PlotTrace.of("scatter", "train loss").set("x", steps).set("y", losses).set("mode", "lines")}</pre>
 */
public final class PlotTrace {

    private final Map<String, Object> attributes = new LinkedHashMap<>();

    private PlotTrace(String type, String name) {
        attributes.put("type", type);
        if (name != null) {
            attributes.put("name", name);
        }
    }

    /** A trace of a Plotly type, e.g. {@code of("scatter", "train loss")}; the name shows in the legend. */
    public static PlotTrace of(String type, String name) {
        return new PlotTrace(type, name);
    }

    /** A line through (x, y), Plotly {@code scatter} with {@code mode: lines}. */
    public static PlotTrace line(String name, double[] x, double[] y, String color) {
        checkPoints("line", name, x, y);
        return of("scatter", name).set("x", x).set("y", y).set("mode", "lines")
                .set("line", Map.of("color", color, "width", 2));
    }

    /** Points at (x, y), Plotly {@code scatter} with {@code mode: markers}. */
    public static PlotTrace markers(String name, double[] x, double[] y, String color) {
        checkPoints("markers", name, x, y);
        return of("scatter", name).set("x", x).set("y", y).set("mode", "markers")
                .set("marker", Map.of("color", color, "size", 6, "line", Map.of("color", "white", "width", 0.5)));
    }

    /** One y per x: Plotly would silently drop the points past the shorter array. */
    private static void checkPoints(String method, String name, double[] x, double[] y) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("PlotTrace." + method + " '" + name + "': x has " + x.length
                    + " values but y has " + y.length + "; give one y per x (the same number of points in both).");
        }
    }

    /** Sets a Plotly attribute and returns this trace. */
    public PlotTrace set(String key, Object value) {
        attributes.put(key, value);
        return this;
    }

    public String type() {
        return (String) attributes.get("type");
    }

    /** The legend name, or null. */
    public String name() {
        return (String) attributes.get("name");
    }

    /** An attribute's value as set, or null. */
    public Object get(String key) {
        return attributes.get(key);
    }

    /** A numeric array attribute ({@code x}, {@code y}), or an empty array when absent. */
    public double[] doubles(String key) {
        Object v = attributes.get(key);
        if (v instanceof double[] a) {
            return a.clone();
        }
        if (v instanceof int[] a) {
            double[] out = new double[a.length];
            for (int i = 0; i < a.length; i++) {
                out[i] = a[i];
            }
            return out;
        }
        return new double[0];
    }

    /** The {@code z} grid of a heatmap or contour, rows of values; empty when absent. */
    public double[][] grid() {
        return attributes.get("z") instanceof double[][] z ? z : new double[0][];
    }

    /** A nested attribute such as {@code marker.color}, or null. */
    public Object path(String dotted) {
        Object v = attributes;
        for (String part : dotted.split("\\.")) {
            if (!(v instanceof Map<?, ?> m)) {
                return null;
            }
            v = m.get(part);
        }
        return v;
    }

    public Map<String, Object> attributes() {
        return Collections.unmodifiableMap(attributes);
    }

    /** {@code scatter 'train loss' (50 points)} or {@code heatmap (28×28)}. */
    @Override
    public String toString() {
        String label = type() + (name() == null ? "" : " '" + name() + "'");
        double[][] z = grid();
        if (z.length > 0) {
            return label + " (" + z.length + "×" + z[0].length + ")";
        }
        int n = Math.max(doubles("x").length, doubles("y").length);
        if (n == 0 && get("x") instanceof Object[] cats) {
            n = cats.length;
        }
        return label + " (" + n + (n == 1 ? " point)" : " points)");
    }
}
