package shapeprop.nn;

/**
 * The activation loops behind the network, in place on row-major arrays. σ and tanh are written with one
 * {@code exp} per element, which the JIT vectorizes through {@link VectorKernels} when the JVM has
 * jdk.incubator.vector ({@code Math.tanh} is not an intrinsic and costs ~60 ns a call here); without the module
 * the same formulas run as plain loops. Tracing and the fused training path both use these, so they compute
 * identical numbers.
 */
final class Kernels {

    /** True when the JVM was started with {@code --add-modules jdk.incubator.vector}. */
    static final boolean VECTOR = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();

    private Kernels() {
    }

    /** values = g(values + bias), the bias a column (one per row) or a row (one per column), then g. */
    static void biasActivation(Activation g, double[] values, int rows, int cols, double[] bias, boolean biasPerRow) {
        addBias(values, rows, cols, bias, biasPerRow);
        activate(g, values);
    }

    /** Z + b, with b broadcast along the samples. */
    static void addBias(double[] values, int rows, int cols, double[] bias, boolean biasPerRow) {
        for (int i = 0; i < rows; i++) {
            int o = i * cols;
            if (biasPerRow) {
                double bi = bias[i];
                for (int j = 0; j < cols; j++) {
                    values[o + j] += bi;
                }
            } else {
                int j = VECTOR ? VectorKernels.addRow(values, o, bias, cols) : 0;
                for (; j < cols; j++) {
                    values[o + j] += bias[j];
                }
            }
        }
    }

    /** values[i] = g(values[i]) for an elementwise activation. */
    static void activate(Activation g, double[] values) {
        switch (g) {
            case SIGMOID:
                for (int i = VECTOR ? VectorKernels.sigmoid(values) : 0; i < values.length; i++) {
                    values[i] = sigmoid(values[i]);
                }
                break;
            case TANH:
                for (int i = VECTOR ? VectorKernels.tanh(values) : 0; i < values.length; i++) {
                    values[i] = tanh(values[i]);
                }
                break;
            case RELU:
                for (int i = 0; i < values.length; i++) {
                    values[i] = values[i] > 0 ? values[i] : 0.0;
                }
                break;
            case LEAKY_RELU:
                for (int i = 0; i < values.length; i++) {
                    values[i] = values[i] > 0 ? values[i] : Activation.LEAKY_SLOPE * values[i];
                }
                break;
            case IDENTITY:
                break;
            default:
                throw new IllegalStateException("softmax is not elementwise");
        }
    }

    /** σ(z) = 1 / (1 + e^−z); e^−z = ∞ for very negative z gives exactly 0, so nothing overflows. */
    static double sigmoid(double z) {
        return 1.0 / (1.0 + Math.exp(-z));
    }

    /** tanh(z) = 1 − 2 / (e^2z + 1): ±1 in the tails (e^2z = ∞ or 0), exact to rounding elsewhere. */
    static double tanh(double z) {
        return 1.0 - 2.0 / (Math.exp(2 * z) + 1.0);
    }

    /** dA[i] = dA[i]·g'(z), g' written with the output a = g(z): the chain rule through an elementwise g. */
    static void multiplySlope(Activation g, double[] dA, double[] A) {
        switch (g) {
            case SIGMOID:
                // dZ = dA ⊙ A(1 − A)
                for (int i = VECTOR ? VectorKernels.sigmoidSlope(dA, A) : 0; i < dA.length; i++) {
                    dA[i] *= A[i] * (1 - A[i]);
                }
                break;
            case TANH:
                // dZ = dA ⊙ (1 − A²)
                for (int i = VECTOR ? VectorKernels.tanhSlope(dA, A) : 0; i < dA.length; i++) {
                    dA[i] *= 1 - A[i] * A[i];
                }
                break;
            case RELU:
                // dZ = dA ⊙ (A > 0)
                for (int i = 0; i < dA.length; i++) {
                    dA[i] = A[i] > 0 ? dA[i] : 0.0;
                }
                break;
            case LEAKY_RELU:
                // dZ = dA ⊙ (1 if A > 0 else 0.01)
                for (int i = 0; i < dA.length; i++) {
                    dA[i] = A[i] > 0 ? dA[i] : Activation.LEAKY_SLOPE * dA[i];
                }
                break;
            case IDENTITY:
                break;
            default:
                throw new IllegalStateException("softmax is not elementwise");
        }
    }
}
