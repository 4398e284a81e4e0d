package shapeprop.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import shapeprop.matrix.Matrix;
import shapeprop.matrix.ShapeException;

/** Training with fit: seeded mini-batches, a history per epoch, live callbacks, and a stop on NaN. */
class TrainingTest {

    /** Two Gaussian blobs, 0 around (−1, −1) and 1 around (1, 1), as rows (m, 2) with labels (m, 1). */
    private static Matrix[] blobs(int m, long seed) {
        Random rng = new Random(seed);
        double[][] x = new double[m][2];
        double[][] y = new double[m][1];
        for (int i = 0; i < m; i++) {
            int label = i % 2;
            double center = label == 1 ? 1 : -1;
            x[i][0] = center + 0.5 * rng.nextGaussian();
            x[i][1] = center + 0.5 * rng.nextGaussian();
            y[i][0] = label;
        }
        return new Matrix[] {Matrix.of(x), Matrix.of(y)};
    }

    private static Network classifier(Layout layout) {
        return Network.builder(2).dense(8, Activation.TANH).dense(1, Activation.SIGMOID)
                .loss(Loss.BINARY_CROSS_ENTROPY).layout(layout).seed(3).build();
    }

    @Test
    void fitRecordsOneEntryPerEpochAndTellsTheListenerEveryStep() {
        Matrix[] data = blobs(100, 1);
        Matrix[] test = blobs(50, 2);
        Network net = classifier(Layout.ROWS);
        List<String> heard = new ArrayList<>();
        TrainingListener listener = new TrainingListener() {
            @Override
            public void onStep(int epoch, int step, double loss) {
                heard.add("step " + epoch + "/" + step);
            }

            @Override
            public void onEpoch(History.Entry entry) {
                heard.add("epoch " + entry.epoch());
            }
        };

        History history = net.fit(data[0], data[1], test[0], test[1], 3, 32, 0.5, 7, listener);

        // 100 samples in batches of 32: 4 steps per epoch (32, 32, 32, 4)
        assertEquals(List.of("step 1/1", "step 1/2", "step 1/3", "step 1/4", "epoch 1",
                "step 2/5", "step 2/6", "step 2/7", "step 2/8", "epoch 2",
                "step 3/9", "step 3/10", "step 3/11", "step 3/12", "epoch 3"), heard);
        assertEquals(3, history.entries().size());
        History.Entry last = history.last();
        assertEquals(12, last.step());
        assertEquals(12, net.steps());
        assertEquals(List.of("W1", "b1", "W2", "b2"), List.copyOf(last.gradientNorms().keySet()));
        assertTrue(last.testAccuracy() > 0.9, last.toString());
        assertTrue(last.trainAccuracy() > 0.9, last.toString());
        assertTrue(last.loss() < history.entries().get(0).loss(), history.toString());
        String printed = history.toString();
        assertTrue(printed.startsWith("epoch  step  loss    train    test     ‖dW1‖     ‖db1‖     ‖dW2‖     ‖db2‖"
                + "     seconds\n1      4     "), printed);
        assertEquals(4, printed.lines().count());
    }

    @Test
    void theSameSeedGivesTheSameTrainingInBothLayouts() {
        Matrix[] data = blobs(60, 4);
        Network rows = classifier(Layout.ROWS);
        Network columns = classifier(Layout.ROWS).withLayout(Layout.COLUMNS);

        History a = rows.fit(data[0], data[1], 2, 16, 0.3, 11, null);
        History b = columns.fit(data[0].T(), data[1].T(), 2, 16, 0.3, 11, null);

        assertEquals(a.last().loss(), b.last().loss(), 1e-12);
        assertTrue(rows.parameters().get("W1").allclose(columns.parameters().get("W1").T(), 1e-10, 1e-12));
        History c = classifier(Layout.ROWS).fit(data[0], data[1], 2, 16, 0.3, 12, null);
        assertNotEquals(a.last().loss(), c.last().loss(), "another seed shuffles other batches");
    }

    @Test
    void anInterruptEndsFitBetweenTwoStepsWithTheWeightsOfTheLastOne() {
        Matrix[] data = blobs(100, 1);
        Network net = classifier(Layout.ROWS);
        Map<String, Matrix> atStep6 = new LinkedHashMap<>();
        // the listener stands in for the kernel's interrupt button: during step 6 (epoch 2 of 4 steps each) it
        // notes the weights that step left and sets the thread's interrupt flag
        TrainingListener interruptAtStep6 = new TrainingListener() {
            @Override
            public void onStep(int epoch, int step, double loss) {
                if (step == 6) {
                    atStep6.putAll(net.parameters());
                    Thread.currentThread().interrupt();
                }
            }
        };
        TrainingInterruptedException stopped;
        try {
            stopped = assertThrows(TrainingInterruptedException.class,
                    () -> net.fit(data[0], data[1], 3, 32, 0.5, 7, interruptAtStep6));
            assertTrue(Thread.currentThread().isInterrupted(), "the interrupt stays set for the caller to see");
        } finally {
            Thread.interrupted();
        }

        assertEquals("fit: interrupted in epoch 2 of 3, after step 6. The network keeps the weights of that step; "
                + "the finished epochs are in this exception's history(). Call fit again to train on.",
                stopped.getMessage());
        assertEquals(2, stopped.epoch());
        assertEquals(6, stopped.step());
        assertEquals(1, stopped.history().entries().size(), "epoch 1 finished, epoch 2 did not");
        assertEquals(6, net.steps());
        for (Map.Entry<String, Matrix> p : net.parameters().entrySet()) {
            assertArrayEquals(atStep6.get(p.getKey()).toFlatArray(), p.getValue().toFlatArray(), p.getKey());
        }
        // and training goes on from there
        net.fit(data[0], data[1], 1, 32, 0.5, 7, null);
        assertEquals(10, net.steps());
    }

    @ParameterizedTest
    @EnumSource(Layout.class)
    void anInterruptBeforeTheFirstStepEndsFitWithAnEmptyHistoryAndTheNetworkUnchanged(Layout layout) {
        Matrix[] data = blobs(100, 1);
        Matrix X = layout == Layout.ROWS ? data[0] : data[0].T();
        Matrix Y = layout == Layout.ROWS ? data[1] : data[1].T();
        Network net = classifier(layout);
        Map<String, Matrix> before = net.parameters();
        TrainingInterruptedException stopped;
        try {
            // the interrupt button pressed while fit prepares its batches (for the columns layout a transposed
            // copy of X, which takes seconds for MNIST)
            Thread.currentThread().interrupt();
            stopped = assertThrows(TrainingInterruptedException.class, () -> net.fit(X, Y, 3, 32, 0.5, 7, null));
            assertTrue(Thread.currentThread().isInterrupted(), "the interrupt stays set for the caller to see");
        } finally {
            Thread.interrupted();
        }
        assertEquals("fit: interrupted in epoch 1 of 3, before its first step (while preparing the batches); the "
                + "network is unchanged; the finished epochs are in this exception's history(). Call fit again to "
                + "train on.", stopped.getMessage());
        assertEquals(1, stopped.epoch());
        assertEquals(0, stopped.step());
        assertTrue(stopped.history().entries().isEmpty());
        assertEquals(0, net.steps());
        before.forEach((name, value) -> assertEquals(value, net.parameters().get(name), name));
    }

    @Test
    void aForcedStopDuringAStepStillHandsTheCallerTheFinishedEpochs() {
        Matrix[] data = blobs(100, 1);
        Network net = classifier(Layout.ROWS);
        // JDK 17's JShell stops a cell that ignores its interrupt with Thread.stop: a ThreadDeath from anywhere,
        // here from the listener during step 6 (epoch 2 of 4 steps each)
        TrainingListener stopAtStep6 = new TrainingListener() {
            @Override
            @SuppressWarnings("removal")
            public void onStep(int epoch, int step, double loss) {
                if (step == 6) {
                    throw new ThreadDeath();
                }
            }
        };
        TrainingInterruptedException stopped = assertThrows(TrainingInterruptedException.class,
                () -> net.fit(data[0], data[1], 3, 32, 0.5, 7, stopAtStep6));
        assertEquals("fit: interrupted in epoch 2 of 3, after step 6. The network keeps the weights of that step; the "
                + "finished epochs are in this exception's history(). Call fit again to train on.",
                stopped.getMessage(), "the stop came after the step was done");
        assertEquals(1, stopped.history().entries().size());


    }

    @Test
    @SuppressWarnings({"deprecation", "removal"})
    void thread_stopDuringTrainingEndsFitWithTheFinishedEpochs() throws Exception {
        Assumptions.assumeTrue(Runtime.version().feature() < 20, "Thread.stop works up to JDK 19");
        Matrix[] data = blobs(100, 1);
        Network net = classifier(Layout.ROWS);
        CountDownLatch training = new CountDownLatch(1);
        AtomicReference<Throwable> ended = new AtomicReference<>();
        TrainingListener started = new TrainingListener() {
            @Override
            public void onStep(int epoch, int step, double loss) {
                if (step == 50) {
                    training.countDown();
                }
            }
        };
        Thread t = new Thread(() -> {
            try {
                net.fit(data[0], data[1], 1_000_000, 32, 0.01, 7, started);
            } catch (Throwable e) {
                ended.set(e);
            }
        });
        t.start();
        training.await();
        // what JDK 17's JShell does to a cell that ignores its interrupt: the ThreadDeath lands wherever fit is
        t.stop();
        t.join();
        TrainingInterruptedException stopped = assertInstanceOf(TrainingInterruptedException.class, ended.get());
        assertTrue(stopped.getMessage().startsWith("fit: stopped by force in epoch " + stopped.epoch() + " of "
                + "1000000, during step " + (stopped.step() + 1) + ": the network may hold that step's update")
                || stopped.getMessage().startsWith("fit: interrupted in epoch " + stopped.epoch() + " of 1000000, "
                + "after step " + stopped.step() + ". "), stopped.getMessage());
        assertEquals(stopped.epoch() - 1, stopped.history().entries().size(), "every finished epoch is kept");
    }

    @Test
    void theListenerHearsTheEndOfFitHoweverItComes() {
        Matrix[] data = blobs(100, 1);
        List<String> ends = new ArrayList<>();
        TrainingListener endings = new TrainingListener() {
            @Override
            public void onEnd(History history, Throwable stoppedBy) {
                ends.add(history.size() + " epochs, " + (stoppedBy == null ? "finished"
                        : stoppedBy.getClass().getSimpleName()));
            }
        };
        classifier(Layout.ROWS).fit(data[0], data[1], 2, 32, 0.5, 7, endings);
        try {
            Thread.currentThread().interrupt();
            assertThrows(TrainingInterruptedException.class,
                    () -> classifier(Layout.ROWS).fit(data[0], data[1], 2, 32, 0.5, 7, endings));
        } finally {
            Thread.interrupted();
        }
        Network blowsUp = Network.builder(2).dense(16, Activation.RELU).dense(1, Activation.IDENTITY)
                .loss(Loss.MSE).layout(Layout.ROWS).seed(1).build();
        assertThrows(TrainingDivergedException.class,
                () -> blowsUp.fit(data[0], data[1].mul(1000), 50, 40, 10.0, 0, endings));
        assertEquals(List.of("2 epochs, finished", "0 epochs, TrainingInterruptedException"), ends.subList(0, 2));
        assertTrue(ends.get(2).endsWith(" epochs, TrainingDivergedException"), ends.get(2));
        assertEquals(3, ends.size(), "once per fit");
    }

    @Test
    void fitRefusesLabelsForOtherSamples() {
        Matrix[] data = blobs(40, 5);
        ShapeException error = assertThrows(ShapeException.class,
                () -> classifier(Layout.ROWS).fit(data[0], data[1].T(), 1, 8, 0.1, 0, null));
        assertEquals("fit: X (40, 2) holds 40 samples but Y (1, 40) holds 1 in the ROWS layout (samples along axis "
                + "0); every sample needs one label. Did you mean Y.T()?", error.getMessage());
    }

    @Test
    void fitExplainsATransposedXAsForwardDoes() {
        Matrix[] data = blobs(40, 5);
        Network net = classifier(Layout.ROWS);
        ShapeException forward = assertThrows(ShapeException.class, () -> net.forward(data[0].T()));
        ShapeException fit = assertThrows(ShapeException.class,
                () -> net.fit(data[0].T(), data[1], 1, 8, 0.1, 0, null));

        assertEquals("forward: X is (2, 40) but the network takes 2 features; in the ROWS layout X must be "
                + "(m, features) = (m, 2), so axis 1 (40) must equal 2. Did you mean X.T()? X.T() is (40, 2).",
                fit.getMessage());
        assertEquals(forward.getMessage(), fit.getMessage());
        assertEquals(0, net.steps());
    }

    @Test
    void fitRefusesOneHotLabelsForOneSigmoidUnitWithTheLearnersShapes() {
        Matrix[] data = blobs(40, 5);
        Matrix oneHot = Matrix.fromFunction(40, 2, (i, k) -> data[1].get(i, 0) == k ? 1 : 0).named("Y");

        ShapeException rows = assertThrows(ShapeException.class,
                () -> classifier(Layout.ROWS).fit(data[0], oneHot, 1, 8, 0.1, 0, null));
        assertEquals("binary_cross_entropy: labels Y (40, 2) vs outputs A2 (40, 1); labels must have exactly the "
                + "outputs' shape (one value per output unit and sample). Y holds 2 values per sample, like one-hot "
                + "labels, but the network has 1 output unit. Give Y as a (40, 1) column of 0/1 labels (e.g. "
                + "data.y(Samples.ROWS) instead of data.oneHot(Samples.ROWS), or the class of each sample, "
                + "OneHot.decode(Y, Samples.ROWS) or Y.argmax(1), as a column), or end the network with dense(2, "
                + "Activation.SOFTMAX) and Loss.SOFTMAX_CROSS_ENTROPY so its outputs are (40, 2) like Y.",
                rows.getMessage());

        ShapeException columns = assertThrows(ShapeException.class,
                () -> classifier(Layout.COLUMNS).fit(data[0].T(), oneHot.T().named("Y"), 1, 8, 0.1, 0, null));
        assertTrue(columns.getMessage().startsWith("binary_cross_entropy: labels Y (2, 40) vs outputs A2 (1, 40); "),
                columns.getMessage());
        assertTrue(columns.getMessage().contains("Give Y as a (1, 40) row of 0/1 labels (e.g. data.y(Samples.COLUMNS)"
                + " instead of data.oneHot(Samples.COLUMNS), or the class of each sample, OneHot.decode(Y, "
                + "Samples.COLUMNS) or Y.argmax(0), as a row)"), columns.getMessage());
    }

    @Test
    void fitShowsTheShapesOfAllTheLabelsNotOfABatch() {
        Matrix[] data = blobs(40, 5);
        Network softmax = Network.builder(2).dense(8, Activation.TANH).dense(2, Activation.SOFTMAX)
                .loss(Loss.SOFTMAX_CROSS_ENTROPY).layout(Layout.ROWS).seed(3).build();
        Matrix threeClasses = Matrix.zeros(40, 3);

        ShapeException error = assertThrows(ShapeException.class,
                () -> softmax.fit(data[0], threeClasses, 1, 8, 0.1, 0, null));
        assertTrue(error.getMessage().startsWith("softmax_cross_entropy: labels Y (40, 3) vs outputs A2 (40, 2); "),
                error.getMessage());
        assertEquals(0, softmax.steps(), "refused before the first step");
    }

    @Test
    void fitRefusesAWrongTestSetBeforeTheFirstEpoch() {
        Matrix[] data = blobs(40, 5);
        Matrix[] test = blobs(20, 6);
        Network net = classifier(Layout.ROWS);

        ShapeException transposed = assertThrows(ShapeException.class,
                () -> net.fit(data[0], data[1], test[0].T(), test[1], 3, 8, 0.1, 0, null));
        assertEquals("forward: testX is (2, 20) but the network takes 2 features; in the ROWS layout testX must be "
                + "(m, features) = (m, 2), so axis 1 (20) must equal 2. Did you mean testX.T()? testX.T() is (20, 2).",
                transposed.getMessage());

        ShapeException otherSamples = assertThrows(ShapeException.class,
                () -> net.fit(data[0], data[1], test[0], data[1], 3, 8, 0.1, 0, null));
        assertEquals("fit: testX (20, 2) holds 20 samples but testY (40, 1) holds 40 in the ROWS layout (samples "
                + "along axis 0); every sample needs one label. Give testX and testY the same samples, in the "
                + "network's layout.", otherSamples.getMessage());

        ShapeException labels = assertThrows(ShapeException.class,
                () -> net.fit(data[0], data[1], test[0], Matrix.zeros(20, 2), 3, 8, 0.1, 0, null));
        assertTrue(labels.getMessage().startsWith("binary_cross_entropy: labels testY (20, 2) vs outputs A2 (20, 1); "),
                labels.getMessage());
        assertTrue(labels.getMessage().contains("Give testY as a (20, 1) column"), labels.getMessage());

        IllegalArgumentException half = assertThrows(IllegalArgumentException.class,
                () -> net.fit(data[0], data[1], test[0], null, 3, 8, 0.1, 0, null));
        assertEquals("fit: testX is given but testY is null; pass both testX and testY to measure test accuracy after "
                + "every epoch, or neither.", half.getMessage());
        assertEquals(0, net.steps(), "refused before the first step");
    }

    @Test
    void aLabelErrorNamesTheLabelsAsTheLearnerNamedThem() {
        Matrix[] data = blobs(40, 5);
        Network net = classifier(Layout.ROWS);
        ShapeException error = assertThrows(ShapeException.class,
                () -> net.fit(data[0], data[1].T().named("labels"), 1, 8, 0.1, 0, null));
        assertEquals("fit: X (40, 2) holds 40 samples but labels (1, 40) holds 1 in the ROWS layout (samples along "
                + "axis 0); every sample needs one label. Did you mean labels.T()?", error.getMessage());
    }

    @Test
    void aLabelRowForASamplesAsRowsNetworkOfTwoOutputsGetsTheTransposeAndTheOneHot() {
        // numpy's y of shape (m,) became a (1, m) row; the network (the two-moons question's) has two tanh outputs
        Matrix[] data = blobs(40, 6);
        Network net = Network.builder(2).dense(8, Activation.TANH).dense(2, Activation.TANH).loss(Loss.MSE)
                .layout(Layout.ROWS).seed(0).build();
        ShapeException error = assertThrows(ShapeException.class,
                () -> net.fit(data[0], data[1].T().named("y"), 1, 8, 0.1, 0, null));
        assertEquals("fit: X (40, 2) holds 40 samples but y (1, 40) holds 1 in the ROWS layout (samples along axis 0); "
                + "every sample needs one label. Its 40 labels lie along axis 1: y.T() is (40, 1), one row per sample. "
                + "The network's outputs are (40, 2), so then one-hot encode the classes to (40, 2).",
                error.getMessage());
    }

    @Test
    void trainingThatBlowsUpStopsWithTheStepTheLayerAndAHint() {
        Matrix[] data = blobs(40, 6);
        Network net = Network.builder(2).dense(16, Activation.RELU).dense(1, Activation.IDENTITY)
                .loss(Loss.MSE).layout(Layout.ROWS).seed(1).build();

        TrainingDivergedException error = assertThrows(TrainingDivergedException.class,
                () -> net.fit(data[0], data[1].mul(1000), 50, 40, 10.0, 0, null));

        assertTrue(error.step() > 1 && error.step() < 50, "step " + error.step());
        assertTrue(error.layer() >= 1, "layer " + error.layer());
        assertTrue(error.getMessage().startsWith("Training diverged at step " + error.step() + ": layer "
                + error.layer() + " "), error.getMessage());
        assertTrue(error.getMessage().contains("The learning rate is probably too large (try 10× smaller)"),
                error.getMessage());
    }

    @Test
    void aNaNInTheInputsStopsTrainingOfAReluNetworkInsteadOfTrainingOnQuietly() {
        Matrix[] data = blobs(40, 6);
        double[] x = data[0].toFlatArray();
        x[2 * 7 + 1] = Double.NaN;
        Matrix X = Matrix.of(40, 2, x);
        Network net = Network.builder(2).dense(8, Activation.RELU).dense(1, Activation.SIGMOID)
                .loss(Loss.BINARY_CROSS_ENTROPY).layout(Layout.ROWS).seed(1).build();

        // relu turned the NaN into 0: W1 took a NaN row, every relu unit died, and fit printed a finite loss
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> net.fit(X, data[1], 3, 10, 0.1, 0, null));
        assertEquals("fit: X (the inputs) holds NaN at [7, 1] (sample 7, feature 1 in the ROWS layout); a sample "
                + "with NaN or ∞ inputs has a NaN loss whatever the learning rate. Clean the data first: drop those "
                + "samples, or fill the gaps, e.g. X.map(v -> Double.isFinite(v) ? v : 0) (in numpy, np.isnan(X)"
                + ".any() finds them).", error.getMessage());
        assertEquals(0, net.steps(), "refused before the first step");
    }

    @Test
    void aNaNInTheDataIsBlamedOnTheDataNotOnTheLearningRate() {
        Matrix[] data = blobs(40, 6);
        double[] y = data[1].toFlatArray();
        y[12] = Double.NaN;
        y[30] = Double.POSITIVE_INFINITY;
        Matrix labels = Matrix.of(1, 40, y).named("y");
        Matrix X = data[0].T();
        for (Network net : new Network[] {classifier(Layout.COLUMNS), Network.builder(2).dense(8, Activation.TANH)
                .dense(1, Activation.IDENTITY).loss(Loss.MSE).seed(2).build()}) {
            net.forward(X);
            IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> net.backward(labels));
            assertEquals("backward: y (the labels) holds NaN at [0, 12] (sample 12, output 0 in the COLUMNS layout) "
                    + "and 1 more NaN or ∞; a sample with NaN or ∞ labels has a NaN loss whatever the learning rate. "
                    + "Clean the data first: drop those samples, or fill the gaps, e.g. y.map(v -> Double.isFinite(v) "
                    + "? v : 0) (in numpy, np.isnan(y).any() finds them).", error.getMessage());
        }
        double[] x = X.toFlatArray();
        x[45] = Double.NaN;
        Network net = classifier(Layout.COLUMNS);
        net.forward(Matrix.of(2, 40, x).named("X"));
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> net.backward(data[1].T()));
        assertTrue(error.getMessage().startsWith("backward: X (the batch of the last forward(X)) holds NaN at [1, 5] "
                + "(sample 5, feature 1 in the COLUMNS layout); a sample with NaN or ∞ inputs has a NaN loss "
                + "whatever the learning rate."), error.getMessage());
    }

    @Test
    void crossEntropyRefusesLabelsItCannotLearnFromAndSaysWhichLabelsItTakes() {
        Matrix[] data = blobs(40, 6);
        Network binary = classifier(Layout.ROWS);
        // labels 1/2: the loss went negative (−0.06 after three epochs) and fit reported 80% accuracy
        IllegalArgumentException oneTwo = assertThrows(IllegalArgumentException.class,
                () -> binary.fit(data[0], data[1].add(1), 3, 10, 0.1, 0, null));
        assertEquals("binary_cross_entropy: labels Y hold 2 at [1, 0] (sample 1), values from 1 to 2, but binary "
                + "cross-entropy takes labels in [0, 1]: −[y log A + (1 − y) log(1 − A)] has its minimum at A = y only "
                + "for y in [0, 1], and outside it the loss goes negative without bound. Labels 1 and 2? Number the "
                + "classes 0 and 1: Y.sub(1).", oneTwo.getMessage());
        binary.forward(data[0]);
        IllegalArgumentException plusMinus = assertThrows(IllegalArgumentException.class,
                () -> binary.backward(data[1].mul(2).sub(1).named("y")));
        assertTrue(plusMinus.getMessage().endsWith("Labels −1 and 1? Map them to 0 and 1: y.add(1).div(2) (or keep ±1 "
                + "labels with a tanh output and Loss.MSE)."), plusMinus.getMessage());
        assertEquals(0, binary.steps());
        // soft labels in [0, 1] are labels too
        assertEquals(1, binary.fit(data[0], data[1].mul(0.8).add(0.1), 1, 40, 0.1, 0, null).size());

        Network softmax = Network.builder(2).dense(3, Activation.SOFTMAX).loss(Loss.SOFTMAX_CROSS_ENTROPY)
                .layout(Layout.COLUMNS).seed(1).build();
        Matrix X = data[0].T();
        // classes 1..3 one-hot encoded as 0..2 after dropping class 0: sample 2 (class 3) has no 1 at all
        Matrix shifted = Matrix.fromFunction(3, 40, (k, j) -> (j % 3) + 1 == k ? 1 : 0);
        IllegalArgumentException noClass = assertThrows(IllegalArgumentException.class,
                () -> softmax.fit(X, shifted, 1, 10, 0.1, 0, null));
        assertEquals("softmax_cross_entropy: labels Y must be one-hot (a 1 for each sample's class, 0 elsewhere) or "
                + "probabilities summing to 1 per sample, but sample 2's labels sum to 0 (along axis 0, the classes). "
                + "A sample without a class: were the classes numbered 1..3 instead of 0..2, so that one fell off the "
                + "end? OneHot.encode takes classes 0..2.", noClass.getMessage());
        // class numbers copied into every row instead of one-hot
        Matrix numbers = Matrix.fromFunction(3, 40, (k, j) -> j % 3);
        softmax.forward(X);
        IllegalArgumentException notOneHot = assertThrows(IllegalArgumentException.class,
                () -> softmax.backward(numbers));
        assertEquals("softmax_cross_entropy: labels Y must be one-hot (a 1 for each sample's class, 0 elsewhere) or "
                + "probabilities summing to 1 per sample, but Y holds 2 at [0, 2] (sample 2). Class numbers? One-hot "
                + "encode them: OneHot.encode(labels, 3, Samples.COLUMNS).", notOneHot.getMessage());
    }

    @Test
    void accuracyAndPredictFollowTheOutputUnits() {
        Network net = Network.fromParameters(Layout.COLUMNS, Loss.SOFTMAX_CROSS_ENTROPY, java.util.Map.of(
                "W1", Matrix.eye(3), "b1", Matrix.zeros(3, 1)), Activation.SOFTMAX);
        Matrix X = Matrix.of(3, 4, 5, 0, 0, 1, 0, 5, 0, 0, 0, 0, 5, 0);
        Matrix Y = Matrix.of(3, 4, 1, 0, 0, 0, 0, 1, 0, 1, 0, 0, 1, 0);

        assertEquals(List.of(0, 1, 2, 0), toList(net.predict(X)));
        assertEquals(0.75, net.accuracy(X, Y), 1e-12);
    }

    @Test
    void aTanhOutputIsReadWhereItsLabelsPutTheBoundary() {
        Matrix[] data = blobs(200, 8);
        Matrix zeroOne = data[1];
        Matrix plusMinus = data[1].mul(2).sub(1);
        Network net = Network.builder(2).dense(8, Activation.TANH).dense(1, Activation.TANH).loss(Loss.MSE)
                .layout(Layout.ROWS).seed(0).build();
        // trained on 0/1 labels, as in the two-moons question: its outputs sit near 0 and 1
        History history = net.fit(data[0], zeroOne, 30, 20, 0.1, 0, null);
        Matrix out = net.output(data[0]);

        assertEquals(hits(out, zeroOne, 0.5), net.accuracy(data[0], zeroOne), 1e-12, "0/1 labels: read at 0.5");
        assertTrue(net.accuracy(data[0], zeroOne) > 0.95, "the blobs are learned: " + net.accuracy(data[0], zeroOne));
        assertTrue(hits(out, zeroOne, 0.0) < 0.9, "at tanh's 0 most outputs read as class 1: the case this fixes");
        assertEquals(hits(out, plusMinus, 0.0), net.accuracy(data[0], plusMinus), 1e-12, "±1 labels: read at 0");
        // predict() has no labels: tanh's own threshold
        int[] predicted = net.predict(data[0]);
        for (int i = 0; i < 200; i++) {
            assertEquals(out.get(i, 0) >= 0 ? 1 : 0, predicted[i]);
        }
        // fit's training accuracy reads the batch the same way as accuracy(): its last epoch ends near the test's
        assertTrue(history.last().trainAccuracy() > 0.9, "train accuracy " + history.last().trainAccuracy());
    }

    @Test
    void aSigmoidOutputWithPlusMinusOneLabelsIsReadAtOneHalf() {
        Matrix[] data = blobs(200, 8);
        Network net = classifier(Layout.ROWS);
        net.fit(data[0], data[1], 20, 20, 0.5, 0, null);
        Matrix out = net.output(data[0]);
        Matrix plusMinus = data[1].mul(2).sub(1);
        // a sigmoid comes near 0, never near −1, for the label −1
        assertEquals(hits(out, plusMinus, 0.5), net.accuracy(data[0], plusMinus), 1e-12);
        assertEquals(net.accuracy(data[0], data[1]), net.accuracy(data[0], plusMinus), 1e-12);
    }

    /** The fraction of outputs at least {@code threshold} exactly where the label is positive. */
    private static double hits(Matrix out, Matrix labels, double threshold) {
        int hits = 0;
        for (int i = 0; i < out.rows(); i++) {
            boolean predicted = out.get(i, 0) >= threshold;
            boolean actual = labels.get(i, 0) > 0;
            hits += predicted == actual ? 1 : 0;
        }
        return hits / (double) out.rows();
    }

    private static List<Integer> toList(int[] values) {
        List<Integer> out = new ArrayList<>();
        for (int v : values) {
            out.add(v);
        }
        return out;
    }
}
