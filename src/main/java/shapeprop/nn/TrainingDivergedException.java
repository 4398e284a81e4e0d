package shapeprop.nn;

/**
 * Training produced NaN or ∞: the step, the layer where the numbers first went bad, and what usually causes it.
 * Continuing would only spread NaN through every parameter, so training stops here. Also thrown when a learning rate
 * that large leaves the numbers finite but a hidden layer saturated (its g' is 0 for the whole batch) and the loss far
 * above the first step's: continuing would only report a poor accuracy, and nothing learns any more.
 */
public class TrainingDivergedException extends ArithmeticException {

    private static final long serialVersionUID = 1L;

    private final long step;
    private final int layer;

    public TrainingDivergedException(long step, int layer, String message) {
        super(message);
        this.step = step;
        this.layer = layer;
    }

    /** The training step (1-based count of forward/backward passes since the network was built). */
    public long step() {
        return step;
    }

    /**
     * The first layer (from 1) whose parameters or outputs are not finite (the output layer when only the loss
     * overflowed), or the hidden layer that saturated.
     */
    public int layer() {
        return layer;
    }
}
