package shapeprop.data;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.random.RandomGenerator;

/**
 * One epoch of mini-batches: {@code ceil(m / batchSize)} datasets, each {@code batchSize} samples except the
 * last, which keeps the remainder (60,000 digits in batches of 64 give 937 full batches and one of 32).
 * Batches are cut lazily while iterating, so an epoch never copies the whole dataset at once.
 */
public final class Batches implements Iterable<Dataset> {

    private final Dataset data;
    private final int batchSize;
    private final int[] order;

    Batches(Dataset data, int batchSize, RandomGenerator rng) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batches: batch size is " + batchSize
                    + "; give at least 1 (64 is common; the full dataset size gives full-batch training).");
        }
        this.data = data;
        this.batchSize = batchSize;
        this.order = rng == null ? null : Dataset.permutation(data.size(), rng);
    }

    /** Number of batches in the epoch. */
    public int count() {
        // ceil(m / batchSize), in long: m + batchSize - 1 overflows an int for a batch size near Integer.MAX_VALUE
        return (int) (((long) data.size() + batchSize - 1) / batchSize);
    }

    /** The size of a full batch. */
    public int batchSize() {
        return batchSize;
    }

    @Override
    public Iterator<Dataset> iterator() {
        return new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < data.size();
            }

            @Override
            public Dataset next() {
                if (!hasNext()) {
                    throw new NoSuchElementException("no more batches: the epoch has " + count() + ".");
                }
                int end = (int) Math.min((long) next + batchSize, data.size());
                Dataset batch;
                if (order == null) {
                    batch = data.slice(next, end);
                } else {
                    batch = data.take(java.util.Arrays.copyOfRange(order, next, end));
                }
                next = end;
                return batch;
            }
        };
    }

    @Override
    public String toString() {
        return Dataset.count(count(), "batch", "batches") + " of " + batchSize + " from " + data
                + (order == null ? "" : ", shuffled");
    }
}
