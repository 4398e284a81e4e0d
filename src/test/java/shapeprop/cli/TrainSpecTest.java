package shapeprop.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import shapeprop.nn.Activation;
import shapeprop.nn.Layout;

class TrainSpecTest {

    private static TrainSpec parse(String... args) {
        return TrainSpec.from(Options.parse("train", List.of(args), TrainSpec.VALUED, TrainSpec.FLAGS));
    }

    private static String error(String... args) {
        return assertThrows(UsageException.class, () -> parse(args)).getMessage();
    }

    @Test
    void mnistDefaultsAreTheIssuesExperiment() {
        assertEquals("mnist 784-128-10 sigmoid, softmax + cross-entropy, batch 64, lr 1.0, 5 epochs, columns, seed 0",
                parse("mnist").toString());
    }

    @Test
    void moonsDefaultsAreTheTenThousandPointExperiment() {
        assertEquals("moons (10000 points, noise 0.2) 2-16-16-1 tanh, sigmoid + binary cross-entropy, full batch, lr"
                + " 0.5, 2000 steps, columns, seed 0", parse("moons").toString());
    }

    @Test
    void learningRatesAndNoiseReadAsPythonPrintsThem() {
        assertEquals("0.5", TrainSpec.decimal(0.5));
        assertEquals("1.0", TrainSpec.decimal(1));
        assertEquals("0.0", TrainSpec.decimal(0));
        assertEquals("0.0001", TrainSpec.decimal(1e-4));
        assertEquals("1e-05", TrainSpec.decimal(1e-5));
        assertEquals("2.5e-07", TrainSpec.decimal(2.5e-7));
        assertEquals("1e-320", TrainSpec.decimal(1e-320));
        assertEquals("1000000.0", TrainSpec.decimal(1e6));
        assertEquals("10000000.0", TrainSpec.decimal(1e7));
        assertEquals("1e+16", TrainSpec.decimal(1e16));
        assertEquals("1.7976931348623157e+308", TrainSpec.decimal(Double.MAX_VALUE));
        assertEquals("0.30000000000000004", TrainSpec.decimal(0.1 + 0.2));
        assertTrue(parse("moons", "--lr", "1e7", "--noise", "1e-5").toString().contains("(10000 points, noise 1e-05)"
                + " 2-16-16-1 tanh, sigmoid + binary cross-entropy, full batch, lr 10000000.0,"),
                parse("moons", "--lr", "1e7", "--noise", "1e-5").toString());
    }

    @Test
    void oneEpochOrStepIsSingular() {
        assertTrue(parse("mnist", "--epochs", "1").toString().contains(", 1 epoch, "), parse("mnist", "--epochs", "1").toString());
        assertTrue(parse("moons", "--epochs", "1").toString().contains(", 1 step, "), parse("moons", "--epochs", "1").toString());
    }

    @Test
    void optionsOverrideTheDefaults() {
        TrainSpec spec = parse("mnist", "--hidden", "256,64", "--activation", "relu", "--epochs=10", "--batch", "128",
                "--lr", "0.1", "--layout", "ROWS", "--seed", "7", "--threads", "2", "--trace");
        assertArrayEquals(new int[] {256, 64}, spec.hidden());
        assertEquals(Activation.RELU, spec.activation());
        assertEquals(10, spec.epochs());
        assertEquals(128, spec.batchSize());
        assertEquals(0.1, spec.learningRate());
        assertEquals(Layout.ROWS, spec.layout());
        assertEquals(7, spec.seed());
        assertEquals(2, spec.threads());
        assertEquals(true, spec.trace());
        assertEquals("784-256-64-10", spec.architecture());
        assertEquals(0, parse("moons", "--batch", "full").batchSize());
    }

    @Test
    void badValuesNameTheOptionAndWhatItAllows() {
        assertEquals("--epochs 'five' is not a whole number; give e.g. --epochs 5.", error("mnist", "--epochs", "five"));
        assertEquals("--epochs is 0 but must be at least 1.", error("mnist", "--epochs", "0"));
        assertEquals("--lr is -1 but must be greater than 0.", error("mnist", "--lr", "-1"));
        assertEquals("--hidden '128,,64': '' is not a layer size; give positive whole numbers separated by commas,"
                + " e.g. --hidden 128 or --hidden 16,16.", error("mnist", "--hidden", "128,,64"));
        assertEquals("--activation 'softmax' is not one of sigmoid, tanh, relu, leaky_relu.",
                error("mnist", "--activation", "softmax"));
        assertEquals("--lr needs a value, e.g. --lr 0.5.", error("mnist", "--lr"));
        assertEquals("--trace is a switch and takes no value (got 'yes'); write just --trace.",
                error("mnist", "--trace=yes"));
        assertEquals("--points and --noise shape the two moons; mnist has its own fixed samples.",
                error("mnist", "--points", "100"));
        assertEquals("say what to train on: train mnist, train fashion-mnist or train moons.", error());
        assertEquals("--batch is 0; give the number of samples per step, e.g. --batch 64, or --batch full for"
                + " full-batch gradient descent.", error("mnist", "--batch", "0"));
        assertEquals("--batch 'all' is neither a number of samples nor 'full'; give e.g. --batch 64, or --batch full for"
                + " full-batch gradient descent.", error("moons", "--batch", "all"));
        assertEquals("--layout 'row' is not one of columns, rows; did you mean --layout rows?",
                error("moons", "--layout", "row"));
        assertEquals("--activation 'sigmod' is not one of sigmoid, tanh, relu, leaky_relu; did you mean --activation"
                + " sigmoid?", error("moons", "--activation", "sigmod"));
        assertEquals("--lr '1e400' is too large for a double (it reads as infinity); give e.g. --lr 0.5.",
                error("moons", "--lr", "1e400"));
    }

    @Test
    void aDivergingLossPrintsInScientificNotation() {
        assertEquals("epoch    3  loss 0.3482  train  89.65%  test  94.09%  1.23 s",
                new EpochResult(3, 0.34821, 0.8965, 0.9409, 1.234, 1).toString());
        assertEquals("epoch    3  loss 1.2346e+300  train  50.00%  test      -  0.01 s",
                new EpochResult(3, 1.23456e300, 0.5, Double.NaN, 0.01, 0).toString());
    }

    @Test
    void aLineWhoseTimeIncludesTheKernelsWarmUpSaysHowMuch() {
        assertEquals("epoch    1  loss 0.3482  train  89.65%  test  94.09%  1.58 s  (1.41 s of it warming up the matrix"
                + " kernels, once per run)", new EpochResult(1, 0.34821, 0.8965, 0.9409, 1.58, 1, 1.412).toString());
        assertEquals("epoch    2  loss 0.3482  train  89.65%  test  94.09%  0.01 s",
                new EpochResult(2, 0.34821, 0.8965, 0.9409, 0.01, 0.01, 0.0).toString());
    }
}
