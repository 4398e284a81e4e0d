package shapeprop.cli;

import java.util.Locale;

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
 */
public record EpochResult(int epoch, double loss, double trainAccuracy, double testAccuracy, double seconds,
        double cpuSeconds) {

    /** {@code epoch   1  loss 0.3482  train 89.65%  test 94.09%  1.23 s}. */
    @Override
    public String toString() {
        // a diverging loss in scientific notation, not as a 300-digit number
        String lossFormat = Math.abs(loss) < 1e5 ? "%.4f" : "%.4e";
        return String.format(Locale.ROOT, "epoch %4d  loss " + lossFormat + "  train %6.2f%%  test %s  %.2f s", epoch,
                loss,
                100 * trainAccuracy, Double.isNaN(testAccuracy) ? "     -" : String.format(Locale.ROOT, "%6.2f%%",
                        100 * testAccuracy), seconds);
    }
}
