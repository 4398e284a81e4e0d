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
        checkLabelValues(Y, layout);
        return valueOfChecked(A, Y, layout);
    }

    /** L(A, Y) for labels already checked. */
    private double valueOfChecked(Matrix A, Matrix Y, Layout layout) {
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
        checkLabelValues(Y, layout);
        return fromLogitsOfChecked(Z, A, Y, output, layout);
    }

    /** {@link #valueFromLogits} for labels already checked. */
    private double fromLogitsOfChecked(Matrix Z, Matrix A, Matrix Y, Activation output, Layout layout) {
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
        return valueOfChecked(A, Y, layout);
    }

    /**
     * L as {@link #valueFromLogits} computes it, for a training step that has both Z and A = g(Z) at hand: binary
     * cross-entropy after σ takes the logarithm of the outputs instead of a second e^z per sample, using
     * log(1 + e^−|z|) = −log σ(|z|) = −log max(σ(z), 1 − σ(z)), and one logarithm of a product instead of one per
     * sample. Both stay finite when σ saturates; they differ by rounding (relative ~1e-14). The labels' shape is
     * checked here, their values by {@link #checkLabelValues} once per step.
     */
    double valueFromOutputs(Matrix Z, Matrix A, Matrix Y, Activation output, Layout layout) {
        checkLabels(A, Y);
        if (this != BINARY_CROSS_ENTROPY || output != Activation.SIGMOID) {
            return fromLogitsOfChecked(Z, A, Y, output, layout);
        }
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

    /**
     * Refuses label values this loss cannot learn from: binary cross-entropy takes labels in [0, 1]; softmax
     * cross-entropy takes one-hot labels (or probabilities) that sum to 1 over each sample's classes. Any labels
     * suit MSE. NaN and ∞ are left to the check that names them in the data.
     */
    void checkLabelValues(Matrix Y, Layout layout) {
        if (this == MSE) {
            return;
        }
        double[] y = NoCopy.array(Y);
        for (int i = 0; i < y.length; i++) {
            if ((y[i] < 0 || y[i] > 1) && Double.isFinite(y[i])) {
                throw labelValues(Y, layout, i, -1, 0);
            }
        }
        if (this == SOFTMAX_CROSS_ENTROPY) {
            int samples = layout.samples(Y);
            int classes = layout.features(Y);
            for (int j = 0; j < samples; j++) {
                double sum = 0;
                for (int k = 0; k < classes; k++) {
                    sum += layout == Layout.COLUMNS ? y[k * samples + j] : y[j * classes + k];
                }
                // Σ_k y_k = 1 for each sample (NaN and ∞ left to the check that names them)
                if (Math.abs(sum - 1) > 1e-6 && Double.isFinite(sum)) {
                    throw labelValues(Y, layout, -1, j, sum);
                }
            }
        }
    }

    // Built apart from the check, which every training step runs.
    private IllegalArgumentException labelValues(Matrix Y, Layout layout, int flat, int badSample, double sum) {
        String name = Y.name() == null ? "Y" : Y.name();
        double[] y = NoCopy.array(Y);
        double low = Double.POSITIVE_INFINITY;
        double high = Double.NEGATIVE_INFINITY;
        boolean integers = true;
        for (double v : y) {
            if (Double.isFinite(v)) {
                low = Math.min(low, v);
                high = Math.max(high, v);
                integers &= v == Math.rint(v);
            }
        }
        String samples = "Samples." + layout.name();
        if (this == BINARY_CROSS_ENTROPY) {
            int sample = layout == Layout.COLUMNS ? flat % Y.cols() : flat / Y.cols();
            String problem = label + ": labels " + name + " hold " + Numbers.significant(y[flat]) + " at ["
                    + flat / Y.cols() + ", " + flat % Y.cols() + "] (sample " + sample + "), values from "
                    + Numbers.significant(low) + " to " + Numbers.significant(high) + ", but binary cross-entropy "
                    + "takes labels in [0, 1]: −[y log A + (1 − y) log(1 − A)] has its minimum at A = y only for y in "
                    + "[0, 1], and outside it the loss goes negative without bound.";
            String hint;
            if (low == 1 && high == 2 && integers) {
                hint = "Labels 1 and 2? Number the classes 0 and 1: " + name + ".sub(1).";
            } else if (low == -1 && high == 1 && integers) {
                hint = "Labels −1 and 1? Map them to 0 and 1: " + name + ".add(1).div(2) (or keep ±1 labels with a "
                        + "tanh output and Loss.MSE).";
            } else if (low >= 0 && integers) {
                int classes = (int) high + 1;
                hint = "Class numbers 0.." + (int) high + "? For " + classes + " classes use dense(" + classes
                        + ", Activation.SOFTMAX) with Loss.SOFTMAX_CROSS_ENTROPY and one-hot labels, "
                        + "OneHot.encode(labels, " + classes + ", " + samples + ").";
            } else {
                hint = "Scale the labels into [0, 1], or use Loss.MSE for targets outside it.";
            }
            return new IllegalArgumentException(problem + " " + hint);
        }
        String problem = label + ": labels " + name + " must be one-hot (a 1 for each sample's class, 0 elsewhere) "
                + "or probabilities summing to 1 per sample, but ";
        int classes = layout.features(Y);
        if (flat >= 0) {
            int sample = layout == Layout.COLUMNS ? flat % Y.cols() : flat / Y.cols();
            String hint = integers && low >= 0
                    ? "Class numbers? One-hot encode them: OneHot.encode(labels, " + classes + ", " + samples + ")."
                    : "Give each sample a 1 for its class and 0 elsewhere: OneHot.encode(labels, " + classes + ", "
                            + samples + ").";
            return new IllegalArgumentException(problem + name + " holds " + Numbers.significant(y[flat]) + " at ["
                    + flat / Y.cols() + ", " + flat % Y.cols() + "] (sample " + sample + "). " + hint);
        }
        String hint = sum == 0
                ? "A sample without a class: were the classes numbered 1.." + classes + " instead of 0.." + (classes - 1)
                        + ", so that one fell off the end? OneHot.encode takes classes 0.." + (classes - 1) + "."
                : "Mark exactly one class per sample: OneHot.encode(labels, " + classes + ", " + samples + ").";
        return new IllegalArgumentException(problem + "sample " + badSample + "'s labels sum to "
                + Numbers.significant(sum) + " (along axis " + layout.featureAxis() + ", the classes). " + hint);
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
            // Y.T() in Java; the transpose of a transposed Yᵀ is Y itself
            String turned = name.endsWith("ᵀ") ? name.substring(0, name.length() - 1) : name + ".T()";
            hint = "Did you mean " + turned + "? " + turned + " is " + Y.shape().T() + ".";
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
