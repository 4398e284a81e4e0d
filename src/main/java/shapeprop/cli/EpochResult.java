package shapeprop.cli;

import java.util.Locale;
import shapeprop.matrix.Dot;
import shapeprop.nn.History;

/**
 * What one epoch of training did.
 *
 * @param epoch          1-based epoch (with a full batch, the step)
 * @param loss           mean loss over the epoch's samples, as the steps saw them
 * @param trainAccuracy  fraction of training samples the network classified right as it met them
 * @param testAccuracy   accuracy on the test samples after the epoch (NaN when not measured)
 * @param seconds        time of the training loop only (batches, forward, backward, update) since the previous
 *                       reported epoch
 * @param cpuSeconds     CPU time the whole process used in those loops (every thread, JIT and GC included):
 *                       on a busy machine it measures the work where wall time also measures the waiting
 * @param warmUpSeconds  of {@code seconds}, the time the first products spent warming up the matrix kernels
 *                       ({@link Dot#warmUpSeconds()}: once per run, so only in the first line)
 * @param spike          full batch only: the highest the loss jumped since the previous reported epoch, or null
 */
public record EpochResult(int epoch, double loss, double trainAccuracy, double testAccuracy, double seconds,
        double cpuSeconds, double warmUpSeconds, Spike spike) {

    /**
     * A step whose loss rose from the step before, to well above the lowest loss before it. With the full batch every step sees the same
     * samples, so the rise is gradient descent overshooting, not a harder batch.
     *
     * @param step     the step (= epoch) where the loss peaked
     * @param loss     its loss
     * @param lowStep  the step of the lowest loss before it
     * @param lowLoss  that lowest loss
     */
    public record Spike(int step, double loss, int lowStep, double lowLoss) {

        /** A loss at least this many times the lowest before it is a spike. */
        static final double RISE = 1.25;

        @Override
        public String toString() {
            return "the loss jumped to " + History.number(loss) + " at step " + step + "; it was " + History.number(
                    lowLoss) + " at step " + lowStep;
        }
    }

    /** A line without a spike. */
    public EpochResult(int epoch, double loss, double trainAccuracy, double testAccuracy, double seconds,
                       double cpuSeconds, double warmUpSeconds) {
        this(epoch, loss, trainAccuracy, testAccuracy, seconds, cpuSeconds, warmUpSeconds, null);
    }

    /** A line without warm-up or spike. */
    public EpochResult(int epoch, double loss, double trainAccuracy, double testAccuracy, double seconds,
                       double cpuSeconds) {
        this(epoch, loss, trainAccuracy, testAccuracy, seconds, cpuSeconds, 0);
    }

    /**
     * {@code epoch   1  loss 0.3482  train 89.65%  test 94.09%  1.23 s}, and when the line's time includes the
     * kernels' warm-up, {@code (0.41 s of it warming up the matrix kernels, once per run)}; after a spike,
     * {@code (the loss jumped to 0.6366 at step 1995; it was 0.0795 at step 1976)}.
     */
    @Override
    public String toString() {
        return line(4);
    }

    /**
     * {@link #toString}, with the epoch number right-aligned in {@code digits} places: the lines of a run line up when
     * every one has as many places as its last epoch's number ({@code epoch  1000}, {@code epoch 10000}).
     */
    public String line(int digits) {
        // a diverging loss in scientific notation, not as a 300-digit number
        String lossFormat = Math.abs(loss) < 1e5 ? "%.4f" : "%.4e";
        return String.format(Locale.ROOT, "epoch %" + Math.max(1, digits) + "d  loss " + lossFormat
                        + "  train %6.2f%%  test %s  %.2f s", epoch,
                loss,
                100 * trainAccuracy, Double.isNaN(testAccuracy) ? "     -" : String.format(Locale.ROOT, "%6.2f%%",
                        100 * testAccuracy), seconds)
                + (warmUpSeconds >= 0.005 ? String.format(Locale.ROOT,
                "  (%.2f s of it warming up the matrix kernels, once per run)", warmUpSeconds) : "")
                + (spike == null ? "" : "  (" + spike + ")");
    }
}
