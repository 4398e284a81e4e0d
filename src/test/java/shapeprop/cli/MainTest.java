package shapeprop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The command line as a user meets it: help, mistakes with their exit status, and a short training run. */
class MainTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return Main.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void helpListsTheCommands() {
        assertEquals(0, run("--help"));
        assertTrue(out().contains("train mnist|fashion-mnist|moons"), out());
        assertTrue(out().contains("bench dot"), out());
        assertTrue(out().contains("fetch mnist"), out());
    }

    @Test
    void eachCommandHasItsOwnHelp() {
        assertEquals(0, run("help", "train"));
        assertTrue(out().contains("--layout NAME       columns (X is (features, m), Z = W·X + b) or rows"), out());
        assertEquals(0, run("bench", "--help"));
        assertTrue(out().contains("OPENBLAS_NUM_THREADS=1"), out());
    }

    @Test
    void aMisspelledOptionIsNamedWithTheOneMeant() {
        assertEquals(2, run("train", "mnist", "--epoch", "3"));
        assertEquals("shapeprop train: unknown option --epoch; did you mean --epochs? The options of train are:"
                + " --activation, --batch, --epochs, --every, --help, --hidden, --layout, --lr, --no-progress, --noise,"
                + " --points, --seed, --threads, --trace.\nRun 'shapeprop train --help' for its options.\n", err());
    }

    @Test
    void aBadValueNamesTheOptionAndTheAllowedValues() {
        assertEquals(2, run("train", "moons", "--layout", "diagonal"));
        assertEquals("shapeprop train: --layout 'diagonal' is not one of columns, rows.\n"
                + "Run 'shapeprop train --help' for its options.\n", err());
    }

    @Test
    void anUnknownDatasetListsTheDatasets() {
        assertEquals(2, run("train", "cifar"));
        assertTrue(err().startsWith("shapeprop train: 'cifar' is not a dataset; choose one of mnist, fashion-mnist,"
                + " moons.\n"), err());
    }

    @Test
    void anUnknownCommandListsTheCommands() {
        assertEquals(2, run("fit", "mnist"));
        assertEquals("shapeprop: unknown command 'fit'; the commands are train, bench, fetch and help.\n"
                + "Run 'shapeprop --help' for the commands.\n", err());
    }

    @Test
    void fetchNamesTheDatasetItKnows() {
        assertEquals(2, run("fetch", "cifar"));
        assertTrue(err().startsWith("shapeprop fetch: fetch takes one dataset, mnist (got [cifar]);"), err());
    }

    @Test
    void benchDotStopsAtOnceWhenTheNamedPythonIsMissing() {
        assertEquals(2, run("bench", "dot", "--quick", "--python", "/nonexistent/python3"));
        assertTrue(err().startsWith("shapeprop bench dot: --python /nonexistent/python3 is not an executable file; pass"
                + " --python PATH of a Python with numpy, or --no-numpy to time ShapeProp alone."), err());
        assertEquals("", out());
    }

    @Test
    void fetchingFashionMnistSaysWhereItComesFrom() {
        assertEquals(2, run("fetch", "fashion-mnist"));
        assertTrue(err().startsWith("shapeprop fetch: fetch downloads MNIST only; Fashion-MNIST comes from Debian's"
                + " package (sudo apt-get install dataset-fashion-mnist) or its four IDX files in"
                + " $SHAPEPROP_DATA/fashion-mnist or ~/.cache/shapeprop/fashion-mnist; then: shapeprop train"
                + " fashion-mnist."), err());
    }

    @Test
    void trainingTheMoonsPrintsTheNetworkTheTraceAndOneLinePerReport() {
        assertEquals(0, run("train", "moons", "--points", "200", "--hidden", "8", "--epochs", "300", "--every", "100",
                "--lr", "1.0", "--trace", "--no-progress", "--threads", "1"));
        String text = out();
        assertTrue(text.startsWith("train moons (200 points, noise 0.2) 2-8-1 tanh, sigmoid + binary cross-entropy,"
                + " full batch, lr 1.0, 300 steps, columns, seed 0, 1 thread\n"), text);
        assertTrue(text.contains("Dense(2 -> 8, tanh)"), text);
        assertTrue(text.contains("dW1 = dZ1·Xᵀ / m"), text);
        assertTrue(text.contains("(8, 2)·(2, 200) + (8, 1)"), text);
        List<String> epochs = text.lines().filter(l -> l.startsWith("epoch")).toList();
        assertEquals(3, epochs.size(), text);
        assertTrue(epochs.get(2).startsWith("epoch  300  loss "), epochs.get(2));
        double accuracy = Double.parseDouble(epochs.get(2).replaceAll(".*train +([0-9.]+)%.*", "$1"));
        assertTrue(accuracy > 85, "a 2-8-1 network separates the moons: " + epochs.get(2));
    }

    @Test
    void aLearningRateThatSaturatesTheMoonsNetworkEndsTrainingWithWhatToTryInstead() {
        // the units saturate at step 2 while the loss stays finite: training went on at 50% accuracy, saying nothing
        assertEquals(1, run("train", "moons", "--points", "200", "--lr", "1e6", "--no-progress", "--threads", "1"));
        assertTrue(err().startsWith("shapeprop train: Training diverged at step 4: the loss grew from 0.8749 at the"
                + " first step to 1.9857e+06, and layer 2 Dense(16 -> 16, tanh) is saturated: 100% of its outputs are at"
                + " tanh's limits ±1 for this batch, as at step 2."), err());
        assertTrue(err().endsWith("The learning rate 1000000 is too large: each update overshoots and the weights grow"
                + " until the units saturate. Build the network again and train with learning rate 100000 (10× smaller)"
                + ". On the command line: --lr 100000.0 (10× smaller than --lr 1000000.0).\n"), err());
        assertTrue(out().lines().noneMatch(l -> l.startsWith("epoch")), out());
    }

    @Test
    void theRowsLayoutShowsTheTransposedShapes() {
        assertEquals(0, run("train", "moons", "--points", "100", "--hidden", "4", "--epochs", "1", "--layout", "rows",
                "--trace", "--no-progress"));
        assertTrue(out().contains("Z1 = X·W1 + b1"), out());
        assertTrue(out().contains("(100, 2)·(2, 4) + (1, 4)"), out());
    }

    @Test
    void otherToolsNamesAndPrefixesFindTheOptionMeantAndNonsenseFindsNone() {
        for (String[] typed : new String[][] {{"--rate", "lr"}, {"--learning-rate", "lr"}, {"--batch-size", "batch"},
                {"--layers", "hidden"}, {"--act", "activation"}, {"--ep", "epochs"}, {"--LR", "lr"}}) {
            err.reset();
            assertEquals(2, run("train", "moons", typed[0], "1"));
            assertTrue(err().startsWith("shapeprop train: unknown option " + typed[0] + "; did you mean --" + typed[1]
                    + "?"), err());
        }
        err.reset();
        assertEquals(2, run("train", "moons", "--x", "1"));
        assertTrue(err().startsWith("shapeprop train: unknown option --x. The options of train are:"), err());
    }

    @Test
    void aSingleDashOptionIsCaughtAndMinusHAsksForHelp() {
        assertEquals(2, run("train", "moons", "-lr", "0.1"));
        assertEquals("shapeprop train: '-lr': options start with two dashes; did you mean --lr?\n"
                + "Run 'shapeprop train --help' for its options.\n", err());
        assertEquals(0, run("train", "moons", "-h"));
        assertTrue(out().startsWith("Usage: shapeprop train"), out());
    }

    @Test
    void anOptionGivenTwiceWithTwoValuesIsNamedAndTheSameValueTwiceIsTaken() {
        assertEquals(2, run("train", "moons", "--lr", "0.5", "--epochs", "3", "--lr=2"));
        assertEquals("shapeprop train: --lr is given twice, as 0.5 and as 2; give it once, with the value you mean"
                + " (e.g. --lr 2).\nRun 'shapeprop train --help' for its options.\n", err());
        assertEquals(0, run("train", "moons", "--points", "100", "--epochs", "2", "--epochs", "2", "--no-progress"));
        assertTrue(out().contains("lr 0.5, 2 steps"), out());
    }

    @Test
    void numbersTooLargeAndTrailingCommasAreNamed() {
        assertEquals(2, run("train", "moons", "--epochs", "99999999999"));
        assertTrue(err().startsWith("shapeprop train: --epochs is 99999999999 but can be at most 2147483647.\n"), err());
        err.reset();
        assertEquals(2, run("train", "moons", "--hidden", "16,"));
        assertTrue(err().startsWith("shapeprop train: --hidden '16,': '' is not a layer size;"), err());
    }

    @Test
    void aLayerTooLargeForOneArrayIsAnErrorNotACrash() {
        assertEquals(1, run("train", "moons", "--points", "100", "--hidden", "2000000000", "--no-progress"));
        assertTrue(err().contains("has 4000000000 entries, more than one Java array holds (2147483639); use fewer rows"
                + " or columns"), err());
    }

    @Test
    void tooManyPointsIsAnErrorNotACrash() {
        assertEquals(1, run("train", "moons", "--points", "2000000000", "--no-progress"));
        assertTrue(err().startsWith("shapeprop train: a (2000000000, 2) matrix has 4000000000 entries"), err());
    }

    @Test
    void divergedTrainingEndsWithItsExplanationNotAStackTrace() {
        assertEquals(1, run("train", "moons", "--points", "200", "--epochs", "30", "--lr", "1e300", "--activation",
                "relu", "--no-progress", "--every", "1"));
        assertTrue(err().startsWith("shapeprop train: Training diverged at step "), err());
        assertTrue(err().contains("try 10× smaller"), err());
        assertTrue(err().endsWith(" On the command line: --lr 1e+299 (10× smaller than --lr 1e+300).\n"), err());
    }

    @Test
    void benchDotHasHelpAndCheckedOptions() {
        assertEquals(0, run("help", "dot"));
        assertTrue(out().startsWith("Usage: shapeprop bench dot [options]"), out());
        out.reset();
        assertEquals(0, run("help", "bench", "dot"));
        assertTrue(out().startsWith("Usage: shapeprop bench dot [options]"), out());
        assertEquals(2, run("bench", "dot", "--rounds", "0", "--no-numpy"));
        assertEquals("shapeprop bench dot: --rounds is 0 but must be at least 1.\n"
                + "Run 'shapeprop bench dot --help' for its options.\n", err());
    }

    @Test
    void benchChecksForNumpyBeforeItTrains() {
        assertEquals(2, run("bench", "moons-200", "--python", "/no/such/python3"));
        assertTrue(err().startsWith("shapeprop bench: /no/such/python3 cannot be run ("), err());
        assertTrue(err().contains("pass --python PATH of a Python with numpy, or --no-numpy"), err());
        assertEquals("", out(), "nothing trained, nothing printed");
    }
}
