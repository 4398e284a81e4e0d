package shapeprop.nn;

import java.util.concurrent.CancellationException;

/**
 * {@link Network#fit} was interrupted (the kernel's interrupt button, or {@code Future.cancel(true)}): training
 * stopped between two steps, so the network keeps the weights of the last whole step, and {@link #history()}
 * holds the epochs finished before it.
 */
public class TrainingInterruptedException extends CancellationException {

    private static final long serialVersionUID = 1L;

    private final int epoch;
    private final long step;
    private final transient History history;

    public TrainingInterruptedException(int epoch, long step, History history, String message) {
        super(message);
        this.epoch = epoch;
        this.step = step;
        this.history = history;
    }

    /** The epoch (from 1) that was interrupted; the ones before it are in {@link #history()}. */
    public int epoch() {
        return epoch;
    }

    /** Steps taken by this call of fit before it stopped. */
    public long step() {
        return step;
    }

    /** The finished epochs, as fit would have returned them. */
    public History history() {
        return history;
    }
}
