package shapeprop.data;

/**
 * A dataset split in two: the samples to train on and the samples held out to measure accuracy.
 *
 * @param train the training samples
 * @param test the held-out test samples
 */
public record Split(Dataset train, Dataset test) {

    @Override
    public String toString() {
        return "Split[train " + train + "; test " + test + "]";
    }
}
