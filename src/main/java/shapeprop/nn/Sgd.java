package shapeprop.nn;

import shapeprop.matrix.Matrix;

/**
 * Plain gradient descent: every parameter moves against its gradient, θ ← θ − η·dθ.
 *
 * @param learningRate η, the step size
 */
public record Sgd(double learningRate) {

    public Sgd {
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("Sgd: the learning rate must be a positive finite number, got "
                    + learningRate + "; typical values are 0.01 to 1.");
        }
    }

    /** θ − η·dθ; the gradient must have the parameter's shape (no broadcasting in an update). */
    public Matrix step(String name, Matrix parameter, Matrix gradient) {
        GradientShapes.requireSameShape(name, parameter, gradient);
        double eta = learningRate;
        // θ = θ − η·dθ, one pass and one new matrix
        return parameter.zip(gradient, (theta, d) -> theta - eta * d).named(name);
    }

    /** {@code Sgd(lr=0.5)}. */
    @Override
    public String toString() {
        return "Sgd(lr=" + Numbers.format(learningRate) + ")";
    }
}
