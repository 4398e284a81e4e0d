package shapeprop.viz;

import java.util.Arrays;

/**
 * Square images laid out in a grid, with a gap between tiles and room for a label above each: one heatmap
 * grid {@code z} whose gaps are NaN (drawn as blank), and the position of each tile's label.
 */
final class Tiles {

    static final int GAP = 4;
    static final int LABEL = 9;

    final int side;
    final int columns;
    final int rows;
    final double[][] z;

    Tiles(int count, int side, int columns) {
        this.side = side;
        this.columns = Math.max(1, Math.min(columns, count));
        this.rows = Math.max(1, (count + this.columns - 1) / this.columns);
        this.z = new double[this.rows * (side + LABEL)][this.columns * (side + GAP)];
        for (double[] row : z) {
            Arrays.fill(row, Double.NaN);
        }
    }

    /** The side of a square image with this many pixels; the error says why a non-square doesn't tile. */
    static int side(int pixels, String what) {
        if (!isSquare(pixels)) {
            throw new IllegalArgumentException(what + " has " + pixels + " values, which is not a square image"
                    + " (28×28 = 784 for MNIST); pass one flattened square image per sample.");
        }
        return (int) Math.round(Math.sqrt(pixels));
    }

    /** Whether n pixels make a square image: n = s·s for a whole s. */
    static boolean isSquare(int n) {
        int s = (int) Math.round(Math.sqrt(n));
        return s * s == n;
    }

    /** Puts image {@code k} (row-major pixels) into its tile. */
    void put(int k, double[] pixels) {
        int top = (k / columns) * (side + LABEL) + LABEL;
        int left = (k % columns) * (side + GAP);
        for (int i = 0; i < side; i++) {
            System.arraycopy(pixels, i * side, z[top + i], left, side);
        }
    }

    /** Data x of the centre of tile {@code k}. */
    double labelX(int k) {
        return (k % columns) * (side + GAP) + (side - 1) / 2.0;
    }

    /** Data y of the label above tile {@code k} (the y axis runs downwards). */
    double labelY(int k) {
        return (k / columns) * (side + LABEL) + LABEL / 2.0 - 0.5;
    }

    /** A heatmap trace of the tiles. */
    PlotTrace trace(String name, Object colorscale, double zmin, double zmax) {
        return PlotTrace.of("heatmap", name).set("z", z).set("colorscale", colorscale).set("zmin", zmin)
                .set("zmax", zmax).set("showscale", false).set("hoverongaps", false);
    }

    /**
     * A builder with hidden axes, the y axis downwards and square pixels, about {@code scale} px per pixel; at
     * least as wide as its title, which a few small tiles would otherwise cut off.
     */
    Plot.Builder plot(String title, double scale) {
        int width = Math.max((int) Math.round(z[0].length * scale) + 40, Plot.titleWidth(title) + 40);
        int height = (int) Math.round(z.length * scale) + 90;
        return Plot.builder(title).size(Math.max(width, 300), Math.max(height, 160))
                .layout("margin", java.util.Map.of("l", 20, "r", 20, "t", Plot.TOP_MARGIN, "b", 30))
                .axis("xaxis", "visible", false).axis("yaxis", "visible", false)
                .axis("yaxis", "autorange", "reversed").axis("yaxis", "scaleanchor", "x")
                .layout("plot_bgcolor", "white");
    }
}
