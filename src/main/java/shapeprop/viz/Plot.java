package shapeprop.viz;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A figure as Plotly draws it: a list of traces and a layout (titles, axes, annotations), written with
 * plotly.js 3's attribute names. {@link NotebookHtml} renders it as an interactive plot that works offline,
 * with a static PNG ({@link PlotImage}) for places where scripts can't run.
 *
 * <p>Figures for training come ready-made ({@link TrainingCurves}, {@link DecisionBoundary},
 * {@link DigitGrid}, {@link WeightImages}, {@link ActivationHistogram}, {@link ConfusionMatrix#heatmap()});
 * {@link #builder(String)} makes any other.
 */
public final class Plot {

    private final String title;
    private final List<PlotTrace> traces;
    private final Map<String, Object> layout;

    private Plot(String title, List<PlotTrace> traces, Map<String, Object> layout) {
        this.title = title;
        this.traces = List.copyOf(traces);
        this.layout = layout;
    }

    /** Pixels above the plot area: the title sits at their bottom, Plotly's tool bar at their top. */
    static final int TOP_MARGIN = 72;

    /** Plotly's title font: 1.4 × the layout's 13 px. */
    static final double TITLE_FONT_PX = 18.2;

    /**
     * About how many pixels a title takes in Plotly's title font: 0.55 em a character (Helvetica's average is
     * nearer 0.5), so a figure this wide doesn't cut it off.
     */
    static int titleWidth(String title) {
        return (int) Math.ceil(title.codePointCount(0, title.length()) * 0.55 * TITLE_FONT_PX);
    }

    /** Starts a figure with a title; add traces and axes, then {@link Builder#build()}. */
    public static Builder builder(String title) {
        return new Builder(title);
    }

    public String title() {
        return title;
    }

    /**
     * The title, left-aligned just above the plot area: below Plotly's tool bar (top right), which would
     * cover the end of a long title on a narrow figure if the title sat at the very top.
     */
    private static Map<String, Object> heading(String text) {
        Map<String, Object> heading = new LinkedHashMap<>();
        heading.put("text", text);
        heading.put("x", 0);
        heading.put("xref", "paper");
        heading.put("xanchor", "left");
        heading.put("y", 1);
        heading.put("yref", "paper");
        heading.put("yanchor", "bottom");
        heading.put("pad", Map.of("b", 14));
        return heading;
    }

    public List<PlotTrace> traces() {
        return traces;
    }

    /** The trace with this legend name; the error lists the names there are. */
    public PlotTrace trace(String name) {
        return traces.stream().filter(t -> name.equals(t.name())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Plot '" + title + "' has no trace named '" + name
                        + "'; its traces are " + traces.stream().map(PlotTrace::name).toList() + "."));
    }

    /** Plotly's layout object (title, xaxis, yaxis, annotations, width, height). */
    public Map<String, Object> layout() {
        return java.util.Collections.unmodifiableMap(layout);
    }

    /** The title of an axis, {@code "xaxis"} or {@code "yaxis"}, or null when it has none. */
    public String axisTitle(String axis) {
        Object a = layout.get(axis);
        if (a instanceof Map<?, ?> m && m.get("title") instanceof Map<?, ?> t) {
            return (String) t.get("text");
        }
        return null;
    }

    /** Whether an axis ({@code "yaxis"}) is logarithmic. */
    public boolean isLog(String axis) {
        return layout.get(axis) instanceof Map<?, ?> m && "log".equals(m.get("type"));
    }

    /** The texts of the annotations, in order (labels on digits, counts on a confusion matrix). */
    public List<String> annotationTexts() {
        return annotations().stream().map(a -> String.valueOf(a.get("text"))).toList();
    }

    @SuppressWarnings("unchecked")
    List<Map<String, Object>> annotations() {
        Object a = layout.get("annotations");
        return a instanceof List<?> list ? (List<Map<String, Object>>) list : List.of();
    }

    int width() {
        return layout.get("width") instanceof Number n ? n.intValue() : 720;
    }

    int height() {
        return layout.get("height") instanceof Number n ? n.intValue() : 440;
    }

    /** {@code {"data": [...], "layout": {...}}}, the argument of {@code Plotly.newPlot}. */
    public String toJson() {
        Map<String, Object> figure = new LinkedHashMap<>();
        figure.put("data", traces);
        figure.put("layout", layout);
        return Json.write(figure);
    }

    /** {@code Plot 'Loss': scatter 'train loss' (50 points), ...; x: step, y: loss (log)}. */
    @Override
    public String toString() {
        String axes = "";
        if (axisTitle("xaxis") != null || axisTitle("yaxis") != null) {
            axes = "; x: " + axisTitle("xaxis") + ", y: " + axisTitle("yaxis") + (isLog("yaxis") ? " (log)" : "");
        }
        return "Plot '" + title + "': " + traces.stream().map(PlotTrace::toString).collect(Collectors.joining(", "))
                + axes;
    }

    /** Collects traces and layout for a {@link Plot}. */
    public static final class Builder {
        private final String title;
        private final List<PlotTrace> traces = new ArrayList<>();
        private final Map<String, Object> layout = new LinkedHashMap<>();
        private final List<Map<String, Object>> annotations = new ArrayList<>();

        private Builder(String title) {
            this.title = title;
            layout.put("title", heading(title));
            layout.put("width", 720);
            layout.put("height", 440);
            layout.put("margin", Map.of("l", 70, "r", 30, "t", TOP_MARGIN, "b", 60));
            layout.put("font", Map.of("family", "Helvetica, Arial, sans-serif", "size", 13));
        }

        public Builder add(PlotTrace trace) {
            traces.add(trace);
            return this;
        }

        public Builder xAxis(String axisTitle) {
            axis("xaxis").put("title", Map.of("text", axisTitle));
            return this;
        }

        public Builder yAxis(String axisTitle) {
            axis("yaxis").put("title", Map.of("text", axisTitle));
            return this;
        }

        /** A logarithmic y axis, for quantities that span decades (gradient norms). */
        public Builder logY() {
            axis("yaxis").put("type", "log");
            return this;
        }

        /** A logarithmic x axis (a step size swept over decades). */
        public Builder logX() {
            axis("xaxis").put("type", "log");
            return this;
        }

        /** Sets an attribute of an axis, e.g. {@code axis("yaxis", "autorange", "reversed")}. */
        public Builder axis(String axis, String key, Object value) {
            axis(axis).put(key, value);
            return this;
        }

        /** Text at data coordinates (x, y), e.g. a label above a digit or a count in a heatmap cell. */
        public Builder annotate(double x, double y, String text, String color) {
            Map<String, Object> a = new LinkedHashMap<>();
            a.put("x", x);
            a.put("y", y);
            a.put("text", text);
            a.put("showarrow", false);
            a.put("font", Map.of("color", color, "size", 12));
            annotations.add(a);
            return this;
        }

        /**
         * A sentence in the middle of the plot area, whatever the axes show: what a reader needs to know to read
         * the figure, e.g. that there is no data yet.
         */
        public Builder note(String text) {
            Map<String, Object> a = new LinkedHashMap<>();
            a.put("x", 0.5);
            a.put("y", 0.5);
            a.put("xref", "paper");
            a.put("yref", "paper");
            a.put("text", text);
            a.put("showarrow", false);
            a.put("font", Map.of("color", "#57606a", "size", 14));
            annotations.add(a);
            return this;
        }

        /** Figure size in pixels. */
        public Builder size(int width, int height) {
            layout.put("width", width);
            layout.put("height", height);
            return this;
        }

        /** Any other layout attribute by its Plotly name. */
        public Builder layout(String key, Object value) {
            layout.put(key, value);
            return this;
        }

        public Plot build() {
            Map<String, Object> l = new LinkedHashMap<>(layout);
            if (!annotations.isEmpty()) {
                l.put("annotations", List.copyOf(annotations));
            }
            return new Plot(title, traces, l);
        }

        @SuppressWarnings("unchecked")
        private Map<String, Object> axis(String name) {
            return (Map<String, Object>) layout.computeIfAbsent(name, k -> new LinkedHashMap<String, Object>());
        }
    }
}
