package shapeprop.nn;

/**
 * The activation loops behind the network, in place on row-major arrays. Tracing, the fused training path and
 * {@link Activation#apply} all use these, so they compute identical numbers.
 *
 * <p>Every loop here is plain Java that the JIT turns into SIMD code by itself, run over slices of at most
 * {@value #SLICE} elements: the small loop methods are then called often enough to be compiled fully within the
 * first few dozen training steps. tanh is a polynomial and multiplications only ({@code Math.tanh} is not an
 * intrinsic and costs ~60 ns a call), and so is σ ({@code Math.exp} is one call per element, which the JIT cannot
 * run eight at once).
 *
 * <p>The same seed gives the same numbers on every run. That rules out the Vector API's {@code EXP}: until the
 * JIT has compiled a loop it computes e^x lane by lane with {@code Math.exp}, afterwards with another library,
 * and the two differ in the last bit often enough that a training run's result depended on how fast the JIT
 * was. Only exactly rounded operations use the Vector API here: a bias row added on {@link VectorKernels}, for
 * arrays of at least {@value #VECTOR_MIN} elements in rows of at least {@value #VECTOR_ROW}.
 */
final class Kernels {

    /** True when the JVM was started with {@code --add-modules jdk.incubator.vector}. */
    static final boolean VECTOR = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();

    /** Elements per call of a loop method. */
    static final int SLICE = 256;
    /**
     * A bias row is added on the Vector API only in arrays of at least VECTOR_MIN elements and rows of at least
     * VECTOR_ROW: below that, the Vector API's first few hundred calls, slow until the JIT has compiled them, cost
     * more than they save.
     */
    static final int VECTOR_MIN = 4096;
    static final int VECTOR_ROW = 64;

    private Kernels() {
    }

    /** values = g(values + bias), the bias a column (one per row) or a row (one per column), then g. */
    static void biasActivation(Activation g, double[] values, int rows, int cols, double[] bias, boolean biasPerRow) {
        addBias(values, rows, cols, bias, biasPerRow);
        activate(g, values);
    }

    /** Z + b, with b broadcast along the samples. */
    static void addBias(double[] values, int rows, int cols, double[] bias, boolean biasPerRow) {
        // the JIT leaves values[o + j] += bias[j] scalar: long rows in large arrays go through the Vector API
        boolean vector = VECTOR && cols >= VECTOR_ROW && values.length >= VECTOR_MIN;
        for (int i = 0; i < rows; i++) {
            int o = i * cols;
            if (biasPerRow) {
                addScalar(values, o, o + cols, bias[i]);
            } else {
                int j = vector ? VectorKernels.addRow(values, o, bias, cols) : 0;
                for (; j < cols; j++) {
                    values[o + j] += bias[j];
                }
            }
        }
    }

    /** values[from:to] += b. */
    private static void addScalar(double[] values, int from, int to, double b) {
        for (int i = from; i < to; i++) {
            values[i] += b;
        }
    }

    /**
     * values = g(values + b) in rows {@code from} to {@code to} of a (rows, cols) array whose bias is a column (one
     * per row, the columns layout): one band of {@link #biasActivation}'s work, the same numbers.
     */
    static void biasActivationRows(Activation g, double[] values, int cols, double[] bias, int from, int to) {
        for (int i = from; i < to; i++) {
            addScalar(values, i * cols, (i + 1) * cols, bias[i]);
        }
        activate(g, values, from * cols, to * cols);
    }

    /** values[i] = g(values[i]) for an elementwise activation. */
    static void activate(Activation g, double[] values) {
        activate(g, values, 0, values.length);
    }

    /** values[i] = g(values[i]) for first ≤ i &lt; end. */
    static void activate(Activation g, double[] values, int first, int end) {
        if (g == Activation.IDENTITY) {
            return;
        }
        if (g == Activation.SOFTMAX) {
            throw new IllegalStateException("softmax is not elementwise");
        }
        for (int from = first; from < end; from += SLICE) {
            int to = Math.min(end, from + SLICE);
            if (g == Activation.TANH) {
                tanh(values, from, to);
            } else if (g == Activation.SIGMOID) {
                sigmoid(values, from, to);
            } else if (g == Activation.RELU) {
                relu(values, from, to);
            } else {
                leakyRelu(values, from, to);
            }
        }
    }

    private static void sigmoid(double[] values, int from, int to) {
        for (int i = from; i < to; i++) {
            values[i] = sigmoid(values[i]);
        }
    }

    private static void tanh(double[] values, int from, int to) {
        for (int i = from; i < to; i++) {
            values[i] = tanh(values[i]);
        }
    }

    private static void relu(double[] values, int from, int to) {
        for (int i = from; i < to; i++) {
            // relu(z) = max(0, z), and NaN stays NaN as in np.maximum: z > 0 ? z : 0 would turn a NaN into 0 and
            // hide it from the loss
            values[i] = values[i] <= 0 ? 0.0 : values[i];
        }
    }

    private static void leakyRelu(double[] values, int from, int to) {
        for (int i = from; i < to; i++) {
            values[i] = values[i] > 0 ? values[i] : Activation.LEAKY_SLOPE * values[i];
        }
    }

    /**
     * softmax(z)_k = e^(z_k − max z) / Σ_c e^(z_c − max z) for every sample of a (rows, cols) array, its classes down
     * a column ({@code classesDown}, the columns layout) or along a row; a new array. Shifting by the max keeps e^
     * from overflowing.
     */
    static double[] softmax(double[] z, int rows, int cols, boolean classesDown) {
        double[] a = new double[z.length];
        int samples = classesDown ? cols : rows;
        int classes = classesDown ? rows : cols;
        // class c of sample j sits at first + c·step
        int step = classesDown ? cols : 1;
        for (int j = 0; j < samples; j++) {
            int first = classesDown ? j : j * cols;
            double max = max(z, first, step, classes);
            double sum = 0;
            for (int c = 0, i = first; c < classes; c++, i += step) {
                a[i] = Math.exp(z[i] - max);
                sum += a[i];
            }
            for (int c = 0, i = first; c < classes; c++, i += step) {
                a[i] /= sum;
            }
        }
        return a;
    }

    /**
     * Σ over the samples of Σ_k y_k·(logsumexp(z) − z_k), the cross-entropy of softmax(z) against y times m, from
     * the logits: logsumexp(z) = max z + log Σ_c e^(z_c − max z) stays finite where softmax saturates to 0.
     */
    static double softmaxCrossEntropy(double[] z, double[] y, int rows, int cols, boolean classesDown) {
        int samples = classesDown ? cols : rows;
        int classes = classesDown ? rows : cols;
        int step = classesDown ? cols : 1;
        double total = 0;
        for (int j = 0; j < samples; j++) {
            int first = classesDown ? j : j * cols;
            double max = max(z, first, step, classes);
            double sum = 0;
            for (int c = 0, i = first; c < classes; c++, i += step) {
                sum += Math.exp(z[i] - max);
            }
            double logSumExp = max + Math.log(sum);
            for (int c = 0, i = first; c < classes; c++, i += step) {
                total += y[i] * (logSumExp - z[i]);
            }
        }
        return total;
    }

    /** The largest of z[first + c·step] for c &lt; classes: one sample's logits. */
    private static double max(double[] z, int first, int step, int classes) {
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0, i = first; c < classes; c++, i += step) {
            max = Math.max(max, z[i]);
        }
        return max;
    }

    /**
     * σ(z) = 1 / (1 + e^−z) = 1 / (u + 2) with u = e^−z − 1, computed with multiplications only, so the JIT can run
     * eight at once ({@code Math.exp} is one call per element): u at y = −z/128 by the Taylor series of
     * {@link #tanh}, then doubled seven times, e^2y − 1 = u(u + 2). Within 4e-16 of 1 / (1 + {@code Math.exp(−z)})
     * everywhere, and within 1e-12 of σ itself down to σ(−30) = 9e-14 (each doubling doubles the relative error of
     * e^−z, which only shows where σ is tiny); z is clamped to ±80, so σ is exactly 1 beyond z = 37 and σ(−80) =
     * 1.8e-35 (not 0) below −80; NaN stays NaN.
     */
    static double sigmoid(double z) {
        // y = −z/128, |y| ≤ 0.625
        double y = Math.min(Math.max(-z, -80.0), 80.0) * (1.0 / 128);
        double u = expm1(y);
        // e^2y − 1 = u² + 2u, seven times: u = e^(128y) − 1 = e^−z − 1
        u = Math.fma(u, u, u + u);
        u = Math.fma(u, u, u + u);
        u = Math.fma(u, u, u + u);
        u = Math.fma(u, u, u + u);
        u = Math.fma(u, u, u + u);
        u = Math.fma(u, u, u + u);
        u = Math.fma(u, u, u + u);
        // σ = 1 / (1 + e^−z) = 1 / (u + 2)
        return 1.0 / (u + 2.0);
    }

    // 1/n! for the Taylor series of e^y − 1
    private static final double F2 = 1.0 / 2;
    private static final double F3 = 1.0 / 6;
    private static final double F4 = 1.0 / 24;
    private static final double F5 = 1.0 / 120;
    private static final double F6 = 1.0 / 720;
    private static final double F7 = 1.0 / 5040;
    private static final double F8 = 1.0 / 40320;
    private static final double F9 = 1.0 / 362880;
    private static final double F10 = 1.0 / 3628800;

    /**
     * tanh(z) = (e^2z − 1) / (e^2z + 1) = u / (u + 2) with u = e^2z − 1, computed with multiplications only, so the
     * JIT can run eight at once: u at y = z/32 by its Taylor series, then doubled six times, e^2y − 1 = u(u + 2).
     * Within 6 ulp of {@code Math.tanh} (0.4 on average), exact ±1 beyond |z| = 19.1, and accurate near 0 where
     * 1 − 2/(e^2z + 1) loses every digit; NaN stays NaN.
     */
    static double tanh(double z) {
        // |z| ≥ 20 gives ±1 to the last bit; clamping keeps u finite. y = z/32, |y| ≤ 0.625
        double y = Math.min(Math.max(z, -20.0), 20.0) * (1.0 / 32);
        double u = expm1(y);
        // e^2y − 1 = u² + 2u, six times: u = e^(64y) − 1 = e^2z − 1
        u = Math.fma(u, u, u + u);
        u = Math.fma(u, u, u + u);
        u = Math.fma(u, u, u + u);
        u = Math.fma(u, u, u + u);
        u = Math.fma(u, u, u + u);
        u = Math.fma(u, u, u + u);
        // tanh z = (e^2z − 1) / (e^2z − 1 + 2)
        return u / (u + 2.0);
    }

    /** e^y − 1 for |y| ≤ 0.625, multiplications only: the start of {@link #tanh} and {@link #sigmoid}. */
    private static double expm1(double y) {
        // e^y − 1 = y(1 + y/2! + y²/3! + … + y⁹/10!), in pairs (Estrin) so the multiplications overlap
        double y2 = y * y;
        double y4 = y2 * y2;
        double low = Math.fma(y2, Math.fma(y, F4, F3), Math.fma(y, F2, 1.0));
        double high = Math.fma(y2, Math.fma(y, F8, F7), Math.fma(y, F6, F5));
        return y * Math.fma(y4 * y4, Math.fma(y, F10, F9), Math.fma(y4, high, low));
    }

    /** dA[i] = dA[i]·g'(z), g' written with the output a = g(z): the chain rule through an elementwise g. */
    static void multiplySlope(Activation g, double[] dA, double[] A) {
        multiplySlope(g, dA, A, 0, dA.length);
    }

    /** {@link #multiplySlope} for first ≤ i &lt; end. */
    static void multiplySlope(Activation g, double[] dA, double[] A, int first, int end) {
        if (g == Activation.IDENTITY) {
            return;
        }
        if (g == Activation.SOFTMAX) {
            throw new IllegalStateException("softmax is not elementwise");
        }
        for (int from = first; from < end; from += SLICE) {
            int to = Math.min(end, from + SLICE);
            if (g == Activation.TANH) {
                tanhSlope(dA, A, from, to);
            } else if (g == Activation.SIGMOID) {
                sigmoidSlope(dA, A, from, to);
            } else if (g == Activation.RELU) {
                reluSlope(dA, A, from, to);
            } else {
                leakyReluSlope(dA, A, from, to);
            }
        }
    }

    private static void sigmoidSlope(double[] dA, double[] A, int from, int to) {
        for (int i = from; i < to; i++) {
            // dZ = dA ⊙ A(1 − A)
            dA[i] *= A[i] * (1 - A[i]);
        }
    }

    private static void tanhSlope(double[] dA, double[] A, int from, int to) {
        for (int i = from; i < to; i++) {
            // dZ = dA ⊙ (1 − A²)
            dA[i] *= 1 - A[i] * A[i];
        }
    }

    private static void reluSlope(double[] dA, double[] A, int from, int to) {
        for (int i = from; i < to; i++) {
            // dZ = dA ⊙ (A > 0)
            dA[i] = A[i] > 0 ? dA[i] : 0.0;
        }
    }

    private static void leakyReluSlope(double[] dA, double[] A, int from, int to) {
        for (int i = from; i < to; i++) {
            // dZ = dA ⊙ (1 if A > 0 else 0.01)
            dA[i] = A[i] > 0 ? dA[i] : Activation.LEAKY_SLOPE * dA[i];
        }
    }
}
