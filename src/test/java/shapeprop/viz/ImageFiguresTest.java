package shapeprop.viz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import shapeprop.data.Dataset;
import shapeprop.matrix.Matrix;
import shapeprop.nn.Layout;

/** Digits with their labels and predictions, first-layer weights as images, and saturated activations. */
class ImageFiguresTest {

    /** 12 images of 28×28; image k has value (k+1)/12 at pixel (k, 2k mod 28) and 0 elsewhere; label k mod 10. */
    private static Dataset marked() {
        Matrix x = Matrix.fromFunction(12, 784, (k, p) -> p == k * 28 + (2 * k % 28) ? (k + 1) / 12.0 : 0);
        int[] labels = new int[12];
        for (int k = 0; k < 12; k++) {
            labels[k] = k % 10;
        }
        return Dataset.of("marked", x, labels, 10);
    }

    @Test
    void digitGridPutsEachImageInItsTileWithItsLabelAbove() {
        Plot grid = DigitGrid.of(marked(), 12);
        double[][] z = grid.trace("pixels").grid();
        int stride = 28 + Tiles.GAP;
        int rowStride = 28 + Tiles.LABEL;
        assertEquals(2 * rowStride, z.length, "12 images in rows of 10: two rows");
        assertEquals(10 * stride, z[0].length);
        // image 11 is in row 1, column 1; its marked pixel is (11, 22)
        assertEquals(1.0, z[rowStride + Tiles.LABEL + 11][stride + 22]);
        assertEquals(0.0, z[rowStride + Tiles.LABEL + 11][stride + 21]);
        assertTrue(Double.isNaN(z[0][0]), "label space is a gap");
        assertEquals(List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "0", "1"), grid.annotationTexts());
        assertEquals("reversed", ((Map<?, ?>) grid.layout().get("yaxis")).get("autorange"), "row 0 at the top");
    }

    @Test
    void wrongPredictionsAreLabelledLabelArrowPredictionInRed() {
        int[] predicted = {0, 7, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1};
        Plot grid = DigitGrid.of(marked(), predicted, 3);
        assertEquals("Digits: label → prediction, 1 of 3 wrong (red)", grid.title());
        assertEquals(List.of("0", "1 → 7", "2"), grid.annotationTexts());
        assertEquals(Palette.BAD, ((Map<?, ?>) grid.annotations().get(1).get("font")).get("color"));

        Plot mistakes = DigitGrid.mistakes(marked(), predicted, 10);
        assertEquals(List.of("1 → 7"), mistakes.annotationTexts());
        assertTrue(mistakes.title().startsWith("Mistakes: 1 of the 1 wrong in marked"), mistakes.title());
    }

    @Test
    void digitsMustBeSquareImages() {
        Dataset moons = Dataset.of("moons", Matrix.zeros(3, 2), new int[] {0, 1, 0}, 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DigitGrid.of(moons, 3));
        assertEquals("moons's samples has 2 values, which is not a square image (28×28 = 784 for MNIST); pass one"
                + " flattened square image per sample.", e.getMessage());
    }

    @Test
    void weightImagesShowEachUnitsInputWeightsScaledToItsLargestMagnitude() {
        Matrix W1 = Matrix.randn(16, 784, new Random(3)).named("W1"); // columns layout: (hidden, inputs)
        Plot columns = WeightImages.of(W1, Layout.COLUMNS, 10);
        Plot rows = WeightImages.of(W1.T(), Layout.ROWS, 10);
        double[][] a = columns.trace("w / max|w|").grid();
        double[][] b = rows.trace("w / max|w|").grid();
        for (int i = 0; i < a.length; i++) {
            assertTrue(java.util.Arrays.equals(a[i], b[i]), "both layouts draw the same images, row " + i);
        }
        // unit 9 sits in row 1, column 1; its pixel (0, 5) is W1[9, 5] / max|W1[9, :]|
        double max = W1.sliceRows(9, 10).abs().max();
        int stride = 28 + Tiles.GAP;
        assertEquals(W1.get(9, 5) / max, a[28 + 2 * Tiles.LABEL][stride + 5], 1e-12);
        assertEquals(-1.0, columns.trace("w / max|w|").get("zmin"));
        assertEquals(List.of("unit 0", "unit 1"), columns.annotationTexts().subList(0, 2));
        assertEquals("First-layer weights W1: 10 of 16 units (red +, blue −)", columns.title());
    }

    @Test
    void activationHistogramsReportSaturationPerLayer() {
        Map<String, Matrix> layers = new LinkedHashMap<>();
        // sigmoid-like: half the values within 2% of 0 or 1
        layers.put("A1", Matrix.row(0.001, 0.5, 0.999, 0.3, 0.01, 0.7));
        // relu-like: unbounded, two zeros of five
        layers.put("A2", Matrix.row(0, 0, 1.5, 3, 0.2));
        Plot plot = ActivationHistogram.of(layers);
        assertEquals("Activations: A1 50.0% saturated, A2 40.0% zero", plot.title());
        assertEquals(List.of("A1 (50.0% saturated)", "A2 (40.0% zero)"),
                plot.traces().stream().map(PlotTrace::name).toList());
        double[] fractions = plot.traces().get(0).doubles("y");
        assertEquals(ActivationHistogram.BINS, fractions.length);
        assertEquals(1.0, java.util.Arrays.stream(fractions).sum(), 1e-12);
        assertEquals("fraction of values", plot.axisTitle("yaxis"));
        assertEquals("overlay", plot.layout().get("barmode"));
    }

    @Test
    void nonFiniteActivationsAreCountedInTheTitleNotHidden() {
        Plot plot = ActivationHistogram.of("A1", Matrix.row(0.3, Double.NaN, 0.5));
        assertEquals("Activations: A1 0.0% saturated (1 of 3 values is NaN or ±∞, not drawn)", plot.title(),
                "sigmoid-like values stay sigmoid-like with a NaN among them");
        double[] fractions = plot.traces().get(0).doubles("y");
        assertEquals(1.0, java.util.Arrays.stream(fractions).sum(), 1e-12, "the two finite values are drawn");

        Plot huge = ActivationHistogram.of("Z1", Matrix.row(-1e308, 0, 1e308));
        double[] centres = huge.traces().get(0).doubles("x");
        assertTrue(java.util.Arrays.stream(centres).allMatch(Double::isFinite), "no bin at ∞");
        assertEquals(1.0 / 3, huge.traces().get(0).doubles("y")[0], 1e-12, "-1e308 in the first bin");
        assertEquals(1.0 / 3, huge.traces().get(0).doubles("y")[ActivationHistogram.BINS - 1], 1e-12);
    }

    @Test
    void aNaNWeightIsDrawnBlackAndTheOtherWeightsKeepTheirScale() {
        Matrix random = Matrix.randn(4, 784, new Random(3));
        double max = random.sliceRows(1, 2).abs().max();
        // unit 1's first input weight went NaN
        Matrix W1 = Matrix.fromFunction(4, 784, (u, i) -> u == 1 && i == 0 ? Double.NaN : random.get(u, i)).named("W1");
        Plot plot = WeightImages.of(W1, Layout.COLUMNS, 4);
        assertTrue(plot.title().endsWith("; 1 weight is NaN or ±∞ (black)"), plot.title());
        double[][] w = plot.trace("w / max|w|").grid();
        int stride = 28 + Tiles.GAP;
        assertEquals(W1.get(1, 5) / max, w[Tiles.LABEL][stride + 5], 1e-12, "unit 1 is scaled on its finite weights");
        assertTrue(Double.isNaN(w[Tiles.LABEL][stride]));
        double[][] bad = plot.trace("NaN or ±∞").grid();
        assertEquals(1.0, bad[Tiles.LABEL][stride], "the NaN weight is marked");
        assertTrue(Double.isNaN(bad[Tiles.LABEL][stride + 1]), "its finite neighbour is not");
    }

    /** Columns of the static image's title band (y 12 to 36) that hold text. */
    private static int[] titleColumns(Plot plot) {
        java.awt.image.BufferedImage png = PlotImage.draw(plot);
        int first = -1;
        int last = -1;
        for (int x = 0; x < png.getWidth(); x++) {
            for (int y = 12; y < 36; y++) {
                if ((png.getRGB(x, y) & 0xFF) < 128) {
                    first = first < 0 ? x : first;
                    last = x;
                }
            }
        }
        return new int[] {first, last, png.getWidth()};
    }

    @Test
    void aFewSmallTilesStillShowTheirWholeTitle() {
        Matrix W1 = Matrix.randn(16, 784, new Random(3)).named("W1");
        Plot four = WeightImages.of(W1, Layout.COLUMNS, 4);
        assertEquals("First-layer weights W1: 4 of 16 units (red +, blue −)", four.title());
        Plot mistakes = DigitGrid.mistakes(marked(), new int[] {1, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1}, 5);
        assertEquals("Mistakes: 1 of the 1 wrong in marked (label → prediction)", mistakes.title());
        for (Plot plot : List.of(four, mistakes)) {
            // Plotly's 18 px title is about 9 px a character; the figure leaves room for it after its 20 px margin
            assertTrue(plot.width() >= 20 + 9 * plot.title().length(), plot.width() + " px for " + plot.title());
            int[] columns = titleColumns(plot);
            assertTrue(columns[0] > 2 && columns[1] < columns[2] - 3, "the static title fits: text from x = "
                    + columns[0] + " to " + columns[1] + " in " + columns[2] + " px");
        }
    }

    @Test
    void weightsInTheOtherLayoutNameTheLayoutThatFits() {
        Matrix W1 = Matrix.randn(10, 784, new Random(3)).named("W1"); // columns layout: (hidden, inputs)
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> WeightImages.of(W1, Layout.ROWS, 4));
        assertEquals("WeightImages.of: W1 (10, 784) looks like the COLUMNS layout, (hidden, inputs), but Layout.ROWS"
                + " takes (inputs, hidden); pass Layout.COLUMNS or W1.T().", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> WeightImages.of(W1.T().named("W1"), Layout.COLUMNS, 4));
        assertTrue(e.getMessage().endsWith("looks like the ROWS layout, (inputs, hidden), but Layout.COLUMNS takes"
                + " (hidden, inputs); pass Layout.ROWS or W1.T()."), e.getMessage());
    }

    @Test
    void aNegativeCountIsExplained() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DigitGrid.of(marked(), -1));
        assertEquals("DigitGrid.of: count is -1; pass how many images to show, 0 or more (e.g. 20).", e.getMessage());
    }
}
