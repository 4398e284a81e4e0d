package shapeprop.nn;

import shapeprop.matrix.Matrix;
import shapeprop.matrix.NoCopy;
import shapeprop.matrix.Shape;
import shapeprop.matrix.ShapeException;

/**
 * How far the outputs A are from the labels Y, averaged over the m samples of a batch.
 *
 * <ul>
 *   <li>{@link #MSE}: L = (1/m) Σ (A − Y)², summed over output units; ∂(m·L)/∂A = 2(A − Y).</li>
 *   <li>{@link #BINARY_CROSS_ENTROPY}: L = −(1/m) Σ [Y log A + (1 − Y) log(1 − A)], for sigmoid outputs; with
 *       σ the chain rule collapses to dZ = A − Y.</li>
 *   <li>{@link #SOFTMAX_CROSS_ENTROPY}: L = −(1/m) Σ Y log A with A = softmax(Z) and one-hot Y; dZ = A − Y.</li>
 * </ul>
 *
 * Gradients here are per sample (the deeplearning.ai convention): dZ carries no 1/m, which is applied once in
 * dW = dZ·Aᵀ / m and db = sum(dZ) / m. Labels must have exactly the outputs' shape; a loss never broadcasts.
 */
public enum Loss {

    MSE("mse"),
    BINARY_CROSS_ENTROPY("binary_cross_entropy"),
    SOFTMAX_CROSS_ENTROPY("softmax_cross_entropy");

    private final String label;

    Loss(String label) {
        this.label = label;
    }

    /** True when this loss after {@code output} simplifies to dZ = A − Y (sigmoid + BCE, softmax + CE). */
    public boolean simplifies(Activation output) {
        return this == BINARY_CROSS_ENTROPY && output == Activation.SIGMOID
                || this == SOFTMAX_CROSS_ENTROPY && output == Activation.SOFTMAX;
    }

    /** Refuses an output activation this loss cannot be paired with, explaining why. */
    void checkOutput(Activation output) {
        if (this == BINARY_CROSS_ENTROPY && output != Activation.SIGMOID) {
            throw new IllegalArgumentException("binary_cross_entropy needs a sigmoid output: it takes log A and "
                    + "log(1 − A), so A must lie in (0, 1), but the output activation is " + output + ". Use "
                    + "Activation.SIGMOID on the last layer (one unit per independent yes/no label).");
        }
        if (this == SOFTMAX_CROSS_ENTROPY && output != Activation.SOFTMAX) {
            throw new IllegalArgumentException("softmax_cross_entropy needs a softmax output (one unit per class, "
                    + "probabilities summing to 1), but the output activation is " + output + ". Use "
                    + "Activation.SOFTMAX on the last layer, or Loss.BINARY_CROSS_ENTROPY with one sigmoid unit.");
        }
    }

    // ------------------------------------------------------------ value

    /** L(A, Y), averaged over the samples of the batch. */
    public double value(Matrix A, Matrix Y, Layout layout) {
        checkLabels(A, Y);
        double m = layout.samples(A);
        switch (this) {
            case MSE:
                // L = (1/m) Σ (A − Y)²
                return A.zip(Y, (a, y) -> (a - y) * (a - y)).sum() / m;
            case BINARY_CROSS_ENTROPY:
                // L = −(1/m) Σ [Y log A + (1 − Y) log(1 − A)], log clipped at the smallest normal double
                return -A.zip(Y, (a, y) -> y * safeLog(a) + (1 - y) * safeLog(1 - a)).sum() / m;
            default:
                // L = −(1/m) Σ Y log A
                return -A.zip(Y, (a, y) -> y == 0 ? 0 : y * safeLog(a)).sum() / m;
        }
    }

    /**
     * L from the logits Z of the output layer (A = g(Z)): exact even when σ or softmax saturate to 0 or 1, where
     * log A would be −∞. For MSE and unpaired activations this is {@link #value(Matrix, Matrix, Layout)} on A.
     */
    public double valueFromLogits(Matrix Z, Matrix A, Matrix Y, Activation output, Layout layout) {
        checkLabels(A, Y);
        double m = layout.samples(A);
        if (this == BINARY_CROSS_ENTROPY && output == Activation.SIGMOID) {
            // −[y log σ(z) + (1 − y) log(1 − σ(z))] = max(z, 0) − z·y + log(1 + e^−|z|)
            return Z.zip(Y, (z, y) -> Math.max(z, 0) - z * y + Math.log1p(Math.exp(-Math.abs(z)))).sum() / m;
        }
        if (this == SOFTMAX_CROSS_ENTROPY && output == Activation.SOFTMAX) {
            // −Σ_k y_k log softmax(z)_k = Σ_k y_k (logsumexp(z) − z_k), logsumexp(z) = max z + log Σ e^(z − max z)
            return Kernels.softmaxCrossEntropy(NoCopy.array(Z), NoCopy.array(Y), Z.rows(), Z.cols(),
                    layout.featureAxis() == 0) / m;
        }
        return value(A, Y, layout);
    }

    /**
     * L as {@link #valueFromLogits} computes it, for a training step that has both Z and A = g(Z) at hand: binary
     * cross-entropy after σ takes the logarithm of the outputs instead of a second e^z per sample, using
     * log(1 + e^−|z|) = −log σ(|z|) = −log max(σ(z), 1 − σ(z)), and one logarithm of a product instead of one per
     * sample. Both stay finite when σ saturates; they differ by rounding (relative ~1e-14).
     */
    double valueFromOutputs(Matrix Z, Matrix A, Matrix Y, Activation output, Layout layout) {
        if (this != BINARY_CROSS_ENTROPY || output != Activation.SIGMOID) {
            return valueFromLogits(Z, A, Y, output, layout);
        }
        checkLabels(A, Y);
        double[] z = NoCopy.array(Z);
        double[] a = NoCopy.array(A);
        double[] y = NoCopy.array(Y);
        double sum = 0;
        double product = 1;
        for (int i = 0; i < z.length; i++) {
            // −[y log σ(z) + (1 − y) log(1 − σ(z))] = max(z, 0) − z·y + log(1 + e^−|z|)
            sum += Math.max(z[i], 0) - z[i] * y[i];
            // Σ log(1 + e^−|z|) = −log Π max(σ, 1 − σ): factors in [1/2, 1], 512 of them cannot underflow
            product *= Math.max(a[i], 1 - a[i]);
            if (i % 512 == 511) {
                sum -= Math.log(product);
                product = 1;
            }
        }
        sum -= Math.log(product);
        return sum / layout.samples(A);
    }

    private static double safeLog(double x) {
        return Math.log(Math.max(x, Double.MIN_NORMAL));
    }

    // ------------------------------------------------------------ gradient

    /** ∂(m·L)/∂A, per sample: 2(A − Y), (A − Y) / (A(1 − A)), or −Y / A. */
    public Matrix gradient(Matrix A, Matrix Y) {
        checkLabels(A, Y);
        switch (this) {
            case MSE:
                // dA = 2(A − Y)
                return A.zip(Y, (a, y) -> 2 * (a - y));
            case BINARY_CROSS_ENTROPY:
                // dA = −Y/A + (1 − Y)/(1 − A) = (A − Y) / (A(1 − A))
                return A.zip(Y, (a, y) -> (a - y) / (a * (1 - a)));
            default:
                // dA = −Y / A
                return A.zip(Y, (a, y) -> y == 0 ? 0 : -y / a);
        }
    }

    /**
     * dZ of the output layer, per sample: A − Y where the loss simplifies with the activation, otherwise
     * dA ⊙ g'(Z) (for softmax, its Jacobian-vector product).
     */
    public Matrix outputDelta(Matrix A, Matrix Y, Activation output, Layout layout) {
        checkLabels(A, Y);
        if (simplifies(output)) {
            // dZ = A − Y
            return A.sub(Y);
        }
        if (this == MSE && output.isElementwise()) {
            // dZ = 2(A − Y) ⊙ g'(Z)
            return output.backward(A.sub(Y).mul(2), A, layout);
        }
        // dZ = dA ⊙ g'(Z)
        return output.backward(gradient(A, Y), A, layout);
    }

    /**
     * Refuses labels whose shape differs from the outputs': a loss never broadcasts, because a (200, 1) label
     * column stretched against (200, 2) outputs silently trains the wrong thing.
     */
    public void checkLabels(Matrix A, Matrix Y) {
        if (A.rows() != Y.rows() || A.cols() != Y.cols()) {
            throw labelsMismatch(A.shape(), A.name(), Y);
        }
    }

    /**
     * {@link #checkLabels(Matrix, Matrix)} before the outputs exist: fit checks all of Y against the outputs the
     * network will give for all of X, so the message shows the learner's shapes, not a mini-batch's.
     */
    void checkLabels(Shape outputs, String outputName, Matrix Y) {
        if (!outputs.equals(Y.shape())) {
            throw labelsMismatch(outputs, outputName, Y);
        }
    }

    // The message is built apart from the check, which every training step runs: a check that small is compiled
    // early and cheaply.
    private ShapeException labelsMismatch(Shape A, String outputName, Matrix Y) {
        String a = outputName == null ? "outputs A" : "outputs " + outputName;
        String name = Y.name() == null ? "Y" : Y.name();
        String y = "labels " + name;
        String problem = label + ": " + y + " " + Y.shape() + " vs " + a + " " + A
                + "; labels must have exactly the outputs' shape (one value per output unit and sample).";
        String hint;
        if (Y.shape().equals(A.T())) {
            hint = "Did you mean " + name + ".T()? " + name + ".T() is " + Y.shape().T() + ".";
        } else if (Y.cols() == 1 && A.rows() == Y.rows() || Y.rows() == 1 && A.cols() == Y.cols()) {
            int units = Y.cols() == 1 ? A.cols() : A.rows();
            hint = "One-hot encode " + name + " to " + A + " (" + units + " classes), or, for two classes, use one "
                    + "sigmoid output unit with binary cross-entropy so the outputs are " + Y.shape() + " like " + name
                    + ".";
        } else if (A.cols() == 1 && A.rows() == Y.rows() || A.rows() == 1 && A.cols() == Y.cols()) {
            // one output unit, several label values per sample: one-hot labels for a sigmoid unit
            boolean rows = A.cols() == 1;
            int values = rows ? Y.cols() : Y.rows();
            String samples = rows ? "Samples.ROWS" : "Samples.COLUMNS";
            hint = name + " holds " + values + " values per sample, like one-hot labels, but the network has 1 "
                    + "output unit. Give " + name + " as " + (rows ? "a " + A + " column" : "a " + A + " row")
                    + " of 0/1 labels (e.g. data.y(" + samples + ") instead of data.oneHot(" + samples + "), or the "
                    + "class of each sample, OneHot.decode(" + name + ", " + samples + ") or " + name + ".argmax("
                    + (rows ? 1 : 0) + "), as a " + (rows ? "column" : "row") + "), or end the network with dense("
                    + values + ", Activation.SOFTMAX) and Loss.SOFTMAX_CROSS_ENTROPY so its outputs are " + Y.shape()
                    + " like " + name + ".";
        } else if (Y.rows() == 1 && A.rows() == Y.cols() || Y.cols() == 1 && A.cols() == Y.rows()) {
            hint = "The labels lie along the other axis: use " + name + ".T(), then one-hot encode them to " + A
                    + ".";
        } else {
            hint = "Check that " + name + " holds the labels of the same samples, in the network's layout.";
        }
        return new ShapeException("loss", A, Y.shape(), problem, hint);
    }

    /** {@code mse}, {@code binary_cross_entropy}, {@code softmax_cross_entropy}. */
    @Override
    public String toString() {
        return label;
    }
}
