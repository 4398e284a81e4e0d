package shapeprop.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import shapeprop.matrix.Matrix;

class DatasetTest {

    /** Sample i has features (i, 10·i) and label i mod 3, so every batch can be checked by hand. */
    private static Dataset numbered(int m) {
        int[] labels = new int[m];
        for (int i = 0; i < m; i++) {
            labels[i] = i % 3;
        }
        return Dataset.of("numbered", Matrix.fromFunction(m, 2, (i, j) -> j == 0 ? i : 10 * i), labels, 3);
    }

    @Test
    void batchesKeepTheLastPartialBatch() {
        Batches batches = numbered(250).batches(64);
        List<Integer> sizes = new ArrayList<>();
        for (Dataset batch : batches) {
            sizes.add(batch.size());
        }
        assertEquals(List.of(64, 64, 64, 58), sizes);
        assertEquals(4, batches.count());
        assertEquals("4 batches of 64 from numbered: 250 samples × 2 features, 3 classes", batches.toString());
    }

    @Test
    void shuffledBatchesVisitEverySampleOnceWithItsOwnLabel() {
        Dataset data = numbered(250);
        SplittableRandom rng = new SplittableRandom(5);
        int[] seen = new int[250];
        List<Integer> order = new ArrayList<>();
        for (Dataset batch : data.batches(64, rng)) {
            Matrix x = batch.x(Samples.ROWS);
            for (int i = 0; i < batch.size(); i++) {
                int sample = (int) x.get(i, 0);
                assertEquals(10.0 * sample, x.get(i, 1));
                assertEquals(sample % 3, batch.label(i));
                seen[sample]++;
                order.add(sample);
            }
        }
        int[] once = new int[250];
        Arrays.fill(once, 1);
        assertArrayEquals(once, seen);
        assertNotEquals(0, order.get(0) + order.get(1) - 1, "the order should be shuffled");
    }

    @Test
    void eachEpochDrawsANewOrderAndTheSameSeedRepeatsThem() {
        Dataset data = numbered(100);
        SplittableRandom a = new SplittableRandom(9);
        SplittableRandom b = new SplittableRandom(9);
        Matrix first = data.batches(100, a).iterator().next().x(Samples.ROWS);
        Matrix second = data.batches(100, a).iterator().next().x(Samples.ROWS);
        assertNotEquals(first, second);
        assertEquals(first, data.batches(100, b).iterator().next().x(Samples.ROWS));
    }

    @Test
    void batchesComeInTheLayoutTheNetworkUses() {
        Dataset batch = numbered(10).batches(4).iterator().next();
        assertEquals("(2, 4)", batch.x(Samples.COLUMNS).shape().toString());
        assertEquals("(3, 4)", batch.oneHot(Samples.COLUMNS).shape().toString());
        assertEquals("(4, 3)", batch.oneHot(Samples.ROWS).shape().toString());
        assertEquals(Matrix.of(3, 4, 1, 0, 0, 1, 0, 1, 0, 0, 0, 0, 1, 0), batch.oneHot(Samples.COLUMNS));
    }

    @Test
    void splitHoldsOutTheRequestedFractionWithoutLosingSamples() {
        Split split = numbered(100).split(0.2, 1);
        assertEquals(80, split.train().size());
        assertEquals(20, split.test().size());
        double total = split.train().x(Samples.ROWS).sliceCols(0, 1).sum() + split.test().x(Samples.ROWS).sliceCols(0, 1).sum();
        assertEquals(99 * 100 / 2.0, total);
        assertEquals("numbered train", split.train().name());
        assertEquals(numbered(100).split(0.2, 1).test().x(Samples.ROWS), split.test().x(Samples.ROWS));
    }

    @Test
    void shuffleIsSeeded() {
        assertEquals(numbered(50).shuffle(3).x(Samples.ROWS), numbered(50).shuffle(3).x(Samples.ROWS));
        assertNotEquals(numbered(50).shuffle(3).x(Samples.ROWS), numbered(50).shuffle(4).x(Samples.ROWS));
    }

    @Test
    void oneHotRoundTripsThroughArgmax() {
        int[] labels = {2, 0, 1, 2};
        assertArrayEquals(labels, OneHot.decode(OneHot.encode(labels, 3, Samples.COLUMNS), Samples.COLUMNS));
        assertArrayEquals(labels, OneHot.decode(OneHot.encode(labels, 3, Samples.ROWS), Samples.ROWS));
        // a single sigmoid output is class 1 from 0.5 up
        assertArrayEquals(new int[] {0, 1, 1}, OneHot.decode(Matrix.row(0.2, 0.5, 0.9), Samples.COLUMNS));
    }

    @Test
    void accuracyCountsTheRightPredictions() {
        assertEquals(0.5, numbered(4).accuracy(new int[] {0, 1, 0, 1}));
    }

    @Test
    void mistakesNameTheProblemAndTheFix() {
        IllegalArgumentException labels = assertThrows(IllegalArgumentException.class,
                () -> Dataset.of("d", Matrix.zeros(2, 5), new int[] {0, 1, 0, 1, 0}, 2));
        assertEquals("Dataset.of: (2, 5) holds 2 samples (one per row) but there are 5 labels; give one label per"
                + " sample (if your samples are columns, pass X.T()).", labels.getMessage());
        IllegalArgumentException batch = assertThrows(IllegalArgumentException.class, () -> numbered(5).batches(0));
        assertEquals("batches: batch size is 0; give at least 1 (64 is common; the full dataset size gives full-batch"
                + " training).", batch.getMessage());
        IllegalArgumentException oneHot = assertThrows(IllegalArgumentException.class,
                () -> OneHot.encode(new int[] {0, 10}, 10, Samples.ROWS));
        assertEquals("OneHot.encode: label 10 at sample 1 is outside 0..9; pass the number of classes the labels"
                + " come from.", oneHot.getMessage());
    }
}
