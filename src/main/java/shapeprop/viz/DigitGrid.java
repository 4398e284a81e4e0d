package shapeprop.viz;

import shapeprop.data.Dataset;
import shapeprop.data.Samples;
import shapeprop.matrix.Matrix;

/**
 * Digits as a grid of images, each labelled with its class, or with {@code label → prediction} in red
 * when the network got it wrong. {@link #mistakes} shows only the wrong ones: the fastest way to see what
 * a network finds hard (and whether the labels or the network are to blame).
 */
public final class DigitGrid {

    /** Images per row of the grid. */
    static final int COLUMNS = 10;

    private DigitGrid() {
    }

    /** The first {@code count} images of a dataset with their labels. */
    public static Plot of(Dataset data, int count) {
        checkCount("of", count);
        return grid("Digits: first " + Math.min(count, data.size()) + " of " + data.name(), data,
                firstN(Math.min(count, data.size())), null);
    }

    /** The first {@code count} images with label and prediction (one predicted class per sample). */
    public static Plot of(Dataset data, int[] predicted, int count) {
        checkCount("of", count);
        checkPredictions(data, predicted);
        int[] index = firstN(Math.min(count, data.size()));
        int wrong = 0;
        for (int i : index) {
            wrong += predicted[i] != data.label(i) ? 1 : 0;
        }
        return grid("Digits: label → prediction, " + wrong + " of " + index.length + " wrong (red)", data, index,
                predicted);
    }

    /** The first {@code count} images the network got wrong, labelled {@code label → prediction}. */
    public static Plot mistakes(Dataset data, int[] predicted, int count) {
        checkCount("mistakes", count);
        checkPredictions(data, predicted);
        int total = 0;
        for (int i = 0; i < data.size(); i++) {
            total += predicted[i] != data.label(i) ? 1 : 0;
        }
        int[] index = new int[Math.min(count, total)];
        for (int i = 0, j = 0; i < data.size() && j < index.length; i++) {
            if (predicted[i] != data.label(i)) {
                index[j++] = i;
            }
        }
        return grid("Mistakes: " + index.length + " of the " + total + " wrong in " + data.name()
                + " (label → prediction)", data, index, predicted);
    }

    private static Plot grid(String title, Dataset data, int[] index, int[] predicted) {
        int side = Tiles.side(data.features(), data.name() + "'s samples");
        Tiles tiles = new Tiles(Math.max(1, index.length), side, COLUMNS);
        Matrix x = data.x(Samples.ROWS).takeRows(index);
        double max = 0;
        for (int k = 0; k < index.length; k++) {
            double[] pixels = x.sliceRows(k, k + 1).toFlatArray();
            for (double v : pixels) {
                max = Math.max(max, v);
            }
            tiles.put(k, pixels);
        }
        Plot.Builder plot = tiles.plot(title, 2.0).add(tiles.trace("pixels", Palette.GREYS, 0, max > 0 ? max : 1));
        for (int k = 0; k < index.length; k++) {
            int label = data.label(index[k]);
            boolean right = predicted == null || predicted[index[k]] == label;
            String text = predicted == null || right ? String.valueOf(label) : label + " → " + predicted[index[k]];
            plot.annotate(tiles.labelX(k), tiles.labelY(k), text, right ? "#24292f" : Palette.BAD);
        }
        return plot.build();
    }

    private static void checkPredictions(Dataset data, int[] predicted) {
        if (predicted.length != data.size()) {
            throw new IllegalArgumentException("DigitGrid: " + predicted.length + " predictions for the "
                    + data.size() + " samples of " + data.name() + "; predict every sample: net.predict(X) with X"
                    + " holding all " + data.size() + " of them gives one class each.");
        }
    }

    private static void checkCount(String method, int count) {
        if (count < 0) {
            throw new IllegalArgumentException("DigitGrid." + method + ": count is " + count + "; pass how many images"
                    + " to show, 0 or more (e.g. 20).");
        }
    }

    private static int[] firstN(int n) {
        int[] index = new int[n];
        for (int i = 0; i < n; i++) {
            index[i] = i;
        }
        return index;
    }
}
