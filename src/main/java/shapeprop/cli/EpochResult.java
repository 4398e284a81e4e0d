package shapeprop.cli;

import shapeprop.matrix.Dot;

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
 * @param warmUpSeconds  of {@code seconds}, the time the first products spent warming up the matrix kernels
 *                       ({@link Dot#warmUpSeconds()}: once per run, so only in the first line)
 */
public record EpochResult(int epoch, double loss, double trainAccuracy, double testAccuracy, double seconds,
        double cpuSeconds, double warmUpSeconds) {

    /** A line without warm-up. */
    public EpochResult(int epoch, double loss, double trainAccuracy, double testAccuracy, double seconds,
                       double cpuSeconds) {
        this(epoch, loss, trainAccuracy, testAccuracy, seconds, cpuSeconds, 0);
    }

    /**
     * {@code epoch   1  loss 0.3482  train 89.65%  test 94.09%  1.23 s}, and when the line's time includes the
     * kernels' warm-up, {@code (0.41 s of it warming up the matrix kernels, once per run)}.
     */
    @Override
    public String toString() {
        // a diverging loss in scientific notation, not as a 300-digit number
        String lossFormat = Math.abs(loss) < 1e5 ? "%.4f" : "%.4e";
        return String.format(Locale.ROOT, "epoch %4d  loss " + lossFormat + "  train %6.2f%%  test %s  %.2f s", epoch,
                loss,
                100 * trainAccuracy, Double.isNaN(testAccuracy) ? "     -" : String.format(Locale.ROOT, "%6.2f%%",
                        100 * testAccuracy), seconds)
                + (warmUpSeconds >= 0.005 ? String.format(Locale.ROOT,
                "  (%.2f s of it warming up the matrix kernels, once per run)", warmUpSeconds) : "");
    }
}
