package shapeprop.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

    /** Like scikit-learn's train_test_split, a split that would leave a part empty is refused, not returned. */
    @Test
    void aSplitThatWouldLeaveAPartEmptyNamesTheSizesAndTheFractionsThatWork() {
        IllegalArgumentException noTraining = assertThrows(IllegalArgumentException.class,
                () -> numbered(10).split(0.95, 1));
        assertEquals("split: testFraction 0.95 of 10 samples gives 10 test and 0 training samples, but each part needs"
                + " at least 1. Give a testFraction from 0.1 to 0.9 for 10 samples (1 to 9 test samples).",
                noTraining.getMessage());
        IllegalArgumentException noTest = assertThrows(IllegalArgumentException.class,
                () -> numbered(3).split(0.1, 1));
        assertEquals("split: testFraction 0.1 of 3 samples gives 0 test and 3 training samples, but each part needs"
                + " at least 1. Give a testFraction from 0.4 to 0.6 for 3 samples (1 to 2 test samples).",
                noTest.getMessage());
        IllegalArgumentException one = assertThrows(IllegalArgumentException.class, () -> numbered(1).split(0.5, 1));
        assertEquals("split: numbered has 1 sample; a split into a training and a test part needs at least 2. Split a"
                + " larger dataset.", one.getMessage());
        IllegalArgumentException whole = assertThrows(IllegalArgumentException.class, () -> numbered(10).split(1, 1));
        assertEquals("split: testFraction is 1.0; give a fraction between 0 and 1 (exclusive), e.g. 0.2 for 20% test"
                + " samples.", whole.getMessage());
    }

    /** The bounds the message gives really split every size into two non-empty parts; just outside them does not. */
    @Test
    void theFractionsASplitErrorSuggestsWorkForEverySize() {
        for (int m : new int[] {2, 3, 7, 10, 99, 100, 101, 1000, 60_000}) {
            Dataset data = Dataset.of("m", Matrix.zeros(m, 1), new int[m], 1);
            String message = assertThrows(IllegalArgumentException.class, () -> data.split(0.5 / m - 1e-9, 0))
                    .getMessage();
            String[] bounds = message.replaceAll(".*testFraction from (\\S+) to (\\S+) for.*", "$1 $2").split(" ");
            Split low = data.split(Double.parseDouble(bounds[0]), 0);
            Split high = data.split(Double.parseDouble(bounds[1]), 0);
            assertEquals(List.of(m - 1, 1, 1, m - 1), List.of(low.train().size(), low.test().size(),
                    high.train().size(), high.test().size()), message);
        }
    }

    @Test
    void headTakeSliceAndLabelRefuseOutOfRangeNumbersWithTheRange() {
        Dataset data = numbered(10);
        assertEquals("head: n is -1; give 0 or more (head(64) is the first 64 samples, and more than the 10 there are"
                + " gives all of them). For all but the last sample, as pandas' head(-1) does, use slice(0, size() - 1).",
                assertThrows(IllegalArgumentException.class, () -> data.head(-1)).getMessage());
        assertEquals(10, data.head(64).size());
        assertEquals("take: index[1] is 10 but numbered has 10 samples, numbered 0 to 9; give a sample number in that"
                + " range.", assertThrows(IllegalArgumentException.class, () -> data.take(new int[] {3, 10}))
                        .getMessage());
        assertEquals("take: index[0] is -1 but numbered has 10 samples, numbered 0 to 9; give a sample number in that"
                + " range (no negative indices from the end, as in numpy: use size() - 1).",
                assertThrows(IllegalArgumentException.class, () -> data.take(new int[] {-1})).getMessage());
        assertEquals("take: index is null; pass the positions of the samples to take, e.g. new int[] {0, 1, 2}.",
                assertThrows(IllegalArgumentException.class, () -> data.take(null)).getMessage());
        assertEquals("label: i is 10 but numbered has 10 samples, numbered 0 to 9; give a sample number in that range.",
                assertThrows(IllegalArgumentException.class, () -> data.label(10)).getMessage());
        assertEquals("slice(5, 20): numbered has 10 samples, so from and to must satisfy 0 <= from <= to <= 10; e.g."
                + " slice(0, 10) for the first 10.", assertThrows(IllegalArgumentException.class,
                        () -> data.slice(5, 20)).getMessage());
    }

    @Test
    void datasetOfNullSaysWhichArgumentAndWhatToPass() {
        assertEquals("Dataset.of: labels is null; pass one label per sample: an int[5] for the 5 rows of (5, 2).",
                assertThrows(IllegalArgumentException.class, () -> Dataset.of("d", Matrix.zeros(5, 2), null, 2))
                        .getMessage());
        assertEquals("Dataset.of: featureRows is null; pass the features as a matrix with one sample per row,"
                + " (m, features).", assertThrows(IllegalArgumentException.class,
                        () -> Dataset.of("d", null, new int[] {0, 1}, 2)).getMessage());
        assertEquals("Dataset.of: name is null; give the dataset a name for printing and error messages, e.g."
                + " \"moons\".", assertThrows(IllegalArgumentException.class,
                        () -> Dataset.of(null, Matrix.zeros(2, 2), new int[] {0, 1}, 2)).getMessage());
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
        // no samples, no accuracy: 0.0 would read as every prediction wrong
        assertEquals("accuracy: numbered has no samples, so it has no accuracy; measure it on a dataset with samples"
                + " (check the slice or split that made this one).", assertThrows(IllegalArgumentException.class,
                        () -> numbered(4).slice(2, 2).accuracy(new int[0])).getMessage());
    }

    @Test
    void decodingScoresWithNoClassesSaysWhatToPass() {
        assertEquals("OneHot.decode: scores is (3, 0), which has no class scores (no columns) for samples as rows;"
                + " pass the output layer's values, one column per class (or one for a sigmoid output).",
                assertThrows(IllegalArgumentException.class, () -> OneHot.decode(Matrix.zeros(3, 0), Samples.ROWS))
                        .getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> OneHot.decode(Matrix.zeros(0, 3),
                Samples.COLUMNS)).getMessage().endsWith("one row per class (or one for a sigmoid output)."));
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

    @Test
    void aNullArgumentSaysWhatToPass() {
        Dataset data = numbered(5);
        assertEquals("Dataset.x: samples is null; pass Samples.ROWS (X is (m, features), one sample per row) or"
                + " Samples.COLUMNS (X is (features, m), one sample per column).",
                assertThrows(NullPointerException.class, () -> data.x(null)).getMessage());
        assertTrue(assertThrows(NullPointerException.class, () -> data.y(null)).getMessage()
                .startsWith("Dataset.y: samples is null; pass Samples.ROWS"));
        assertTrue(assertThrows(NullPointerException.class, () -> data.oneHot(null)).getMessage()
                .startsWith("Dataset.oneHot: samples is null;"));
        assertEquals("accuracy: predicted is null; pass the class of every sample of numbered, e.g."
                + " network.predict(X).", assertThrows(NullPointerException.class, () -> data.accuracy(null))
                .getMessage());
        assertEquals("OneHot.encode: labels is null; pass the class of every sample, e.g. dataset.labels().",
                assertThrows(NullPointerException.class, () -> OneHot.encode(null, 3, Samples.ROWS)).getMessage());
        assertTrue(assertThrows(NullPointerException.class, () -> OneHot.encode(new int[] {0}, 3, null))
                .getMessage().startsWith("OneHot.encode: samples is null;"));
        assertEquals("Mnist.load: dir is null; pass the folder of the four IDX files, e.g. Path.of(\"data/mnist\"),"
                + " or call Mnist.load() to use the cache.",
                assertThrows(NullPointerException.class, () -> Mnist.load((java.nio.file.Path) null)).getMessage());
    }

    @Test
    void aDatasetOfOneSampleOrOneClassPrintsInTheSingular() {
        assertEquals("numbered: 1 sample × 2 features, 3 classes", numbered(1).toString());
        assertEquals("d: 2 samples × 1 feature, 1 class",
                Dataset.of("d", Matrix.zeros(2, 1), new int[] {0, 0}, 1).toString());
        assertEquals("1 batch of 64 from numbered: 10 samples × 2 features, 3 classes, shuffled",
                numbered(10).batches(64, new SplittableRandom(0)).toString());
    }

    /** A batch size past the dataset's size, even Integer.MAX_VALUE for "all of it", is one batch of everything. */
    @Test
    void aBatchSizeLargerThanTheDatasetGivesOneBatchAndSaysSo() {
        for (int batchSize : new int[] {11, 1 << 30, Integer.MAX_VALUE}) {
            Batches batches = numbered(10).batches(batchSize);
            List<Integer> sizes = new ArrayList<>();
            for (Dataset batch : batches) {
                sizes.add(batch.size());
            }
            assertEquals(List.of(10), sizes);
            assertEquals(1, batches.count(), "batch size " + batchSize);
            assertEquals("1 batch of " + batchSize + " from numbered: 10 samples × 2 features, 3 classes",
                    batches.toString());
        }
    }

    @Test
    void shuffledBatchesWithoutAGeneratorSayWhatToPass() {
        assertEquals("batches: rng is null; pass a random generator, e.g. new SplittableRandom(0), and the same one"
                + " every epoch for a new order each epoch; or call batches(64) for batches in order.",
                assertThrows(NullPointerException.class, () -> numbered(5).batches(64, null)).getMessage());
    }

    @Test
    void renamingToNullIsRefusedLikeDatasetOf() {
        assertEquals("renamed: newName is null; give the dataset a name for printing and error messages, e.g."
                + " \"moons train\".", assertThrows(IllegalArgumentException.class,
                        () -> numbered(5).renamed(null)).getMessage());
    }

    @Test
    void oneHotOfNoClassesSaysHowManyClassesToGive() {
        assertEquals("OneHot.encode: classes is 0; give the number of classes, at least 1 and more than the largest"
                + " label (2 here), e.g. 3.", assertThrows(IllegalArgumentException.class,
                        () -> OneHot.encode(new int[] {0, 2}, 0, Samples.ROWS)).getMessage());
        assertEquals("OneHot.encode: classes is -2; give the number of classes, at least 1, e.g. 10 for digits.",
                assertThrows(IllegalArgumentException.class, () -> OneHot.encode(new int[0], -2, Samples.COLUMNS))
                        .getMessage());
    }

    /** Labels of -1 and +1, as some textbooks use, are not fixed by another class count: say how to map them. */
    @Test
    void aNegativeLabelSaysClassesCountFromZero() {
        assertEquals("OneHot.encode: label -1 at sample 0 is negative; classes are numbered 0 to 1 here. For -1/+1"
                + " labels, map -1 to 0 and +1 to 1 first.", assertThrows(IllegalArgumentException.class,
                        () -> OneHot.encode(new int[] {-1, 1}, 2, Samples.ROWS)).getMessage());
        assertEquals("Dataset.of: label -1 of sample 0 is negative; classes are numbered 0 to 1 here. For -1/+1"
                + " labels, map -1 to 0 and +1 to 1 first.", assertThrows(IllegalArgumentException.class,
                        () -> Dataset.of("d", Matrix.zeros(2, 2), new int[] {-1, 1}, 2)).getMessage());
    }

    @Test
    void aSplitOfANullPartSaysWhichPartAndHowToMakeOne() {
        Dataset data = numbered(10);
        assertEquals("Split: train is null; pass the training samples, e.g. new Split(data.slice(0, 8), data.slice(8,"
                + " 10)), or let data.split(0.2, seed) make both parts.", assertThrows(IllegalArgumentException.class,
                        () -> new Split(null, data)).getMessage());
        assertEquals("Split: test is null; pass the held-out test samples, e.g. new Split(data.slice(0, 8),"
                + " data.slice(8, 10)), or let data.split(0.2, seed) make both parts.",
                assertThrows(IllegalArgumentException.class, () -> new Split(data, null)).getMessage());
    }
}
