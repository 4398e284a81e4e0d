package shapeprop.nn;

import java.util.Arrays;
import java.util.List;
import shapeprop.matrix.Matrix;
import shapeprop.matrix.NoCopy;

/**
 * The forward and backward pass of a small network with one hidden layer and one sigmoid output unit trained with
 * binary cross-entropy, in the columns layout, hidden unit by hidden unit: the two-moons network (2-22-1, tanh) on
 * its full batch of 200 samples. There every product is tiny, and the general path spends more of a step on
 * passes over memory, new matrices and checks than on arithmetic. Here each hidden unit's row of samples is
 * computed and used while it is in the cache, and the whole step runs in a handful of small loop methods, each
 * called once per hidden unit, which the JIT is asked to compile within the first fifty or so steps.
 *
 * <p>It computes the general path's numbers bit for bit, with the same operations in the same order. For these
 * shapes {@code shapeprop.matrix} builds a row of Z input by input (z = w0·x0, then z = fma(wp, xp, z)) and takes
 * a weight gradient as a dot product over the samples in four partial sums, sample p going to sum p mod 4, added
 * as (s0 + s1) + (s2 + s3); a bias gradient is a row sum in the same four partial sums. {@link #fits} admits only
 * the batch sizes for which the products are computed that way.
 *
 * <p>{@link Network#forward}, {@link Network#backward} and {@link Network#step} use it when tracing is off; learners
 * never call it.
 */
final class SmallStep {

    private final Activation hidden;
    private final int inputs;
    private final int units;

    // Reused from step to step, one array per row: the JIT turns a loop into SIMD code only when it runs over arrays
    // from index 0 (an offset into a shared array leaves it scalar). The rows of X (copied), of A1 (one per unit), Z2,
    // δ and one unit's dZ1; A2 for step(), whose output is the network's own until the next step. forward() and
    // backward() hand out A2 and the gradients, so for them those are new every step.
    private int m = -1;
    private double[][] x;
    private double[][] a1;
    private double[] z2;
    private double[] ownA2;
    private double[] delta;
    private double[] dz;
    private Matrix z2Matrix;
    private Matrix ownA2Matrix;
    // The gradients that step() keeps inside the network, and their matrices. A step that allocates nothing also
    // touches no new memory: until the JVM's first garbage collection every new object lands on memory the process
    // has never used, and the operating system's first touch of each page cost a two-moons step more than its
    // arithmetic (22 against 12 µs for the first 5,000 steps of a bench).
    private final double[] ownDW1;
    private final double[] ownDW2;
    private final double[] ownDb1;
    private final double[] ownDb2;
    private final Matrix ownDW1Matrix;
    private final Matrix ownDW2Matrix;
    private final Matrix ownDb1Matrix;
    private final Matrix ownDb2Matrix;

    private SmallStep(Activation hidden, int inputs, int units) {
        this.hidden = hidden;
        this.inputs = inputs;
        this.units = units;
        this.ownDW1 = new double[units * inputs];
        this.ownDW2 = new double[units];
        this.ownDb1 = new double[units];
        this.ownDb2 = new double[1];
        this.ownDW1Matrix = NoCopy.wrap(units, inputs, ownDW1).named("dW1");
        this.ownDW2Matrix = NoCopy.wrap(1, units, ownDW2).named("dW2");
        this.ownDb1Matrix = NoCopy.wrap(units, 1, ownDb1).named("db1");
        this.ownDb2Matrix = NoCopy.wrap(1, 1, ownDb2).named("db2");
    }

    /**
     * The fused pass for {@code layers} if they are an elementwise hidden layer and one sigmoid output unit with
     * binary cross-entropy in the columns layout; null otherwise.
     */
    static SmallStep of(List<Dense> layers, Loss loss, Layout layout) {
        if (layers.size() != 2 || layout != Layout.COLUMNS || loss != Loss.BINARY_CROSS_ENTROPY) {
            return null;
        }
        Dense first = layers.get(0);
        Dense output = layers.get(1);
        if (!first.activation().isElementwise() || output.activation() != Activation.SIGMOID || output.out() != 1) {
            return null;
        }
        return new SmallStep(first.activation(), first.in(), first.out());
    }

    /**
     * True when a batch of {@code samples} is multiplied in the order this class repeats: more samples than 12,
     * than inputs and than hidden units (so Z's rows are built input by input and the weight gradients are dot
     * products over the samples), at most 128 inputs and units (one block each), and every product small.
     */
    boolean fits(int samples) {
        int n = inputs;
        int h = units;
        return samples > Math.max(12, Math.max(n, h)) && n <= 128 && h <= 128
                && NoCopy.smallProduct(h, n, samples) && NoCopy.smallProduct(1, h, samples)
                && NoCopy.smallProduct(1, samples, h) && NoCopy.smallProduct(h, samples, n);
    }

    /**
     * A1 = g(W1·X + b1), Z2 = W2·A1 + b2 and A2 = σ(Z2) for X = A[0], into Z[2] and A[2]; A1 stays in rows of its
     * own ({@link #hiddenOutputs} on demand), so A[1] is left null. A2 is this class's own array when
     * {@code keepOutput} (step() hands it out until the next step), else a new one.
     */
    void forward(Matrix[] W, Matrix[] b, Matrix[] A, Matrix[] Z, boolean keepOutput) {
        int samples = A[0].cols();
        if (samples != m) {
            m = samples;
            x = new double[inputs][m];
            a1 = new double[units][m];
            z2 = new double[m];
            ownA2 = new double[m];
            delta = new double[m];
            dz = new double[m];
            z2Matrix = NoCopy.wrap(1, m, z2).named("Z2");
            ownA2Matrix = NoCopy.wrap(1, m, ownA2).named("A2");
        }
        double[] features = NoCopy.array(A[0]);
        for (int p = 0; p < inputs; p++) {
            System.arraycopy(features, p * m, x[p], 0, m);
        }
        double[] w1 = NoCopy.array(W[0]);
        double[] b1 = NoCopy.array(b[0]);
        double[] w2 = NoCopy.array(W[1]);
        // Z2 starts at −0: fma(w, a, −0) is w·a to the last bit (and to the sign of a zero), the first term of the sum
        Arrays.fill(z2, -0.0);
        boolean tanhOfTwo = hidden == Activation.TANH && inputs == 2;
        for (int k = 0; k < units; k++) {
            double[] a = a1[k];
            if (tanhOfTwo) {
                // A1[k, :] = tanh(W1[k, :]·X + b1[k]) in one pass over the samples
                tanhRow(a, w1[2 * k], w1[2 * k + 1], x[0], x[1], b1[k], m);
            } else {
                // Z1[k, :] = W1[k, :]·X + b1[k]
                hiddenRow(a, w1, k * inputs, x, m, b1[k]);
                // A1[k, :] = g(Z1[k, :])
                Kernels.activate(hidden, a, 0, m);
            }
            // Z2 = W2[0]·A1[0, :] + W2[1]·A1[1, :] + …, one unit at a time
            outputTerm(z2, w2[k], a, m);
        }
        // Z2 += b2 ; A2 = σ(Z2)
        double[] a2 = keepOutput ? ownA2 : new double[m];
        outputUnit(z2, a2, NoCopy.array(b[1])[0], m);
        A[1] = null;
        Z[1] = null;
        Z[2] = z2Matrix;
        A[2] = keepOutput ? ownA2Matrix : NoCopy.wrap(1, m, a2).named("A2");
    }

    /** A1 of the last {@link #forward} as a (units, m) matrix: a copy of the rows, for a trace or a diagnosis. */
    Matrix hiddenOutputs() {
        double[] flat = new double[units * m];
        for (int k = 0; k < units; k++) {
            System.arraycopy(a1[k], 0, flat, k * m, m);
        }
        return NoCopy.wrap(units, m, flat).named("A1");
    }

    /**
     * z[j] = W1[k, :]·X[:, j] + bias for every sample j, where W1[k, p] is w[wk + p]: w0·x0, then fma(wp, xp, z)
     * for p = 1, 2, …, then the bias, as the matrix product and the bias add compute it.
     */
    private static void hiddenRow(double[] z, double[] w, int wk, double[][] x, int m, double bias) {
        double w0 = w[wk];
        double[] x0 = x[0];
        if (x.length == 2) {
            double w1 = w[wk + 1];
            double[] x1 = x[1];
            for (int j = 0; j < m; j++) {
                // z = (w0·x0 + w1·x1) + b, the second product fused
                z[j] = Math.fma(w1, x1[j], w0 * x0[j]) + bias;
            }
            return;
        }
        for (int j = 0; j < m; j++) {
            z[j] = w0 * x0[j];
        }
        for (int p = 1; p < x.length; p++) {
            double wp = w[wk + p];
            double[] xp = x[p];
            for (int j = 0; j < m; j++) {
                z[j] = Math.fma(wp, xp[j], z[j]);
            }
        }
        addScalar(z, bias, m);
    }

    /**
     * Row k of A1 for a tanh layer on two inputs, {@link #hiddenRow} and tanh in one pass: for every sample
     * a = tanh((w0·x0 + w1·x1) + b). One loop for the JIT to compile instead of two, and the row written once.
     */
    private static void tanhRow(double[] a, double w0, double w1, double[] x0, double[] x1, double bias, int m) {
        for (int j = 0; j < m; j++) {
            // A1[k, j] = tanh((w0·x0 + w1·x1) + b1[k]), the second product fused, as hiddenRow and tanh compute it
            a[j] = Kernels.tanh(Math.fma(w1, x1[j], w0 * x0[j]) + bias);
        }
    }

    /** z2 = fma(w, a, z2): the unit's term of W2·A1. */
    private static void outputTerm(double[] z2, double w, double[] a, int m) {
        for (int j = 0; j < m; j++) {
            z2[j] = Math.fma(w, a[j], z2[j]);
        }
    }

    /** z2 += b2 and a2 = σ(z2) in one pass, σ as {@link Kernels#activate} computes it. */
    private static void outputUnit(double[] z2, double[] a2, double b2, int m) {
        for (int j = 0; j < m; j++) {
            double z = z2[j] + b2;
            z2[j] = z;
            a2[j] = Kernels.sigmoid(z);
        }
    }

    /** values[0:m] += b. */
    private static void addScalar(double[] values, double b, int m) {
        for (int j = 0; j < m; j++) {
            values[j] += b;
        }
    }

    /**
     * dW1, db1, dW2 and db2 of the last {@link #forward} against labels Y, into dW and db: in this class's own arrays
     * when {@code keepInside} (step() keeps them inside the network), else in new ones.
     */
    void backward(Matrix Y, Matrix[] W, Matrix[] A, Matrix[] dW, Matrix[] db, boolean keepInside) {
        double[] a2 = NoCopy.array(A[2]);
        double[] y = NoCopy.array(Y);
        double[] w2 = NoCopy.array(W[1]);
        // δ = dZ2 / m = (A2 − Y)·(1/m): the 1/m folded into δ once
        // db2 = sum(δ), summed in the same pass
        double sumDelta = outputDelta(delta, a2, y, 1.0 / m, m);
        double[] dW1 = keepInside ? ownDW1 : new double[units * inputs];
        double[] dW2 = keepInside ? ownDW2 : new double[units];
        double[] db1 = keepInside ? ownDb1 : new double[units];
        boolean tanhOfTwo = hidden == Activation.TANH && inputs == 2;
        for (int k = 0; k < units; k++) {
            double[] a = a1[k];
            if (tanhOfTwo) {
                // dZ1[k, :] = W2[k]·δ ⊙ (1 − A1[k, :]²) and unit k's gradients in one pass over the samples
                tanhUnitGradients(w2[k], a, delta, x[0], x[1], m, dW1, dW2, db1, k);
                continue;
            }
            // dZ1[k, :] = W2[k]·δ ⊙ g'(Z1[k, :]), g' taken from A1
            if (hidden == Activation.TANH) {
                tanhDelta(dz, w2[k], delta, a, m);
            } else {
                scaleRow(dz, w2[k], delta, m);
                Kernels.multiplySlope(hidden, dz, a, 0, m);
            }
            if (inputs == 2) {
                // the four sums below in one pass over the samples
                unitGradients(dz, a, delta, x[0], x[1], m, dW1, dW2, db1, k);
                continue;
            }
            // dW2[k] = δ·A1[k, :]
            dW2[k] = dot(delta, a, m);
            // db1[k] = sum(dZ1[k, :]) ; dW1[k, p] = dZ1[k, :]·X[p, :]
            db1[k] = sum(dz, m);
            for (int p = 0; p < inputs; p++) {
                dW1[k * inputs + p] = dot(dz, x[p], m);
            }
        }
        // db2 = sum(δ)
        double[] db2 = keepInside ? ownDb2 : new double[1];
        db2[0] = sumDelta;
        dW[0] = keepInside ? ownDW1Matrix : NoCopy.wrap(units, inputs, dW1).named("dW1");
        db[0] = keepInside ? ownDb1Matrix : NoCopy.wrap(units, 1, db1).named("db1");
        dW[1] = keepInside ? ownDW2Matrix : NoCopy.wrap(1, units, dW2).named("dW2");
        db[1] = keepInside ? ownDb2Matrix : NoCopy.wrap(1, 1, db2).named("db2");
    }

    /** δ = (A − Y)·(1/m) into delta; returns Σ δ in four partial sums, as {@link #sum} takes it. */
    private static double outputDelta(double[] delta, double[] a, double[] y, double inverseM, int m) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int j = 0;
        for (; j <= m - 4; j += 4) {
            // δ = (A − Y)·(1/m)
            double d0 = (a[j] - y[j]) * inverseM;
            double d1 = (a[j + 1] - y[j + 1]) * inverseM;
            double d2 = (a[j + 2] - y[j + 2]) * inverseM;
            double d3 = (a[j + 3] - y[j + 3]) * inverseM;
            delta[j] = d0;
            delta[j + 1] = d1;
            delta[j + 2] = d2;
            delta[j + 3] = d3;
            s0 += d0;
            s1 += d1;
            s2 += d2;
            s3 += d3;
        }
        for (; j < m; j++) {
            double d = (a[j] - y[j]) * inverseM;
            delta[j] = d;
            s0 += d;
        }
        return (s0 + s1) + (s2 + s3);
    }

    /** dz = (w·δ) ⊙ (1 − a²): {@link #scaleRow} and the tanh slope in one pass. */
    private static void tanhDelta(double[] dz, double w, double[] delta, double[] a, int m) {
        for (int j = 0; j < m; j++) {
            dz[j] = (w * delta[j]) * (1 - a[j] * a[j]);
        }
    }

    /** row = w·δ: unit k's row of W2ᵀ·δ. */
    private static void scaleRow(double[] row, double w, double[] delta, int m) {
        for (int j = 0; j < m; j++) {
            row[j] = w * delta[j];
        }
    }

    /**
     * Unit k's gradients with two inputs, dW2[k] = δ·A1[k, :], db1[k] = sum(dZ1[k, :]), dW1[k, 0] = dZ1[k, :]·X[0, :]
     * and dW1[k, 1] = dZ1[k, :]·X[1, :], each in four partial sums as {@link #dot} and {@link #sum} take them: one pass
     * over the samples, sixteen sums that never wait for each other.
     */
    private static void unitGradients(double[] dz, double[] a, double[] delta, double[] x0, double[] x1, int m,
                                      double[] dW1, double[] dW2, double[] db1, int k) {
        double w0 = 0;
        double w1 = 0;
        double w2 = 0;
        double w3 = 0;
        double b0 = 0;
        double b1 = 0;
        double b2 = 0;
        double b3 = 0;
        double p0 = 0;
        double p1 = 0;
        double p2 = 0;
        double p3 = 0;
        double q0 = 0;
        double q1 = 0;
        double q2 = 0;
        double q3 = 0;
        int j = 0;
        for (; j <= m - 4; j += 4) {
            // w += δ·a, b += dz, p += dz·x0, q += dz·x1; sum number j mod 4
            double d0 = dz[j];
            double d1 = dz[j + 1];
            double d2 = dz[j + 2];
            double d3 = dz[j + 3];
            w0 = Math.fma(delta[j], a[j], w0);
            w1 = Math.fma(delta[j + 1], a[j + 1], w1);
            w2 = Math.fma(delta[j + 2], a[j + 2], w2);
            w3 = Math.fma(delta[j + 3], a[j + 3], w3);
            b0 += d0;
            b1 += d1;
            b2 += d2;
            b3 += d3;
            p0 = Math.fma(d0, x0[j], p0);
            p1 = Math.fma(d1, x0[j + 1], p1);
            p2 = Math.fma(d2, x0[j + 2], p2);
            p3 = Math.fma(d3, x0[j + 3], p3);
            q0 = Math.fma(d0, x1[j], q0);
            q1 = Math.fma(d1, x1[j + 1], q1);
            q2 = Math.fma(d2, x1[j + 2], q2);
            q3 = Math.fma(d3, x1[j + 3], q3);
        }
        for (; j < m; j++) {
            w0 = Math.fma(delta[j], a[j], w0);
            b0 += dz[j];
            p0 = Math.fma(dz[j], x0[j], p0);
            q0 = Math.fma(dz[j], x1[j], q0);
        }
        dW2[k] = (w0 + w1) + (w2 + w3);
        db1[k] = (b0 + b1) + (b2 + b3);
        dW1[2 * k] = (p0 + p1) + (p2 + p3);
        dW1[2 * k + 1] = (q0 + q1) + (q2 + q3);
    }

    /**
     * {@link #tanhDelta} and {@link #unitGradients} in one pass, dz = (w·δ) ⊙ (1 − a²) computed where it is summed:
     * one loop for the JIT to compile instead of two, and no row of dZ1 stored and read back.
     */
    private static void tanhUnitGradients(double w, double[] a, double[] delta, double[] x0, double[] x1, int m,
                                          double[] dW1, double[] dW2, double[] db1, int k) {
        double w0 = 0;
        double w1 = 0;
        double w2 = 0;
        double w3 = 0;
        double b0 = 0;
        double b1 = 0;
        double b2 = 0;
        double b3 = 0;
        double p0 = 0;
        double p1 = 0;
        double p2 = 0;
        double p3 = 0;
        double q0 = 0;
        double q1 = 0;
        double q2 = 0;
        double q3 = 0;
        int j = 0;
        for (; j <= m - 4; j += 4) {
            // dz = (w·δ)(1 − a²), then w += δ·a, b += dz, p += dz·x0, q += dz·x1; sum number j mod 4
            double d0 = (w * delta[j]) * (1 - a[j] * a[j]);
            double d1 = (w * delta[j + 1]) * (1 - a[j + 1] * a[j + 1]);
            double d2 = (w * delta[j + 2]) * (1 - a[j + 2] * a[j + 2]);
            double d3 = (w * delta[j + 3]) * (1 - a[j + 3] * a[j + 3]);
            w0 = Math.fma(delta[j], a[j], w0);
            w1 = Math.fma(delta[j + 1], a[j + 1], w1);
            w2 = Math.fma(delta[j + 2], a[j + 2], w2);
            w3 = Math.fma(delta[j + 3], a[j + 3], w3);
            b0 += d0;
            b1 += d1;
            b2 += d2;
            b3 += d3;
            p0 = Math.fma(d0, x0[j], p0);
            p1 = Math.fma(d1, x0[j + 1], p1);
            p2 = Math.fma(d2, x0[j + 2], p2);
            p3 = Math.fma(d3, x0[j + 3], p3);
            q0 = Math.fma(d0, x1[j], q0);
            q1 = Math.fma(d1, x1[j + 1], q1);
            q2 = Math.fma(d2, x1[j + 2], q2);
            q3 = Math.fma(d3, x1[j + 3], q3);
        }
        for (; j < m; j++) {
            double d = (w * delta[j]) * (1 - a[j] * a[j]);
            w0 = Math.fma(delta[j], a[j], w0);
            b0 += d;
            p0 = Math.fma(d, x0[j], p0);
            q0 = Math.fma(d, x1[j], q0);
        }
        dW2[k] = (w0 + w1) + (w2 + w3);
        db1[k] = (b0 + b1) + (b2 + b3);
        dW1[2 * k] = (p0 + p1) + (p2 + p3);
        dW1[2 * k + 1] = (q0 + q1) + (q2 + q3);
    }

    /** Σ_j u[j]·v[j] for j &lt; m in four partial sums, j going to sum j mod 4: (s0 + s1) + (s2 + s3). */
    private static double dot(double[] u, double[] v, int m) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int j = 0;
        for (; j <= m - 4; j += 4) {
            s0 = Math.fma(u[j], v[j], s0);
            s1 = Math.fma(u[j + 1], v[j + 1], s1);
            s2 = Math.fma(u[j + 2], v[j + 2], s2);
            s3 = Math.fma(u[j + 3], v[j + 3], s3);
        }
        for (; j < m; j++) {
            s0 = Math.fma(u[j], v[j], s0);
        }
        return (s0 + s1) + (s2 + s3);
    }

    /** Σ_j u[j] for j &lt; m in four partial sums, as {@link #dot}. */
    private static double sum(double[] u, int m) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int j = 0;
        for (; j <= m - 4; j += 4) {
            s0 += u[j];
            s1 += u[j + 1];
            s2 += u[j + 2];
            s3 += u[j + 3];
        }
        for (; j < m; j++) {
            s0 += u[j];
        }
        return (s0 + s1) + (s2 + s3);
    }
}
