package shapeprop.nn;

import shapeprop.matrix.Matrix;
import shapeprop.matrix.NoCopy;
import shapeprop.matrix.Shape;
import shapeprop.matrix.ShapeException;

/**
 * Where the samples of a batch live. Both conventions are complete; a network built in one can show the
 * other's shapes ({@link LayoutComparison}).
 *
 * <ul>
 *   <li>{@link #COLUMNS}: one sample per column, the deeplearning.ai convention. X is (features, m),
 *       Z = W·X + b, W is (out, in), b is (out, 1).</li>
 *   <li>{@link #ROWS}: one sample per row, the PyTorch / scikit-learn convention. X is (m, features),
 *       Z = X·W + b, W is (in, out), b is (1, out).</li>
 * </ul>
 */
public enum Layout {

    /** X is (features, m); Z = W·X + b; W is (out, in); b is (out, 1). */
    COLUMNS,

    /** X is (m, features); Z = X·W + b; W is (in, out); b is (1, out). */
    ROWS;

    /** The axis that indexes samples: 1 for COLUMNS, 0 for ROWS. */
    public int sampleAxis() {
        return this == COLUMNS ? 1 : 0;
    }

    /** The axis that indexes features (or classes): 0 for COLUMNS, 1 for ROWS. */
    public int featureAxis() {
        return this == COLUMNS ? 0 : 1;
    }

    /** Number of samples m in a batch. */
    public int samples(Matrix batch) {
        return this == COLUMNS ? batch.cols() : batch.rows();
    }

    /** Number of features (or output units) per sample. */
    public int features(Matrix batch) {
        return this == COLUMNS ? batch.rows() : batch.cols();
    }

    /** The shape of a batch of m samples with n features: (n, m) or (m, n). */
    public Shape batchShape(int features, int samples) {
        return this == COLUMNS ? new Shape(features, samples) : new Shape(samples, features);
    }

    /** The weight shape of a layer from {@code in} to {@code out} units: (out, in) or (in, out). */
    public Shape weightShape(int in, int out) {
        return this == COLUMNS ? new Shape(out, in) : new Shape(in, out);
    }

    /** The bias shape of a layer with {@code out} units: (out, 1) or (1, out). */
    public Shape biasShape(int out) {
        return this == COLUMNS ? new Shape(out, 1) : new Shape(1, out);
    }

    /** Input size of a weight matrix in this layout. */
    int inputsOf(Matrix weights) {
        return this == COLUMNS ? weights.cols() : weights.rows();
    }

    /** Output size of a weight matrix in this layout. */
    int outputsOf(Matrix weights) {
        return this == COLUMNS ? weights.rows() : weights.cols();
    }

    /** The samples at the given indices (a shuffled mini-batch): columns or rows. */
    public Matrix take(Matrix batch, int[] index) {
        return this == COLUMNS ? batch.takeCols(index) : batch.takeRows(index);
    }

    /** Samples {@code from} (inclusive) to {@code to} (exclusive). */
    public Matrix slice(Matrix batch, int from, int to) {
        return this == COLUMNS ? batch.sliceCols(from, to) : batch.sliceRows(from, to);
    }

    /** The other layout. */
    public Layout other() {
        return this == COLUMNS ? ROWS : COLUMNS;
    }

    // ------------------------------------------------------------ notation: the equations as a learner writes them

    /** {@code W1·X + b1} or {@code X·W1 + b1}. */
    String linear(String weights, String input, String bias) {
        return this == COLUMNS ? weights + "·" + input + " + " + bias : input + "·" + weights + " + " + bias;
    }

    /** {@code dZ1·Xᵀ / m} or {@code Xᵀ·dZ1 / m}. */
    String weightGradient(String delta, String input) {
        return this == COLUMNS ? delta + "·" + input + "ᵀ / m" : input + "ᵀ·" + delta + " / m";
    }

    /** {@code sum(dZ1, axis=1) / m} or {@code sum(dZ1, axis=0) / m}. */
    String biasGradient(String delta) {
        return "sum(" + delta + ", axis=" + sampleAxis() + ") / m";
    }

    /** {@code W2ᵀ·dZ2} or {@code dZ2·W2ᵀ}. */
    String backThroughWeights(String weights, String delta) {
        return this == COLUMNS ? weights + "ᵀ·" + delta : delta + "·" + weights + "ᵀ";
    }

    /** A sentence for printing: {@code columns (X is (features, m))}. */
    public String describe() {
        return this == COLUMNS ? "columns: X is (features, m), Z = W·X + b" : "rows: X is (m, features), Z = X·W + b";
    }

    /** Checks that X has {@code inputs} features in this layout, or explains which transpose fixes it. */
    void checkInput(Matrix X, int inputs) {
        if (features(X) != inputs) {
            throw inputMismatch(X, inputs);
        }
    }

    // The message is built apart from the check, which every training step runs: a check that small is compiled
    // early and cheaply.
    private ShapeException inputMismatch(Matrix X, int inputs) {
        String name = X.name() == null ? "X" : X.name();
        String problem = "forward: " + name + " is " + X.shape() + " but the network takes " + inputs
                + " features; in the " + name() + " layout " + name + " must be "
                + (this == COLUMNS ? "(features, m) = (" + inputs + ", m)" : "(m, features) = (m, " + inputs + ")")
                + ", so axis " + featureAxis() + " (" + features(X) + ") must equal " + inputs + ".";
        String hint;
        if (X.shape().dim(sampleAxis()) == inputs) {
            hint = "Did you mean " + name + ".T()? " + name + ".T() is " + X.shape().T() + ".";
        } else {
            hint = "Check the network's input size or how " + name + " was built.";
        }
        return new ShapeException("forward", X.shape(), batchShape(inputs, samples(X)), problem, hint);
    }

    /**
     * Refuses a batch or labels {@code m} that hold NaN or ∞, naming the first one by sample: every output and the
     * loss of such a sample is NaN whatever the learning rate. {@code role} says what m is, for the message.
     */
    void requireFinite(String operation, Matrix m, String defaultName, String role) {
        double[] values = NoCopy.array(m);
        int bad = 0;
        int first = -1;
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                first = first < 0 ? i : first;
                bad++;
            }
        }
        if (first < 0) {
            return;
        }
        String name = m.name() == null ? defaultName : m.name();
        int row = first / m.cols();
        int col = first % m.cols();
        int sample = this == COLUMNS ? col : row;
        int feature = this == COLUMNS ? row : col;
        boolean labels = role.contains("labels");
        String value = History.number(values[first]);
        throw new IllegalArgumentException(operation + ": " + name + " (" + role + ") holds " + value + " at ["
                + row + ", " + col + "] (sample " + sample + ", " + (labels ? "output " : "feature ") + feature
                + " in the " + name() + " layout)" + (bad > 1 ? " and " + (bad - 1) + " more NaN or ∞" : "")
                + "; a sample with NaN or ∞ " + (labels ? "labels" : "inputs") + " has a NaN loss whatever the "
                + "learning rate. Clean the data first: drop those samples, or fill the gaps, e.g. " + name
                + ".map(v -> Double.isFinite(v) ? v : 0) (in numpy, np.isnan(" + name + ").any() finds them).");
    }

    @Override
    public String toString() {
        return name();
    }
}
