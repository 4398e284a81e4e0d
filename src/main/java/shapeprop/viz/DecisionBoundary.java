package shapeprop.viz;

import java.util.function.Function;
import shapeprop.data.Dataset;
import shapeprop.data.Samples;
import shapeprop.matrix.Matrix;
import shapeprop.matrix.Shape;

/**
 * Where a 2-D classifier changes its mind: its prediction on a grid over the plane as a heatmap, with the
 * samples on top, coloured by class. A linear model (or a network whose hidden layer doesn't learn)
 * draws a straight boundary; a working network bends it around the moons.
 *
 * <p>The classifier is any function from points to probabilities, such as {@code net::predict}. The grid
 * is passed as one point per row, (k, 2); a classifier that rejects that shape gets one point per column,
 * (2, k). It may return P(class 1) as (k, 1) or (1, k), or one probability per class as (k, classes) or
 * (classes, k).
 */
public final class DecisionBoundary {

    /** Grid points per axis. */
    static final int RESOLUTION = 80;

    private DecisionBoundary() {
    }

    /** The classifier's boundary over a 2-feature dataset, e.g. {@code DecisionBoundary.of(net::predict, moons)}. */
    public static Plot of(Function<Matrix, Matrix> classifier, Dataset data) {
        if (data.features() != 2) {
            throw new IllegalArgumentException("DecisionBoundary: " + data.name() + " has " + data.features()
                    + " features; a decision boundary is drawn in the plane, for datasets with 2 features"
                    + " (e.g. Moons).");
        }
        return of(classifier, data.x(Samples.ROWS), data.labels(), data.classes());
    }

    /** Same, for points as rows (m, 2) or columns (2, m) and one class label per point. */
    public static Plot of(Function<Matrix, Matrix> classifier, Matrix points, int[] labels, int classes) {
        Matrix rows = asRows(points, labels.length);
        double xmin = Double.POSITIVE_INFINITY, xmax = Double.NEGATIVE_INFINITY;
        double ymin = Double.POSITIVE_INFINITY, ymax = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < rows.rows(); i++) {
            xmin = Math.min(xmin, rows.get(i, 0));
            xmax = Math.max(xmax, rows.get(i, 0));
            ymin = Math.min(ymin, rows.get(i, 1));
            ymax = Math.max(ymax, rows.get(i, 1));
        }
        double padX = 0.1 * Math.max(xmax - xmin, 1e-9) + 0.1;
        double padY = 0.1 * Math.max(ymax - ymin, 1e-9) + 0.1;
        double[] gx = linspace(xmin - padX, xmax + padX, RESOLUTION);
        double[] gy = linspace(ymin - padY, ymax + padY, RESOLUTION);
        int k = RESOLUTION * RESOLUTION;
        Matrix grid = Matrix.fromFunction(k, 2, (i, j) -> j == 0 ? gx[i % RESOLUTION] : gy[i / RESOLUTION]);
        double[][] probabilities = classify(classifier, grid, k);
        boolean binary = probabilities.length == 1 || probabilities.length == 2 && classes <= 2;

        double[][] z = new double[RESOLUTION][RESOLUTION];
        for (int i = 0; i < k; i++) {
            if (binary) {
                z[i / RESOLUTION][i % RESOLUTION] = probabilities[probabilities.length - 1][i];
            } else {
                int best = 0;
                for (int c = 1; c < probabilities.length; c++) {
                    best = probabilities[c][i] > probabilities[best][i] ? c : best;
                }
                z[i / RESOLUTION][i % RESOLUTION] = best;
            }
        }
        PlotTrace surface = PlotTrace.of("heatmap", binary ? "P(class 1)" : "predicted class")
                .set("x", gx).set("y", gy).set("z", z).set("opacity", 0.75).set("zsmooth", "best");
        if (binary) {
            surface.set("colorscale", Palette.DIVERGING).set("zmin", 0).set("zmax", 1)
                    .set("colorbar", java.util.Map.of("title", java.util.Map.of("text", "P(class 1)")));
        } else {
            surface.set("colorscale", classScale(probabilities.length)).set("zmin", 0)
                    .set("zmax", probabilities.length - 1).set("showscale", false).set("zsmooth", false);
        }
        Plot.Builder plot = Plot.builder(title(classifier, rows, labels, binary)).add(surface).xAxis("x₁").yAxis("x₂")
                .size(640, 560).layout("legend", java.util.Map.of("orientation", "h", "y", -0.18));
        for (int c = 0; c < classes; c++) {
            int n = 0;
            for (int label : labels) {
                n += label == c ? 1 : 0;
            }
            double[] xs = new double[n];
            double[] ys = new double[n];
            for (int i = 0, j = 0; i < labels.length; i++) {
                if (labels[i] == c) {
                    xs[j] = rows.get(i, 0);
                    ys[j++] = rows.get(i, 1);
                }
            }
            String colour = binary ? (c == 0 ? "#2166ac" : "#b2182b") : Palette.series(c);
            plot.add(PlotTrace.markers("class " + c, xs, ys, colour));
        }
        return plot.build();
    }

    /** {@code Decision boundary: 98.5% of 200 points right}: what the classifier says at the samples. */
    private static String title(Function<Matrix, Matrix> classifier, Matrix rows, int[] labels, boolean binary) {
        double[][] p = classify(classifier, rows, labels.length);
        int right = 0;
        for (int i = 0; i < labels.length; i++) {
            int predicted = 0;
            if (binary) {
                predicted = p[p.length - 1][i] >= 0.5 ? 1 : 0;
            } else {
                for (int c = 1; c < p.length; c++) {
                    predicted = p[c][i] > p[predicted][i] ? c : predicted;
                }
            }
            right += predicted == labels[i] ? 1 : 0;
        }
        return "Decision boundary: " + Format.percent((double) right / labels.length) + " of " + labels.length
                + (labels.length == 1 ? " point right" : " points right");
    }

    /** The points one per row, (m, 2), whichever way they came. */
    private static Matrix asRows(Matrix points, int m) {
        if (points.rows() == m && points.cols() == 2) {
            return points;
        }
        if (points.cols() == m && points.rows() == 2) {
            return points.T();
        }
        throw new IllegalArgumentException("DecisionBoundary: the points are " + points.shape() + " but there are "
                + m + " labels; give the points as (" + m + ", 2) or (2, " + m + "), one label per point.");
    }

    /** Probabilities as [class][point], from whichever orientation the classifier accepts and returns. */
    private static double[][] classify(Function<Matrix, Matrix> classifier, Matrix gridRows, int k) {
        Matrix out;
        try {
            out = classifier.apply(gridRows.named("grid"));
        } catch (IllegalArgumentException rowsRejected) {
            try {
                out = classifier.apply(gridRows.T().named("grid"));
            } catch (IllegalArgumentException columnsRejected) {
                columnsRejected.addSuppressed(rowsRejected);
                throw new IllegalArgumentException("DecisionBoundary: the classifier accepts neither (" + k
                        + ", 2) nor (2, " + k + ") points: " + columnsRejected.getMessage()
                        + " Pass a classifier of two inputs, such as net::predict for a 2-input network.",
                        columnsRejected);
            }
        }
        Shape s = out.shape();
        Matrix perClass; // (classes, k)
        if (s.cols() == k) {
            perClass = out;
        } else if (s.rows() == k) {
            perClass = out.T();
        } else {
            throw new IllegalArgumentException("DecisionBoundary: for " + k + " grid points the classifier returned "
                    + s + "; it should return one probability (or one per class) for each point: (" + k
                    + ", classes) or (classes, " + k + ").");
        }
        return perClass.toArray();
    }

    private static java.util.List<java.util.List<Object>> classScale(int classes) {
        java.util.List<java.util.List<Object>> scale = new java.util.ArrayList<>();
        for (int c = 0; c < classes; c++) {
            String colour = Palette.series(c);
            double lo = classes == 1 ? 0 : (double) c / classes;
            double hi = classes == 1 ? 1 : (double) (c + 1) / classes;
            scale.add(java.util.List.of(lo, colour));
            scale.add(java.util.List.of(hi, colour));
        }
        return scale;
    }

    static double[] linspace(double from, double to, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = n == 1 ? from : from + (to - from) * i / (n - 1);
        }
        return v;
    }
}
