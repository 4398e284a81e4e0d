package shapeprop.data;

import shapeprop.matrix.Matrix;

/**
 * Class labels as one-hot vectors and back: label 3 of 10 classes is {@code [0 0 0 1 0 0 0 0 0 0]}.
 * With samples as columns the result is (classes, m); with samples as rows it is (m, classes).
 */
public final class OneHot {

    private OneHot() {
    }

    /** Labels 0..classes-1 as a one-hot matrix, (classes, m) for columns or (m, classes) for rows. */
    public static Matrix encode(int[] labels, int classes, Samples samples) {
        if (labels == null) {
            throw new NullPointerException("OneHot.encode: labels is null; pass the class of every sample, e.g."
                    + " dataset.labels().");
        }
        Samples.given(samples, "OneHot.encode");
        if (classes < 1) {
            int largest = Integer.MIN_VALUE;
            for (int label : labels) {
                largest = Math.max(largest, label);
            }
            throw new IllegalArgumentException("OneHot.encode: classes is " + classes + "; give the number of classes,"
                    + (largest >= 0 ? " at least 1 and more than the largest label (" + largest + " here), e.g. "
                            + (largest + 1L) : " at least 1, e.g. 10 for digits") + ".");
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0) {
                throw new IllegalArgumentException("OneHot.encode: label " + labels[i] + " at sample " + i
                        + Dataset.negativeLabel(labels[i], classes));
            }
            if (labels[i] >= classes) {
                throw new IllegalArgumentException("OneHot.encode: label " + labels[i] + " at sample " + i
                        + " is outside 0.." + (classes - 1) + "; pass the number of classes the labels come from.");
            }
        }
        int m = labels.length;
        if (samples == Samples.ROWS) {
            return Matrix.fromFunction(m, classes, (i, k) -> labels[i] == k ? 1.0 : 0.0);
        }
        return Matrix.fromFunction(classes, m, (k, j) -> labels[j] == k ? 1.0 : 0.0);
    }

    /**
     * The predicted class of every sample: the index of the largest value, {@code np.argmax(A, axis=0)} for
     * columns or {@code axis=1} for rows. A single output (a sigmoid probability) is read as class 1 when
     * it is at least 0.5.
     */
    public static int[] decode(Matrix scores, Samples samples) {
        if (scores == null) {
            throw new NullPointerException("OneHot.decode: scores is null; pass the network's output, e.g."
                    + " network.output(X).");
        }
        Samples.given(samples, "OneHot.decode");
        int outputs = samples == Samples.ROWS ? scores.cols() : scores.rows();
        if (outputs == 0) {
            throw new IllegalArgumentException("OneHot.decode: scores is " + scores.shape() + ", which has no class "
                    + "scores (" + (samples == Samples.ROWS ? "no columns" : "no rows") + ") for samples as "
                    + samples.name().toLowerCase(java.util.Locale.ROOT) + "; pass the output layer's values, one "
                    + (samples == Samples.ROWS ? "column" : "row") + " per class (or one for a sigmoid output).");
        }
        if (outputs == 1) {
            int m = samples == Samples.ROWS ? scores.rows() : scores.cols();
            int[] out = new int[m];
            for (int i = 0; i < m; i++) {
                double p = samples == Samples.ROWS ? scores.get(i, 0) : scores.get(0, i);
                out[i] = p >= 0.5 ? 1 : 0;
            }
            return out;
        }
        return scores.argmax(samples == Samples.ROWS ? 1 : 0);
    }
}
