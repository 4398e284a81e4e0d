package shapeprop.viz;

import java.awt.Color;
import java.util.List;

/** The colours ShapeProp's figures share: one per series or class, and the scales of heatmaps. */
public final class Palette {

    /** Series and class colours (Plotly's default colourway), in order. */
    public static final List<String> SERIES = List.of("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd",
            "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf");

    /** Correct answers, passing checks. */
    public static final String GOOD = "#1a7f37";
    /** Wrong answers, failing checks. */
    public static final String BAD = "#cf222e";
    /** Suspicious checks. */
    public static final String WARN = "#bf8700";

    /** White to dark blue, for counts and probabilities. */
    public static final List<List<Object>> BLUES = List.of(List.of(0, "#f7fbff"), List.of(0.5, "#6baed6"),
            List.of(1, "#08306b"));
    /** Black to white, for pixel intensities. */
    public static final List<List<Object>> GREYS = List.of(List.of(0, "#ffffff"), List.of(1, "#000000"));
    /** Black only, for values that are not numbers (NaN or ±∞ weights). */
    public static final List<List<Object>> BLACK = List.of(List.of(0, "#000000"), List.of(1, "#000000"));
    /** Blue (negative) through white (zero) to red (positive), for weights and P(class 1). */
    public static final List<List<Object>> DIVERGING = List.of(List.of(0, "#2166ac"), List.of(0.5, "#f7f7f7"),
            List.of(1, "#b2182b"));

    private Palette() {
    }

    /** The colour of series or class {@code i}, cycling after ten. */
    public static String series(int i) {
        return SERIES.get(Math.floorMod(i, SERIES.size()));
    }

    /** Parses {@code #rrggbb}, {@code rgb(r,g,b)} and {@code rgba(r,g,b,a)}. */
    static Color color(String css) {
        String s = css.trim();
        if (s.startsWith("#") && s.length() == 7) {
            return new Color(Integer.parseInt(s.substring(1), 16));
        }
        if (s.startsWith("rgb")) {
            String[] p = s.substring(s.indexOf('(') + 1, s.indexOf(')')).split(",");
            int a = p.length > 3 ? (int) Math.round(Double.parseDouble(p[3].trim()) * 255) : 255;
            return new Color(Integer.parseInt(p[0].trim()), Integer.parseInt(p[1].trim()),
                    Integer.parseInt(p[2].trim()), a);
        }
        return switch (s) {
            case "white" -> Color.WHITE;
            case "black" -> Color.BLACK;
            default -> Color.DARK_GRAY;
        };
    }

    /** The colour at {@code t} in [0, 1] on a Plotly colour scale ([[position, colour], ...]). */
    static Color at(List<?> scale, double t) {
        double u = Math.max(0, Math.min(1, t));
        for (int i = 1; i < scale.size(); i++) {
            List<?> hi = (List<?>) scale.get(i);
            double hiPos = ((Number) hi.get(0)).doubleValue();
            if (u <= hiPos || i == scale.size() - 1) {
                List<?> lo = (List<?>) scale.get(i - 1);
                double loPos = ((Number) lo.get(0)).doubleValue();
                double f = hiPos == loPos ? 1 : (u - loPos) / (hiPos - loPos);
                Color a = color((String) lo.get(1));
                Color b = color((String) hi.get(1));
                return new Color(mix(a.getRed(), b.getRed(), f), mix(a.getGreen(), b.getGreen(), f),
                        mix(a.getBlue(), b.getBlue(), f));
            }
        }
        return color((String) ((List<?>) scale.get(0)).get(1));
    }

    private static int mix(int a, int b, double f) {
        return (int) Math.round(a + (b - a) * Math.max(0, Math.min(1, f)));
    }
}
