package shapeprop.nn;

import java.util.List;
import shapeprop.matrix.Matrix;
import shapeprop.matrix.NoCopy;

/**
 * A learning rate so large that training stalls without a NaN. Each update overshoots, the weights grow, and a hidden
 * layer's tanh or sigmoid units end up at their limits (relu units at 0) for nearly every sample, where the
 * activation's derivative g' ≈ 0: dZ = dA ⊙ g'(Z) ≈ 0 there, almost no gradient reaches that layer's weights and the
 * layers below, and the loss stays far above where it started. Without this watch, fit would end with a finite loss
 * and a poor accuracy, saying nothing.
 *
 * <p>It costs a training step one comparison: its loss against 10× the first step's. Only a loss that much worse has
 * the hidden layers looked at; a layer counts as saturated when g' &lt; 1e-6 for 95% of its outputs, and only a layer
 * found saturated twice, the second time at least as many steps later as the first (not a spike the run recovers
 * from), stops training. Looks that find nothing come ever further apart (at twice the step count), so a run whose
 * loss stays high costs a few looks, not one a step.
 */
final class Saturation {

    /** A step's loss this many times the first step's has the hidden layers looked at. */
    static final double GROWTH = 10;

    /** The share of a layer's outputs at the activation's limits (g' below {@link #FLAT}) that counts as saturated. */
    static final double SATURATED = 0.95;

    /** g' below this: the unit passes on less than a millionth of the gradient that reaches it. */
    static final double FLAT = 1e-6;

    private double firstLoss = Double.NaN;
    /** The first step whose loss may have the layers looked at again. */
    private long nextLook;
    /** The step a layer was found saturated at, or 0. */
    private long suspectedAt;

    /**
     * Whether this step's loss calls for a look at the layers ({@link #diagnose}); the first call records the loss
     * that later ones compare with.
     */
    boolean suspects(long step, double loss) {
        if (Double.isNaN(firstLoss)) {
            firstLoss = loss;
            return false;
        }
        return loss > GROWTH * firstLoss && step >= nextLook;
    }

    /**
     * Looks at the hidden layers' outputs {@code A[1..L-1]} of the batch whose loss {@link #suspects} found too
     * high: returns the exception that stops training when one is saturated for the second time, else null.
     */
    TrainingDivergedException diagnose(long step, double loss, double learningRate, List<Dense> layers, Matrix[] A) {
        nextLook = 2 * step;
        // from the output down: a saturated layer starves every layer below it too
        for (int l = layers.size() - 1; l >= 1; l--) {
            Activation g = layers.get(l - 1).activation();
            if (g != Activation.SIGMOID && g != Activation.TANH && g != Activation.RELU) {
                continue; // leaky relu and identity pass gradients everywhere; softmax is an output
            }
            double share = flatShare(g, NoCopy.array(A[l]));
            if (share < SATURATED) {
                continue;
            }
            if (suspectedAt == 0) {
                suspectedAt = step;
                return null;
            }
            String starved = l == 1 ? "W1 and b1 get" : "W" + l + ", b" + l + " and the layers below get";
            return new TrainingDivergedException(step, l, "Training diverged at step " + step + ": the loss grew from "
                    + History.number(firstLoss) + " at the first step to " + History.number(loss) + ", and layer " + l
                    + " " + layers.get(l - 1) + " is " + limits(g, share) + " for this batch, as at step "
                    + suspectedAt + ". There " + g.symbol() + "' < 1e-6, so dZ" + l + " = dA" + l + " ⊙ " + g.symbol()
                    + "'(Z" + l + ") ≈ 0 and " + starved + " almost no gradient: training is stuck. The learning rate "
                    + Numbers.format(learningRate) + " is too large: each update overshoots and the weights grow until "
                    + "the units saturate. Build the network again and train with learning rate "
                    + Numbers.format(learningRate / 10) + " (10× smaller).");
        }
        suspectedAt = 0;
        return null;
    }

    /** The share of outputs {@code a} where g' is below {@link #FLAT}, from g' written with the output. */
    private static double flatShare(Activation g, double[] a) {
        int flat = 0;
        for (double v : a) {
            if (g.slope(v, v) < FLAT) {
                flat++;
            }
        }
        return a.length == 0 ? 0 : (double) flat / a.length;
    }

    /** "saturated: 100% of its outputs are at tanh's limits ±1", or relu's "dead: …". */
    private static String limits(Activation g, double share) {
        String percent = (int) Math.floor(share * 100) + "% of its outputs";
        switch (g) {
            case TANH:
                return "saturated: " + percent + " are at tanh's limits ±1";
            case SIGMOID:
                return "saturated: " + percent + " are at σ's limits 0 and 1";
            default:
                return "dead: " + percent + " are 0";
        }
    }
}
