package shapeprop.nn;

/**
 * A fully connected layer from {@code in} to {@code out} units followed by an activation: A = g(W·X + b)
 * (columns) or A = g(X·W + b) (rows). It holds no numbers; the {@link Network} owns the parameters.
 *
 * @param in         units (features) coming in
 * @param out        units going out
 * @param activation g
 */
public record Dense(int in, int out, Activation activation) {

    public Dense {
        if (in <= 0 || out <= 0) {
            throw new IllegalArgumentException("Dense(" + in + " -> " + out + "): a layer needs at least one input and "
                    + "one output unit.");
        }
        if (activation == null) {
            throw new IllegalArgumentException("Dense(" + in + " -> " + out + "): give an activation, e.g. "
                    + "Activation.SIGMOID, or Activation.IDENTITY for a linear layer.");
        }
    }

    /** Number of weights and biases: in·out + out. */
    public int parameterCount() {
        return in * out + out;
    }

    /** {@code Dense(784 -> 128, sigmoid)}. */
    @Override
    public String toString() {
        return "Dense(" + in + " -> " + out + ", " + activation + ")";
    }
}
