package shapeprop.nn;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import shapeprop.matrix.Matrix;
import shapeprop.matrix.NoCopy;
import shapeprop.matrix.Shape;
import shapeprop.matrix.ShapeException;

/** Mini-batch gradient descent for {@link Network#fit}: shuffle, slice, forward, backward, update, record. */
final class Trainer {

    private final Network net;
    private final Matrix X;
    private final Matrix Y;
    private final Matrix testX;
    private final Matrix testY;
    private final int epochs;
    private final int batchSize;
    private final double learningRate;
    private final long seed;
    private final TrainingListener listener;

    Trainer(Network net, Matrix X, Matrix Y, Matrix testX, Matrix testY, int epochs, int batchSize,
            double learningRate, long seed, TrainingListener listener) {
        this.net = net;
        this.X = X;
        this.Y = Y;
        this.testX = testX;
        this.testY = testY;
        this.epochs = epochs;
        this.batchSize = batchSize;
        this.learningRate = learningRate;
        this.seed = seed;
        this.listener = listener == null ? new TrainingListener() { } : listener;
    }

    History run() {
        Layout layout = net.layout();
        checkSamples(X, Y, "X", "Y");
        int n = layout.samples(X);
        if ((testX == null) != (testY == null)) {
            throw new IllegalArgumentException("fit: " + (testX == null ? "testY is given but testX is null"
                    : "testX is given but testY is null") + "; pass both testX and testY to measure test accuracy "
                    + "after every epoch, or neither.");
        }
        if (testX != null) {
            // before the first epoch, not after it: a wrong test set should not cost a round of training
            checkSamples(testX, testY, "testX", "testY");
        }
        if (epochs < 1 || batchSize < 1) {
            throw new IllegalArgumentException("fit: epochs (" + epochs + ") and batchSize (" + batchSize
                    + ") must be at least 1.");
        }
        new Sgd(learningRate);
        History history = new History();
        Throwable stoppedBy = null;
        try {
            return train(n, history);
        } catch (RuntimeException | Error e) {
            stoppedBy = e;
            throw e;
        } finally {
            // the listener hears the end however it comes: the last epoch, an interrupt, a divergence
            listener.onEnd(history, stoppedBy);
        }
    }

    /** The epochs on n checked samples, recorded in {@code history}. */
    private History train(int n, History history) {
        Layout layout = net.layout();
        int batch = Math.min(batchSize, n);
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        // Samples as columns are scattered through memory (sample j is column j of every row), so gathering a
        // shuffled batch column by column misses the cache on every element. Gather rows of Xᵀ instead (each
        // sample contiguous), transposed on the way, into arrays reused from batch to batch.
        boolean columns = layout == Layout.COLUMNS;
        Matrix sampleRowsX = columns && batch < n ? NoCopy.transposeUnlessInterrupted(X) : X;
        Matrix sampleRowsY = columns && batch < n ? NoCopy.transposeUnlessInterrupted(Y) : Y;
        if (sampleRowsX == null || sampleRowsY == null || Thread.currentThread().isInterrupted()) {
            throw interrupted(1, 0, history);
        }
        double[] batchX = null;
        double[] batchY = null;
        Random rng = new Random(seed);
        long start = System.nanoTime();
        int step = 0;
        int epoch = 1;
        // true from the start of a step to its end: a forced stop in between may leave it half done
        boolean stepping = false;
        try {
            for (; epoch <= epochs; epoch++) {
                if (batch < n) {
                    shuffle(order, rng);
                }
                double lossSum = 0;
                long hits = 0;
                for (int from = 0; from < n; from += batch) {
                    int to = Math.min(n, from + batch);
                    Matrix xb = X;
                    Matrix yb = Y;
                    if (batch < n) {
                        int[] index = Arrays.copyOfRange(order, from, to);
                        xb = NoCopy.takeRows(sampleRowsX, index, columns, batchX).named(X.name());
                        yb = NoCopy.takeRows(sampleRowsY, index, columns, batchY).named(Y.name());
                        batchX = NoCopy.array(xb);
                        batchY = NoCopy.array(yb);
                    }
                    // forward, backward, update; fit checked the label values of all of Y before the first step
                    net.labelValuesChecked(yb);
                    stepping = true;
                    net.step(xb, yb, learningRate);
                    double batchLoss = net.lastLoss();
                    lossSum += batchLoss * (to - from);
                    hits += correct(net.classes(net.lastOutput(), net.thresholdFor(yb)), net.labelClasses(yb));
                    step++;
                    stepping = false;
                    listener.onStep(epoch, step, batchLoss);
                    // an interrupt (a kernel's, or Future.cancel(true)) ends training here, between two whole steps
                    if (Thread.currentThread().isInterrupted()) {
                        throw interrupted(epoch, step, history);
                    }
                }
                double test = testX == null ? Double.NaN : net.accuracy(testX, testY);
                History.Entry entry = new History.Entry(epoch, step, lossSum / n, (double) hits / n, test,
                        gradientNorms(), (System.nanoTime() - start) / 1e9);
                history.add(entry);
                listener.onEpoch(entry);
            }
        } catch (ThreadDeath death) {
            // JDK 17's JShell ends a cell that has not stopped moments after an interrupt with Thread.stop, which
            // arrives wherever the thread is: the learner's catch of TrainingInterruptedException still gets the
            // history
            throw stepping ? stopped(epoch, step, history) : interrupted(epoch, step, history);
        }
        return history;
    }

    /**
     * Refuses samples {@code x} the network cannot take, or labels {@code y} that are not one per sample and output
     * unit; {@code xName} and {@code yName} name them where the matrices have no names of their own.
     */
    private void checkSamples(Matrix x, Matrix y, String xName, String yName) {
        Layout layout = net.layout();
        Matrix xs = x.name() == null ? x.named(xName) : x;
        Matrix ys = y.name() == null ? y.named(yName) : y;
        // x first: a transposed x would otherwise show as a sample count that differs from y's
        layout.checkInput(xs, net.inputSize());
        int n = layout.samples(xs);
        if (layout.samples(ys) != n) {
            Shape transposed = ys.shape().T();
            Shape outputs = layout.batchShape(net.outputSize(), n);
            String hint;
            if (transposed.equals(outputs)) {
                hint = "Did you mean " + ys.name() + ".T()?";
            } else if (transposed.dim(layout.sampleAxis()) == n) {
                // the labels lie along the other axis, and are not the outputs' shape either way
                boolean classNumbers = transposed.dim(layout.featureAxis()) == 1;
                hint = "Its " + n + " labels lie along axis " + layout.featureAxis() + ": " + ys.name() + ".T() is "
                        + transposed + ", one " + (layout == Layout.ROWS ? "row" : "column") + " per sample. The "
                        + "network's outputs are " + outputs + (classNumbers ? ", so then one-hot encode the classes "
                        + "to " + outputs + "." : ", which the labels must then match.");
            } else {
                hint = "Give " + xs.name() + " and " + ys.name() + " the same samples, in the network's layout.";
            }
            throw new ShapeException("fit", xs.shape(), ys.shape(), "fit: " + xs.name() + " " + xs.shape() + " holds "
                    + n + " samples but " + ys.name() + " " + ys.shape() + " holds " + layout.samples(ys) + " in the "
                    + layout + " layout (samples along axis " + layout.sampleAxis() + "); every sample needs one "
                    + "label.", hint);
        }
        // all of y against the outputs for all of x, so that a mistake shows the learner's shapes, not a batch's
        net.lossFunction().checkLabels(layout.batchShape(net.outputSize(), n), "A" + net.layers().size(), ys);
        // NaN or ∞ anywhere, found once and by its place in all of x or y, before a batch's NaN loss
        layout.requireFinite("fit", xs, xName, "the inputs");
        layout.requireFinite("fit", ys, yName, "the labels");
        net.lossFunction().checkLabelValues(ys, layout);
    }

    /** The exception for a thread stopped by force (Thread.stop) in epoch {@code epoch} after {@code step} steps. */
    private TrainingInterruptedException stopped(int epoch, int step, History history) {
        return new TrainingInterruptedException(epoch, step, history, "fit: stopped by force in epoch " + epoch + " of "
                + epochs + ", during step " + (step + 1) + ": the network may hold that step's update in some layers "
                + "and not in others; the finished epochs are in this exception's history(). Build the network "
                + "again to train from a consistent state.");
    }

    /** The exception that ends fit after an interrupt, in epoch {@code epoch} after {@code step} steps. */
    private TrainingInterruptedException interrupted(int epoch, int step, History history) {
        String where = step == 0 ? "before its first step (while preparing the batches); the network is unchanged"
                : "after step " + step + ". The network keeps the weights of that step";
        return new TrainingInterruptedException(epoch, step, history, "fit: interrupted in epoch " + epoch + " of "
                + epochs + ", " + where + "; the finished epochs are in this exception's history(). Call fit again "
                + "to train on.");
    }

    private static int correct(int[] predicted, int[] actual) {
        int hits = 0;
        for (int i = 0; i < predicted.length; i++) {
            hits += predicted[i] == actual[i] ? 1 : 0;
        }
        return hits;
    }

    /** ‖dθ‖ = √(Σ dθ²) of the last step's gradients (an update leaves them in place). */
    private Map<String, Double> gradientNorms() {
        Map<String, Double> norms = new LinkedHashMap<>();
        for (Map.Entry<String, Matrix> g : net.gradients().entrySet()) {
            Matrix d = g.getValue();
            norms.put(g.getKey(), Math.sqrt(d.zip(d, (x, y) -> x * y).sum()));
        }
        return norms;
    }

    /** Fisher–Yates with the seeded generator: the same seed gives the same batches. */
    private static void shuffle(int[] order, Random rng) {
        for (int i = order.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
    }
}
