package shapeprop.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import shapeprop.data.Dataset;
import shapeprop.data.Moons;
import shapeprop.data.Samples;

/**
 * A learning rate so large that the hidden units saturate keeps the loss finite: without the watch, fit ended with a
 * loss far above the first step's and a coin-toss accuracy, and said nothing. It stops with what happened and the rate
 * to try; a rate that overshoots for a while and recovers trains on.
 */
class SaturationTest {

    private static Network moons(int[] hidden, Activation activation, long seed) {
        Network.Builder builder = Network.builder(2);
        for (int units : hidden) {
            builder.dense(units, activation);
        }
        return builder.dense(1, Activation.SIGMOID).loss(Loss.BINARY_CROSS_ENTROPY).seed(seed).build();
    }

    @Test
    void aHugeLearningRateThatSaturatesTheHiddenUnitsStopsTrainingAndNamesATenTimesSmallerOne() {
        Dataset data = Moons.generate(200, 0.2, 0);
        Network net = moons(new int[] {16, 16}, Activation.TANH, 0);
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
                () -> net.fit(data.x(Samples.COLUMNS), data.y(Samples.COLUMNS), 2000, 200, 1e6, 0, null));
        assertEquals("Training diverged at step 4: the loss grew from 0.8749 at the first step to 1.9857e+06, and layer 2"
                + " Dense(16 -> 16, tanh) is saturated: 100% of its outputs are at tanh's limits ±1 for this batch, as at"
                + " step 2. There tanh' < 1e-6, so dZ2 = dA2 ⊙ tanh'(Z2) ≈ 0 and W2, b2 and the layers below get almost"
                + " no gradient: training is stuck. The learning rate 1000000 is too large: each update overshoots and"
                + " the weights grow until the units saturate. Build the network again and train with learning rate"
                + " 100000 (10× smaller).", e.getMessage());
        assertEquals(4, e.step());
        assertEquals(2, e.layer());
    }

    @Test
    void theTwoMoonsNetworkOnItsFastPathIsWatchedToo() {
        // 2-22-1 on the full batch of 200: SmallStep keeps A1 in rows of its own, which the look must see
        Dataset data = Moons.generate(200, 0.2, 0);
        Network net = moons(new int[] {22}, Activation.TANH, 0);
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
                () -> net.fit(data.x(Samples.COLUMNS), data.y(Samples.COLUMNS), 10_000, 200, 1e6, 0, null));
        assertTrue(net.smallPass());
        assertTrue(e.getMessage().startsWith("Training diverged at step 4: the loss grew from 0.8303 at the first step to"
                + " 2.2198e+06, and layer 1 Dense(2 -> 22, tanh) is saturated: 100% of its outputs are at tanh's limits"
                + " ±1 for this batch, as at step 2. There tanh' < 1e-6, so dZ1 = dA1 ⊙ tanh'(Z1) ≈ 0 and W1 and b1 get"
                + " almost no gradient"), e.getMessage());
    }

    @Test
    void reluUnitsThatAllDieStopTrainingToo() {
        Dataset data = Moons.generate(200, 0.2, 3);
        Network net = moons(new int[] {8}, Activation.RELU, 3);
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
                () -> net.fit(data.x(Samples.COLUMNS), data.y(Samples.COLUMNS), 300, 32, 20, 3, null));
        assertTrue(e.getMessage().matches("Training diverged at step \\d+: the loss grew from 0\\.\\d{4} at the first"
                + " step to \\d+\\.\\d{4}, and layer 1 Dense\\(2 -> 8, relu\\) is dead: 100% of its outputs are 0 for"
                + " this batch, as at step \\d+\\. There relu' < 1e-6, so dZ1 = dA1 ⊙ relu'\\(Z1\\) ≈ 0 and W1 and b1"
                + " get almost no gradient: training is stuck\\. The learning rate 20 is too large: .* train with"
                + " learning rate 2 \\(10× smaller\\)\\."), e.getMessage());
    }

    @Test
    void aLearningRateThatOvershootsAndRecoversTrainsOn() {
        Dataset data = Moons.generate(200, 0.2, 0);
        Network net = moons(new int[] {16, 16}, Activation.TANH, 0);
        double[] first = {Double.NaN};
        double[] worst = {0};
        History history = net.fit(data.x(Samples.COLUMNS), data.y(Samples.COLUMNS), 2000, 200, 10, 0,
                new TrainingListener() {
                    @Override
                    public void onStep(int epoch, int step, double loss) {
                        first[0] = step == 1 ? loss : first[0];
                        worst[0] = Math.max(worst[0], loss / first[0]);
                    }
                });
        // the watch looked (the loss passed 10× the first step's) and found the hidden layers still alive
        assertTrue(worst[0] > Saturation.GROWTH, "the loss rose at most " + worst[0] + "× the first step's");
        assertTrue(history.last().trainAccuracy() >= 0.98, history.last().toString());
    }
}
