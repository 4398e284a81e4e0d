package shapeprop.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import shapeprop.data.Dataset;
import shapeprop.data.Moons;
import shapeprop.data.OneHot;
import shapeprop.data.Samples;
import shapeprop.matrix.Matrix;
import shapeprop.nn.Activation;
import shapeprop.nn.Layout;
import shapeprop.nn.Loss;
import shapeprop.nn.Network;

/**
 * The terminal's training loop gathers each mini-batch itself, into arrays it reuses: it must train on exactly the
 * batches {@code Dataset.batches} gives, as the textbook loop of forward, backward and update does.
 */
class TrainingTest {

    private static TrainSpec spec(Layout layout, int batch) {
        return new TrainSpec("moons", new int[] {8}, Activation.TANH, 3, batch, 0.5, layout, 4, 1, false, 300, 0.2, 1);
    }

    @Test
    void theLoopTrainsOnTheBatchesOfTheDatasetInTheirOrder() {
        Dataset train = Moons.generate(300, 0.2, 4);
        Dataset test = Moons.generate(100, 0.2, 5);
        for (Layout layout : Layout.values()) {
            for (int batch : new int[] {32, 0}) {
                TrainSpec spec = spec(layout, batch);
                Network net = TrainCommand.network(spec);
                List<EpochResult> results = new Training(net, train, test, spec).run(new Training.Listener() { });

                // the same epochs spelled out: SplittableRandom(seed) draws the batch order, as in Training
                Network expected = TrainCommand.network(spec);
                Samples samples = Samples.valueOf(layout.name());
                SplittableRandom order = new SplittableRandom(spec.seed());
                for (int epoch = 0; epoch < spec.epochs(); epoch++) {
                    for (Dataset b : batch == 0 ? List.of(train) : train.batches(batch, order)) {
                        expected.forward(b.x(samples));
                        expected.backward(b.y(samples));
                        expected.update(spec.learningRate());
                    }
                }

                Map<String, Matrix> want = expected.parameters();
                Map<String, Matrix> got = net.parameters();
                for (String name : want.keySet()) {
                    assertArrayEquals(want.get(name).toFlatArray(), got.get(name).toFlatArray(),
                            layout + ", batch " + batch + ": " + name);
                }
                assertEquals(expected.accuracy(test.x(samples), test.y(samples)),
                        results.get(results.size() - 1).testAccuracy(), 0.0);
            }
        }
    }

    @Test
    void digitsLikeSamplesInBytesTrainAsTheTextbookLoopAndCountTheRightClassesMet() {
        // 4 features taking the values k / 255, 3 classes: the samples are gathered from bytes, the outputs softmax
        java.util.Random rng = new java.util.Random(9);
        int n = 90;
        double[][] features = new double[n][4];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % 3;
            for (int f = 0; f < 4; f++) {
                features[i][f] = Math.min(255, Math.max(0, (int) (60 * labels[i] + 40 * rng.nextGaussian() + 60)))
                        / 255.0;
            }
        }
        Dataset train = Dataset.of("digits-like", Matrix.of(features), labels, 3);
        for (Layout layout : Layout.values()) {
            for (int batch : new int[] {16, 0}) {
                TrainSpec spec = new TrainSpec("moons", new int[] {5}, Activation.SIGMOID, 2, batch, 1.0, layout, 2, 1,
                        false, n, 0, 1);
                Network net = threeClasses(layout);
                List<EpochResult> results = new Training(net, train, train, spec).run(new Training.Listener() { });

                Network expected = threeClasses(layout);
                Samples samples = Samples.valueOf(layout.name());
                SplittableRandom order = new SplittableRandom(spec.seed());
                for (int epoch = 0; epoch < spec.epochs(); epoch++) {
                    int right = 0;
                    for (Dataset b : batch == 0 ? List.of(train) : train.batches(batch, order)) {
                        Matrix output = expected.forward(b.x(samples));
                        expected.backward(b.oneHot(samples));
                        expected.update(spec.learningRate());
                        int[] predicted = OneHot.decode(output, samples);
                        for (int j = 0; j < predicted.length; j++) {
                            right += predicted[j] == b.label(j) ? 1 : 0;
                        }
                    }
                    assertEquals((double) right / n, results.get(epoch).trainAccuracy(), 0.0,
                            layout + ", batch " + batch + ", epoch " + (epoch + 1));
                }
                Map<String, Matrix> want = expected.parameters();
                Map<String, Matrix> got = net.parameters();
                for (String name : want.keySet()) {
                    assertArrayEquals(want.get(name).toFlatArray(), got.get(name).toFlatArray(),
                            layout + ", batch " + batch + ": " + name);
                }
            }
        }
    }

    private static Network threeClasses(Layout layout) {
        return Network.builder(4).dense(5, Activation.SIGMOID).dense(3, Activation.SOFTMAX)
                .loss(Loss.SOFTMAX_CROSS_ENTROPY).layout(layout).seed(6).build();
    }
}
