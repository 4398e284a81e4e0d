package shapeprop.viz;

import shapeprop.matrix.Matrix;
import shapeprop.nn.Layout;

/**
 * What the first layer looks for: each hidden unit's 784 input weights drawn as a 28×28 image, red for
 * positive, blue for negative, each scaled to its own largest |w|. Random noise before training; strokes
 * and blobs after.
 */
public final class WeightImages {

    /** Images per row of the grid. */
    static final int COLUMNS = 8;

    private WeightImages() {
    }

    /**
     * The first {@code units} units of a first-layer weight matrix: (hidden, 784) in the columns layout,
     * (784, hidden) in the rows layout.
     */
    public static Plot of(Matrix W1, Layout layout, int units) {
        String name = W1.name() == null ? "W1" : W1.name();
        checkLayout(W1, name, layout);
        Matrix perUnit = layout == Layout.COLUMNS ? W1 : W1.T(); // (hidden, inputs)
        int side = Tiles.side(perUnit.cols(), name + " " + W1.shape() + " in the " + layout
                + " layout: each unit's input weights");
        int n = Math.min(units, perUnit.rows());
        Tiles tiles = new Tiles(Math.max(1, n), side, COLUMNS);
        Tiles bad = new Tiles(Math.max(1, n), side, COLUMNS); // 1 where a weight is NaN or ±∞, else a gap
        int nonFinite = 0;
        for (int u = 0; u < n; u++) {
            double[] w = perUnit.sliceRows(u, u + 1).toFlatArray();
            double[] mark = new double[w.length];
            // scale on the finite weights only: one NaN must not blank the whole tile
            double scale = 0;
            for (double v : w) {
                scale = Double.isFinite(v) ? Math.max(scale, Math.abs(v)) : scale;
            }
            for (int i = 0; i < w.length; i++) {
                boolean finite = Double.isFinite(w[i]);
                nonFinite += finite ? 0 : 1;
                mark[i] = finite ? Double.NaN : 1;
                w[i] = !finite ? Double.NaN : scale == 0 ? 0 : w[i] / scale;
            }
            tiles.put(u, w);
            bad.put(u, mark);
        }
        String title = "First-layer weights " + name + ": " + n + " of " + perUnit.rows() + " units (red +, blue −)";
        if (nonFinite > 0) {
            title += "; " + nonFinite + (nonFinite == 1 ? " weight is" : " weights are") + " NaN or ±∞ (black)";
        }
        Plot.Builder plot = tiles.plot(title, 2.4)
                .add(tiles.trace("w / max|w|", Palette.DIVERGING, -1, 1));
        if (nonFinite > 0) {
            plot.add(bad.trace("NaN or ±∞", Palette.BLACK, 0, 1));
        }
        for (int u = 0; u < n; u++) {
            plot.annotate(tiles.labelX(u), tiles.labelY(u), "unit " + u, "#24292f");
        }
        return plot.build();
    }

    /** The inputs must be a square image; if only the other side is, the layout (or a transpose) is wrong. */
    private static void checkLayout(Matrix W1, String name, Layout layout) {
        int inputs = layout == Layout.COLUMNS ? W1.cols() : W1.rows();
        int other = layout == Layout.COLUMNS ? W1.rows() : W1.cols();
        if (!Tiles.isSquare(inputs) && other > 1 && Tiles.isSquare(other)) {
            Layout fits = layout == Layout.COLUMNS ? Layout.ROWS : Layout.COLUMNS;
            throw new IllegalArgumentException("WeightImages.of: " + name + " " + W1.shape() + " looks like the "
                    + fits + " layout, " + (fits == Layout.COLUMNS ? "(hidden, inputs)" : "(inputs, hidden)")
                    + ", but Layout." + layout + " takes " + (layout == Layout.COLUMNS ? "(hidden, inputs)"
                    : "(inputs, hidden)") + "; pass Layout." + fits + " or " + name + ".T().");
        }
    }
}
