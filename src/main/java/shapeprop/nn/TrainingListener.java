package shapeprop.nn;

import java.util.function.Consumer;

/** Hears training as it happens, e.g. to move a progress bar or plot the loss live. */
public interface TrainingListener {

    /** After each step (mini-batch): its epoch (from 1), the step count so far (from 1) and the batch loss. */
    default void onStep(int epoch, int step, double loss) {
    }

    /** After each epoch. */
    default void onEpoch(History.Entry entry) {
    }

    /**
     * When fit ends, however it ends: {@code stoppedBy} is null after the last epoch, else what fit is about to throw
     * (a {@link TrainingInterruptedException}, a {@link TrainingDivergedException}, an OutOfMemoryError, …);
     * {@code history} holds the finished epochs either way.
     */
    default void onEnd(History history, Throwable stoppedBy) {
    }

    /** A listener that only hears epochs. */
    static TrainingListener everyEpoch(Consumer<History.Entry> action) {
        return new TrainingListener() {
            @Override
            public void onEpoch(History.Entry entry) {
                action.accept(entry);
            }
        };
    }
}
