package shapeprop.nn;

import java.util.random.RandomGenerator;
import shapeprop.matrix.Matrix;
import shapeprop.matrix.Shape;

/**
 * How a layer's weights and biases start. Weights must start random (identical units would stay identical
 * forever) and small enough that σ and tanh do not start saturated.
 */
public enum Initializer {

    /** W = randn·0.01, b = 0: the courses' default; fine for one or two small layers. */
    SMALL_RANDOM("randn·0.01"),
    /** W = randn·√(2 / (in + out)), b = 0 (Glorot &amp; Bengio 2010): keeps variance steady for σ and tanh. */
    XAVIER("xavier: randn·√(2/(in+out))"),
    /** W = randn·√(2 / in), b = 0 (He et al. 2015): for relu layers, which zero half their inputs. */
    HE("he: randn·√(2/in)"),
    /** W = randn, b = randn: what seed 2 wrote (np.random.randn for both); large weights saturate tanh. */
    STANDARD_NORMAL("randn (weights and biases)");

    private final String label;

    Initializer(String label) {
        this.label = label;
    }

    /** The standard deviation of the weights of a layer from {@code in} to {@code out} units. */
    public double scale(int in, int out) {
        switch (this) {
            case SMALL_RANDOM:
                return 0.01;
            case XAVIER:
                return Math.sqrt(2.0 / (in + out));
            case HE:
                return Math.sqrt(2.0 / in);
            default:
                return 1.0;
        }
    }

    /** Weights of the layer in {@code layout}'s shape: (out, in) or (in, out). */
    public Matrix weights(int in, int out, Layout layout, RandomGenerator rng) {
        Shape shape = layout.weightShape(in, out);
        // W = randn(shape)·scale
        return Matrix.randn(shape.rows(), shape.cols(), rng).mul(scale(in, out));
    }

    /** Biases of the layer in {@code layout}'s shape: (out, 1) or (1, out). */
    public Matrix biases(int out, Layout layout, RandomGenerator rng) {
        Shape shape = layout.biasShape(out);
        if (this == STANDARD_NORMAL) {
            return Matrix.randn(shape.rows(), shape.cols(), rng);
        }
        return Matrix.zeros(shape.rows(), shape.cols());
    }

    @Override
    public String toString() {
        return label;
    }
}
