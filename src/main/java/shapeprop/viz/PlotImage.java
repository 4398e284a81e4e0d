package shapeprop.viz;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/**
 * A static PNG of a {@link Plot}, drawn with Java2D: what a reader sees where scripts can't run (GitHub's
 * notebook viewer, an untrusted notebook) and what a terminal program can save to a file. It draws the
 * trace types ShapeProp's figures use — scatter lines and markers, bars, heatmaps — with axis titles, a
 * log axis, annotations and a legend; it is a faithful sketch, not a second Plotly.
 */
public final class PlotImage {

    private static final int LEFT = 70;
    private static final int RIGHT = 30;
    private static final int TOP = 50;
    private static final int BOTTOM = 60;

    private PlotImage() {
    }

    /** The figure as PNG bytes, at the figure's layout size. */
    public static byte[] png(Plot plot) {
        BufferedImage image = draw(plot);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
        try (ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(stream);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(0.0f); // smallest file: notebooks keep this image
            writer.write(null, new IIOImage(image, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    /** The PNG as base64, for {@code image/png} in a notebook output. */
    public static String base64(Plot plot) {
        return Base64.getEncoder().encodeToString(png(plot));
    }

    /** Writes the PNG to a file (e.g. {@code loss.png} from a terminal program) and returns the path. */
    public static Path save(Plot plot, Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            return Files.write(file, png(plot));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write " + file + ": " + e.getMessage(), e);
        }
    }

    static BufferedImage draw(Plot plot) {
        int w = plot.width();
        int h = plot.height();
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, w, h);
            new Canvas(plot, g, w, h).paint();
        } finally {
            g.dispose();
        }
        return image;
    }

    /** One drawing: data ranges mapped to the plot area. */
    private static final class Canvas {
        private final Plot plot;
        private final Graphics2D g;
        private int x0;
        private int x1;
        private int y0;
        private int y1;
        private final boolean logX;
        private final boolean logY;
        private final boolean reversedY;
        private final boolean showAxes;
        private double xmin = Double.POSITIVE_INFINITY;
        private double xmax = Double.NEGATIVE_INFINITY;
        private double ymin = Double.POSITIVE_INFINITY;
        private double ymax = Double.NEGATIVE_INFINITY;
        private List<String> categories = List.of();

        Canvas(Plot plot, Graphics2D g, int w, int h) {
            this.plot = plot;
            this.g = g;
            this.x0 = LEFT;
            this.x1 = w - RIGHT;
            this.y0 = TOP;
            this.y1 = h - BOTTOM;
            this.logX = plot.isLog("xaxis");
            this.logY = plot.isLog("yaxis");
            this.reversedY = "reversed".equals(axisAttribute("yaxis", "autorange"));
            this.showAxes = !Boolean.FALSE.equals(axisAttribute("xaxis", "visible"));
        }

        void paint() {
            measure();
            squarePixels();
            title();
            if (!(xmin <= xmax && ymin <= ymax)) {
                if (plot.annotations().stream().noneMatch(Canvas::onPaper)) {
                    centered("no data", (x0 + x1) / 2.0, (y0 + y1) / 2.0, Color.GRAY);
                }
                notes();
                return;
            }
            boolean heatmap = plot.traces().stream().anyMatch(t -> t.grid().length > 0);
            if (showAxes && !heatmap) {
                gridLines();
            }
            for (PlotTrace t : plot.traces()) {
                switch (t.type()) {
                    case "heatmap", "contour" -> heatmap(t);
                    case "bar" -> bars(t);
                    default -> { }
                }
            }
            if (showAxes) {
                axes();
            }
            for (PlotTrace t : plot.traces()) {
                if ("scatter".equals(t.type())) {
                    scatter(t);
                }
            }
            annotations();
            notes();
            legend();
        }

        /**
         * The title, centred over the plot area but never cut: moved inside the image, and in a smaller font when
         * it is wider than the image.
         */
        private void title() {
            int width = plot.width();
            int size = 15;
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, size));
            while (size > 9 && g.getFontMetrics().stringWidth(plot.title()) > width - 12) {
                g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, --size));
            }
            double half = g.getFontMetrics().stringWidth(plot.title()) / 2.0;
            double centre = Math.max(6 + half, Math.min(width - 6 - half, (x0 + x1) / 2.0));
            centered(plot.title(), centre, 28, Color.DARK_GRAY);
        }

        /**
         * With {@code yaxis.scaleanchor = "x"} (image tiles), one data unit takes as many pixels across as down, as in
         * Plotly: the plot area shrinks along one side and is centred, instead of stretching the images.
         */
        private void squarePixels() {
            if (!"x".equals(axisAttribute("yaxis", "scaleanchor")) || !(xmax > xmin && ymax > ymin)) {
                return;
            }
            double unit = Math.min((x1 - x0) / (xmax - xmin), (y1 - y0) / (ymax - ymin));
            int w = (int) Math.round(unit * (xmax - xmin));
            int h = (int) Math.round(unit * (ymax - ymin));
            x0 += (x1 - x0 - w) / 2;
            x1 = x0 + w;
            y0 += (y1 - y0 - h) / 2;
            y1 = y0 + h;
        }

        // ------------------------------------------------------------ data ranges

        private void measure() {
            for (PlotTrace t : plot.traces()) {
                if (t.get("x") instanceof Object[] cats && !(cats instanceof double[][])) {
                    List<String> names = new ArrayList<>();
                    for (Object c : cats) {
                        names.add(String.valueOf(c));
                    }
                    categories = names;
                }
                double[][] z = t.grid();
                if (z.length > 0) {
                    double[] xs = centres(t.doubles("x"), z[0].length);
                    double[] ys = centres(t.doubles("y"), z.length);
                    includeX(xs[0] - step(xs) / 2);
                    includeX(xs[xs.length - 1] + step(xs) / 2);
                    includeY(ys[0] - step(ys) / 2);
                    includeY(ys[ys.length - 1] + step(ys) / 2);
                    continue;
                }
                double[] xs = xs(t);
                double[] ys = t.doubles("y");
                boolean bar = "bar".equals(t.type());
                for (int i = 0; i < Math.min(xs.length, ys.length); i++) {
                    if (Double.isFinite(ys[i]) && (!logY || ys[i] > 0)) {
                        includeX(xs[i] + (bar ? -0.5 * step(xs) : 0));
                        includeX(xs[i] + (bar ? 0.5 * step(xs) : 0));
                        includeY(ys[i]);
                        if (bar) {
                            includeY(0);
                        }
                    }
                }
            }
            for (Map<String, Object> a : plot.annotations()) {
                if (onPaper(a)) {
                    continue;
                }
                includeX(((Number) a.get("x")).doubleValue());
                includeY(((Number) a.get("y")).doubleValue());
            }
            if (axisAttribute("yaxis", "range") instanceof List<?> r && r.size() == 2) {
                ymin = ((Number) r.get(0)).doubleValue();
                ymax = ((Number) r.get(1)).doubleValue();
                if (logY) {
                    ymin = Math.pow(10, ymin);
                    ymax = Math.pow(10, ymax);
                }
            }
            if (xmin == xmax) {
                xmin = logX ? xmin / 10 : xmin - 1;
                xmax = logX ? xmax * 10 : xmax + 1;
            }
            if (ymin == ymax) {
                ymin = logY ? ymin / 10 : ymin - 1;
                ymax = logY ? ymax * 10 : ymax + 1;
            }
        }

        private double[] xs(PlotTrace t) {
            double[] xs = t.doubles("x");
            if (xs.length == 0) {
                int n = t.doubles("y").length;
                xs = new double[n];
                for (int i = 0; i < n; i++) {
                    xs[i] = i;
                }
            }
            return xs;
        }

        private void includeX(double x) {
            if (Double.isFinite(x) && (!logX || x > 0)) {
                xmin = Math.min(xmin, x);
                xmax = Math.max(xmax, x);
            }
        }

        private void includeY(double y) {
            if (Double.isFinite(y) && (!logY || y > 0)) {
                ymin = Math.min(ymin, y);
                ymax = Math.max(ymax, y);
            }
        }

        private static double[] centres(double[] given, int n) {
            if (given.length == n) {
                return given;
            }
            double[] c = new double[n];
            for (int i = 0; i < n; i++) {
                c[i] = i;
            }
            return c;
        }

        private static double step(double[] xs) {
            return xs.length > 1 ? Math.abs(xs[xs.length - 1] - xs[0]) / (xs.length - 1) : 1;
        }

        private double px(double x) {
            double f = logX ? (Math.log10(x) - Math.log10(xmin)) / (Math.log10(xmax) - Math.log10(xmin))
                    : (x - xmin) / (xmax - xmin);
            return x0 + f * (x1 - x0);
        }

        private double py(double y) {
            double f = logY ? (Math.log10(y) - Math.log10(ymin)) / (Math.log10(ymax) - Math.log10(ymin))
                    : (y - ymin) / (ymax - ymin);
            return reversedY ? y0 + f * (y1 - y0) : y1 - f * (y1 - y0);
        }

        // ------------------------------------------------------------ traces

        private void heatmap(PlotTrace t) {
            double[][] z = t.grid();
            double[] xs = centres(t.doubles("x"), z[0].length);
            double[] ys = centres(t.doubles("y"), z.length);
            double lo = t.get("zmin") instanceof Number n ? n.doubleValue() : Double.POSITIVE_INFINITY;
            double hi = t.get("zmax") instanceof Number n ? n.doubleValue() : Double.NEGATIVE_INFINITY;
            if (!(t.get("zmin") instanceof Number) || !(t.get("zmax") instanceof Number)) {
                for (double[] row : z) {
                    for (double v : row) {
                        if (Double.isFinite(v)) {
                            lo = Math.min(lo, v);
                            hi = Math.max(hi, v);
                        }
                    }
                }
            }
            List<?> scale = t.get("colorscale") instanceof List<?> s ? s : Palette.BLUES;
            double opacity = t.get("opacity") instanceof Number o ? o.doubleValue() : 1;
            double dx = step(xs) / 2;
            double dy = step(ys) / 2;
            // cells on whole pixels, without antialiasing: crisp edges and a PNG that compresses well
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_OFF);
            for (int i = 0; i < z.length; i++) {
                for (int j = 0; j < z[i].length; j++) {
                    if (!Double.isFinite(z[i][j])) {
                        continue;
                    }
                    Color c = Palette.at(scale, hi > lo ? (z[i][j] - lo) / (hi - lo) : 0.5);
                    g.setColor(new Color(c.getRed(), c.getGreen(), c.getBlue(), (int) Math.round(255 * opacity)));
                    // edges from the cell index, so that neighbours share them exactly
                    int left = (int) Math.round(px(xs[0] - dx + 2 * dx * j));
                    int right = (int) Math.round(px(xs[0] - dx + 2 * dx * (j + 1)));
                    int top = (int) Math.round(py(ys[0] - dy + 2 * dy * (i + 1)));
                    int bottom = (int) Math.round(py(ys[0] - dy + 2 * dy * i));
                    g.fillRect(Math.min(left, right), Math.min(top, bottom), Math.abs(right - left),
                            Math.abs(bottom - top));
                }
            }
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        }

        private void bars(PlotTrace t) {
            double[] xs = xs(t);
            double[] ys = t.doubles("y");
            double half = 0.4 * step(xs);
            g.setColor(Palette.color(traceColour(t)));
            for (int i = 0; i < Math.min(xs.length, ys.length); i++) {
                if (!Double.isFinite(ys[i])) {
                    continue;
                }
                double left = px(xs[i] - half);
                double right = px(xs[i] + half);
                double top = py(Math.max(ys[i], 0));
                double bottom = py(Math.min(ys[i], 0));
                g.fill(new Rectangle2D.Double(left, Math.min(top, bottom), Math.max(1, right - left),
                        Math.abs(bottom - top)));
            }
        }

        private void scatter(PlotTrace t) {
            double[] xs = xs(t);
            double[] ys = t.doubles("y");
            Color colour = Palette.color(traceColour(t));
            String mode = t.get("mode") instanceof String m ? m : "lines";
            if (mode.contains("lines")) {
                g.setColor(colour);
                g.setStroke(new BasicStroke(2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
                Path2D path = new Path2D.Double();
                boolean pen = false;
                for (int i = 0; i < Math.min(xs.length, ys.length); i++) {
                    boolean ok = Double.isFinite(ys[i]) && (!logY || ys[i] > 0) && (!logX || xs[i] > 0);
                    if (!ok) {
                        pen = false;
                        continue;
                    }
                    if (pen) {
                        path.lineTo(px(xs[i]), py(ys[i]));
                    } else {
                        path.moveTo(px(xs[i]), py(ys[i]));
                        pen = true;
                    }
                }
                g.draw(path);
            }
            if (mode.contains("markers")) {
                double r = t.path("marker.size") instanceof Number s ? s.doubleValue() / 2 : 3;
                for (int i = 0; i < Math.min(xs.length, ys.length); i++) {
                    if (Double.isFinite(ys[i]) && Double.isFinite(xs[i]) && (!logY || ys[i] > 0)
                            && (!logX || xs[i] > 0)) {
                        Ellipse2D dot = new Ellipse2D.Double(px(xs[i]) - r, py(ys[i]) - r, 2 * r, 2 * r);
                        g.setColor(colour);
                        g.fill(dot);
                        g.setColor(Color.WHITE);
                        g.setStroke(new BasicStroke(0.6f));
                        g.draw(dot);
                    }
                }
            }
        }

        private static String traceColour(PlotTrace t) {
            for (String p : List.of("line.color", "marker.color")) {
                if (t.path(p) instanceof String s) {
                    return s;
                }
            }
            return Palette.series(0);
        }

        // ------------------------------------------------------------ axes, labels, legend

        private void axes() {
            g.setColor(Color.GRAY);
            g.setStroke(new BasicStroke(1f));
            g.drawLine(x0, y1, x1, y1);
            g.drawLine(x0, y0, x0, y1);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
            if (!categories.isEmpty()) {
                for (int i = 0; i < categories.size(); i++) {
                    centered(categories.get(i), px(i), y1 + 15, Color.DARK_GRAY);
                }
            } else {
                double[] xticks = logX ? Ticks.log(xmin, xmax)
                        : axisAttribute("xaxis", "dtick") instanceof Number step
                        ? Ticks.every(step.doubleValue(), xmin, xmax) : Ticks.linear(xmin, xmax, 6);
                for (double v : xticks) {
                    g.setColor(Color.GRAY);
                    g.drawLine((int) px(v), y1, (int) px(v), y1 + 4);
                    centered(Ticks.label(v), px(v), y1 + 16, Color.DARK_GRAY);
                }
            }
            for (double v : yTicks()) {
                g.setColor(Color.GRAY);
                g.drawLine(x0 - 4, (int) py(v), x0, (int) py(v));
                String label = Ticks.label(v);
                FontMetrics fm = g.getFontMetrics();
                g.setColor(Color.DARK_GRAY);
                g.drawString(label, x0 - 7 - fm.stringWidth(label), (int) py(v) + fm.getAscent() / 2 - 1);
            }
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
            String xt = plot.axisTitle("xaxis");
            if (xt != null) {
                centered(xt, (x0 + x1) / 2.0, y1 + 40, Color.DARK_GRAY);
            }
            String ytitle = plot.axisTitle("yaxis");
            if (ytitle != null) {
                AffineTransform saved = g.getTransform();
                g.rotate(-Math.PI / 2);
                centered(ytitle, -(y0 + y1) / 2.0, 20, Color.DARK_GRAY);
                g.setTransform(saved);
            }
        }

        private double[] yTicks() {
            return logY ? Ticks.log(ymin, ymax) : Ticks.linear(ymin, ymax, 6);
        }

        /** Light horizontal lines at the y ticks, under the data. */
        private void gridLines() {
            g.setColor(new Color(0xEEEEEE));
            g.setStroke(new BasicStroke(1f));
            for (double v : yTicks()) {
                g.drawLine(x0 + 1, (int) py(v), x1, (int) py(v));
            }
        }

        private void annotations() {
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
            for (Map<String, Object> a : plot.annotations()) {
                if (onPaper(a)) {
                    continue;
                }
                centered(String.valueOf(a.get("text")), px(((Number) a.get("x")).doubleValue()),
                        py(((Number) a.get("y")).doubleValue()), colour(a));
            }
        }

        /** An annotation's font colour, black when it sets none. */
        private static Color colour(Map<String, Object> a) {
            return Palette.color(a.get("font") instanceof Map<?, ?> f && f.get("color") instanceof String c ? c
                    : "black");
        }

        /** Whether an annotation sits at a fraction of the plot area (a {@link Plot.Builder#note}), not at data. */
        private static boolean onPaper(Map<String, Object> a) {
            return "paper".equals(a.get("xref")) && "paper".equals(a.get("yref"));
        }

        /** The notes, at their place in the plot area. */
        private void notes() {
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
            for (Map<String, Object> a : plot.annotations()) {
                if (onPaper(a)) {
                    double fx = ((Number) a.get("x")).doubleValue();
                    double fy = ((Number) a.get("y")).doubleValue();
                    centered(String.valueOf(a.get("text")), x0 + fx * (x1 - x0), y1 - fy * (y1 - y0), colour(a));
                }
            }
        }

        private void legend() {
            List<PlotTrace> named = plot.traces().stream()
                    .filter(t -> t.name() != null && !"heatmap".equals(t.type()) && !"contour".equals(t.type()))
                    .toList();
            if (named.size() < 2) {
                return;
            }
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
            FontMetrics fm = g.getFontMetrics();
            int width = named.stream().mapToInt(t -> fm.stringWidth(t.name())).max().orElse(0) + 30;
            int lx = x1 - width - 6;
            int ly = y0 + 6;
            g.setColor(new Color(255, 255, 255, 220));
            g.fillRect(lx, ly, width, named.size() * 16 + 6);
            for (int i = 0; i < named.size(); i++) {
                PlotTrace t = named.get(i);
                g.setColor(Palette.color(traceColour(t)));
                g.fillRect(lx + 5, ly + 8 + i * 16, 14, 4);
                g.setColor(Color.DARK_GRAY);
                g.drawString(t.name(), lx + 24, ly + 14 + i * 16);
            }
        }

        private void centered(String text, double cx, double baselineCentre, Color colour) {
            FontMetrics fm = g.getFontMetrics();
            g.setColor(colour);
            g.drawString(text, (float) (cx - fm.stringWidth(text) / 2.0),
                    (float) (baselineCentre + fm.getAscent() / 2.0 - 2));
        }

        private Object axisAttribute(String axis, String key) {
            return plot.layout().get(axis) instanceof Map<?, ?> m ? m.get(key) : null;
        }
    }
}
