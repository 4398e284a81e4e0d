package shapeprop.viz;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import shapeprop.data.Dataset;
import shapeprop.data.Idx;
import shapeprop.data.Moons;
import shapeprop.data.Samples;
import shapeprop.matrix.Matrix;
import shapeprop.nn.Activation;
import shapeprop.nn.GradientCheck;
import shapeprop.nn.History;
import shapeprop.nn.Layout;
import shapeprop.nn.Loss;
import shapeprop.nn.Network;
import tech.tablesaw.plotly.components.Figure;
import tech.tablesaw.plotly.traces.ScatterTrace;

/**
 * Every kind of figure and table, from real training runs: a moons network (curves, gradient norms, decision boundary)
 * and an MNIST network trained on the 100-digit subset in the test resources (digits, weights, confusion,
 * activations). Used by the browser check and to look at the static images.
 */
final class Gallery {

    private Gallery() {
    }

    /** Title of the notebook cell → the value it displays, in notebook order. */
    static Map<String, Object> figures() {
        Map<String, Object> cells = new LinkedHashMap<>();

        Dataset moons = Moons.generate(200, 0.2, 0);
        Dataset moonsTest = Moons.generate(100, 0.2, 1);
        Network net = Network.builder(2).dense(16, Activation.TANH).dense(1, Activation.SIGMOID)
                .loss(Loss.BINARY_CROSS_ENTROPY).seed(0).build();
        History history = net.fit(moons.x(Samples.COLUMNS), moons.y(Samples.COLUMNS), moonsTest.x(Samples.COLUMNS),
                moonsTest.y(Samples.COLUMNS), 60, 20, 0.5, 0, null);
        cells.put("History", history);
        cells.put("Loss", TrainingCurves.loss(history));
        cells.put("Accuracy", TrainingCurves.accuracy(history));
        cells.put("Gradient norms", TrainingCurves.gradientNorms(history));
        cells.put("Decision boundary", DecisionBoundary.of(net::output, moons));
        Dataset batch = moons.head(8);
        net.tracing(true);
        net.forward(batch.x(Samples.COLUMNS));
        net.backward(batch.y(Samples.COLUMNS));
        net.update(0.5);
        cells.put("Trace", net.trace());
        net.tracing(false);
        cells.put("Gradient check", GradientCheck.of(net, batch.x(Samples.COLUMNS), batch.y(Samples.COLUMNS)));

        Dataset train = mnist("train");
        Dataset test = mnist("t10k");
        Network digits = Network.builder(784).dense(32, Activation.SIGMOID).dense(10, Activation.SOFTMAX)
                .loss(Loss.SOFTMAX_CROSS_ENTROPY).layout(Layout.ROWS).seed(0).build();
        cells.put("Datasets", DatasetSummary.of(train, test));
        LiveProgress progress = LiveProgress.of(30, train.size(), 10);
        digits.fit(train.x(Samples.ROWS), train.oneHot(Samples.ROWS), test.x(Samples.ROWS), test.oneHot(Samples.ROWS),
                30, 10, 0.5, 0, progress);
        cells.put("Progress", progress.view());
        int[] predicted = digits.predict(test.x(Samples.ROWS));
        cells.put("Per-class accuracy", ConfusionMatrix.of(test, predicted).perClassAccuracy());
        cells.put("Digits", DigitGrid.of(test, predicted, 20));
        cells.put("Weights", WeightImages.of(digits.parameters().get("W1"), Layout.ROWS, 16));
        cells.put("Confusion", ConfusionMatrix.of(test, predicted).heatmap());
        Matrix W1 = digits.parameters().get("W1");
        Matrix b1 = digits.parameters().get("b1");
        Matrix A1 = test.x(Samples.ROWS).dot(W1).add(b1).map(z -> 1 / (1 + Math.exp(-z)));
        cells.put("Activations", ActivationHistogram.of("A1 (sigmoid)", A1));
        cells.put("Tablesaw figure", new Figure(tech.tablesaw.plotly.components.Layout.builder("A Tablesaw scatter")
                .build(), ScatterTrace.builder(new double[] {1, 2, 3}, new double[] {2, 1, 3}).build()));
        return cells;
    }

    /** The 100-digit MNIST subset of the test resources: {@code train} or {@code t10k}. */
    static Dataset mnist(String part) {
        try {
            Path dir = Path.of(Gallery.class.getResource("/data/mnist-100/train-images-idx3-ubyte.gz").toURI())
                    .getParent();
            return Idx.load("mnist-100 " + part, dir.resolve(part + "-images-idx3-ubyte.gz"),
                    dir.resolve(part + "-labels-idx1-ubyte.gz"));
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
