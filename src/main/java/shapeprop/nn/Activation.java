package shapeprop.nn;

import shapeprop.matrix.Matrix;
import shapeprop.matrix.NoCopy;
import shapeprop.matrix.ShapeException;

/**
 * The nonlinearity g of a layer, A = g(Z), with its derivative g'(Z) for the chain rule dZ = dA ⊙ g'(Z).
 *
 * <p>Learners writing backprop by hand use these as building blocks:
 * <pre>{@code
 * Matrix A1 = Activation.TANH.apply(Z1);
 * Matrix dZ1 = W2.T().dot(dZ2).mul(Activation.TANH.derivative(Z1));          // dZ1 = W2ᵀ·dZ2 ⊙ tanh'(Z1)
 * Matrix same = W2.T().dot(dZ2).mul(Activation.TANH.derivativeFromOutput(A1)); // tanh'(Z1) = 1 − A1²
 * }</pre>
 *
 * Softmax is not elementwise: each output depends on every logit of its sample, so it needs to know which
 * axis holds the classes ({@link #apply(Matrix, Layout)}) and its backward pass is a Jacobian-vector product
 * ({@link #backward(Matrix, Matrix, Layout)}); with cross-entropy it simplifies to dZ = A − Y.
 */
public enum Activation {

    /** σ(z) = 1 / (1 + e^−z); σ'(z) = σ(z)(1 − σ(z)). */
    SIGMOID("sigmoid", "σ"),
    /** tanh(z); tanh'(z) = 1 − tanh²(z). */
    TANH("tanh", "tanh"),
    /** max(0, z); relu'(z) = 1 for z &gt; 0, else 0. */
    RELU("relu", "relu"),
    /** z for z &gt; 0, else 0.01·z; derivative 1 or 0.01. */
    LEAKY_RELU("leaky_relu", "leaky_relu"),
    /** e^z / Σ e^z over the classes of each sample (shifted by the max for stability). */
    SOFTMAX("softmax", "softmax"),
    /** z; derivative 1 (a linear output, e.g. for regression with MSE). */
    IDENTITY("identity", "id");

    /** The slope of {@link #LEAKY_RELU} for negative inputs. */
    public static final double LEAKY_SLOPE = 0.01;

    private final String label;
    private final String symbol;

    Activation(String label, String symbol) {
        this.label = label;
        this.symbol = symbol;
    }

    /** The symbol used in equations: {@code σ}, {@code tanh}, {@code relu}, {@code softmax}, {@code id}. */
    public String symbol() {
        return symbol;
    }

    /** True for relu and leaky relu, whose slope jumps at z = 0: no derivative there. */
    boolean hasKink() {
        return this == RELU || this == LEAKY_RELU;
    }

    /** True for every activation except softmax. */
    public boolean isElementwise() {
        return this != SOFTMAX;
    }

    // ------------------------------------------------------------ forward

    /** A = g(Z) for an elementwise activation. Softmax needs {@link #apply(Matrix, Layout)}. */
    public Matrix apply(Matrix Z) {
        if (this == SOFTMAX) {
            throw new IllegalArgumentException("softmax(Z): softmax normalizes over the classes of each sample, so it "
                    + "must know which axis holds them. Use Activation.SOFTMAX.apply(Z, Layout.COLUMNS) when samples "
                    + "are columns (classes on axis 0) or Layout.ROWS when samples are rows (classes on axis 1).");
        }
        // A = g(Z), vectorized
        double[] values = Z.toFlatArray();
        Kernels.activate(this, values);
        return NoCopy.wrap(Z.rows(), Z.cols(), values);
    }

    /** A = g(Z); for softmax the classes lie along {@code layout.featureAxis()}. */
    public Matrix apply(Matrix Z, Layout layout) {
        if (this != SOFTMAX) {
            return apply(Z);
        }
        // softmax(z) = e^(z − max z) / Σ e^(z − max z) over the classes of each sample: shifting by the max keeps e^
        // from overflowing
        return NoCopy.wrap(Z.rows(), Z.cols(), Kernels.softmax(NoCopy.array(Z), Z.rows(), Z.cols(),
                layout.featureAxis() == 0));
    }

    /** g(z) for one value (elementwise activations). */
    double value(double z) {
        switch (this) {
            case SIGMOID:
                return Kernels.sigmoid(z);
            case TANH:
                return Kernels.tanh(z);
            case RELU:
                // max(0, z), NaN kept (as np.maximum keeps it)
                return z <= 0 ? 0.0 : z;
            case LEAKY_RELU:
                return z > 0 ? z : LEAKY_SLOPE * z;
            case IDENTITY:
                return z;
            default:
                throw new IllegalStateException("softmax is not elementwise");
        }
    }

    // ------------------------------------------------------------ backward

    /** g'(Z), elementwise: {@code σ(Z)(1 − σ(Z))}, {@code 1 − tanh²(Z)}, {@code Z > 0}, … */
    public Matrix derivative(Matrix Z) {
        requireElementwise("derivative");
        return Z.map(z -> slope(value(z), z));
    }

    /**
     * g'(Z) written with the output A = g(Z), as the courses do: σ' = A(1 − A), tanh' = 1 − A², relu' = (A &gt; 0).
     * Saves recomputing g(Z) in backward.
     */
    public Matrix derivativeFromOutput(Matrix A) {
        requireElementwise("derivativeFromOutput");
        return A.map(a -> slope(a, a));
    }

    /**
     * dZ = dA ⊙ g'(Z) given the layer's output A. For softmax this is the Jacobian-vector product
     * dZ = A ⊙ (dA − Σ_classes dA ⊙ A).
     */
    public Matrix backward(Matrix dA, Matrix A, Layout layout) {
        if (this == SOFTMAX) {
            // dZ = A ⊙ (dA − Σ_k dA_k A_k), the softmax Jacobian applied to dA, per sample
            Matrix projection = dA.mul(A).sum(layout.featureAxis(), true);
            return A.mul(dA.sub(projection));
        }
        if (!dA.shape().equals(A.shape())) {
            // let Matrix explain the mismatch (or broadcast, as numpy would)
            return dA.mul(derivativeFromOutput(A));
        }
        // dZ = dA ⊙ g'(Z), g' written with A
        double[] dZ = dA.toFlatArray();
        Kernels.multiplySlope(this, dZ, NoCopy.array(A));
        return NoCopy.wrap(A.rows(), A.cols(), dZ);
    }

    /** g'(z) from the output a = g(z) (and z itself, where the output alone is ambiguous). */
    double slope(double a, double z) {
        switch (this) {
            case SIGMOID:
                return a * (1.0 - a);
            case TANH:
                return 1.0 - a * a;
            case RELU:
                return z > 0 ? 1.0 : 0.0;
            case LEAKY_RELU:
                return z > 0 ? 1.0 : LEAKY_SLOPE;
            case IDENTITY:
                return 1.0;
            default:
                throw new IllegalStateException("softmax is not elementwise");
        }
    }

    private void requireElementwise(String operation) {
        if (this == SOFTMAX) {
            throw new ShapeException(operation, null, null, "softmax." + operation + ": softmax has no elementwise "
                    + "derivative; its Jacobian couples the classes of each sample.",
                    "With cross-entropy use dZ = A − Y; otherwise use Activation.SOFTMAX.backward(dA, A, layout).");
        }
    }

    /** {@code sigmoid}, {@code tanh}, {@code relu}, {@code leaky_relu}, {@code softmax}, {@code identity}. */
    @Override
    public String toString() {
        return label;
    }
}
