package shapeprop.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import shapeprop.data.Dataset;
import shapeprop.data.Moons;
import shapeprop.data.Samples;
import shapeprop.matrix.Matrix;
import shapeprop.nn.Activation;
import shapeprop.nn.Layout;
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
}
