package shapeprop.data;

/**
 * A dataset split in two: the samples to train on and the samples held out to measure accuracy.
 *
 * @param train the training samples
 * @param test the held-out test samples
 */
public record Split(Dataset train, Dataset test) {

    /** Both parts are given: a split with a null part would fail only later, far from here. */
    public Split {
        String example = " e.g. new Split(data.slice(0, 8), data.slice(8, 10)), or let data.split(0.2, seed) make both"
                + " parts.";
        if (train == null) {
            throw new IllegalArgumentException("Split: train is null; pass the training samples," + example);
        }
        if (test == null) {
            throw new IllegalArgumentException("Split: test is null; pass the held-out test samples," + example);
        }
    }

    @Override
    public String toString() {
        return "Split[train " + train + "; test " + test + "]";
    }
}
